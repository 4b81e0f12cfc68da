// The push rules of docs/sync.md: who may push what, idempotency by (site, entity, id) and
// payload hash, and the conflict rules. Runs inside the store's transaction.
#include "push_checks.h"
#include "store_internal.h"

#include <prescreen/core/decision_rules.h>
#include <prescreen/core/role_policy.h>
#include <prescreen/core/time.h>

#include <array>
#include <optional>

namespace prescreen::core::hq::detail {
namespace {

constexpr std::array<std::string_view, 9> kEntities = {
    "decision",        "annotation",   "examination_result",
    "case_assignment", "training_set", "officer",
    "audit_event",     "shipment",     "case"};

bool knownEntity(const std::string& entity) {
    for (auto known : kEntities)
        if (entity == known)
            return true;
    return false;
}

struct Verdict {
    bool allowed = true;
    std::string reason;
    std::string flag; ///< allowed, but noted in HQ's audit (item_flagged) for a supervisor
};

Verdict refuse(std::string reason) {
    return {false, std::move(reason), {}};
}

struct DirectoryEntry {
    Roles roles;
    bool active = false;
    std::string inactiveSince; ///< when deactivated; empty while active
};

std::optional<DirectoryEntry> lookupOfficer(sqlite::Connection& db, const std::string& badge) {
    auto query =
        db.prepare("SELECT roles, active, inactive_since FROM hq_officers WHERE badge = ?1");
    query.bind(1, badge);
    if (!query.step())
        return std::nullopt;
    return DirectoryEntry{Roles::fromBits(static_cast<unsigned>(query.columnInt64(0))),
                          query.columnInt64(1) != 0, query.columnOptionalText(2).value_or("")};
}

// An inactive officer's record is accepted when the workstation made it while the officer was
// still active: its createdAt (the workstation's clock, checked against HQ's within
// kMaxClockSkew) is before HQ recorded the deactivation. It is flagged for review, since a
// workstation clock set back could pass this check.
Verdict activeWhenMade(const std::string& badge, const DirectoryEntry& officer,
                       const PushItem& item) {
    if (officer.active)
        return {};
    if (!officer.inactiveSince.empty() && item.createdAt < officer.inactiveSince)
        return {true,
                {},
                "made by " + badge + " at " + item.createdAt +
                    " while active; the officer was deactivated at " + officer.inactiveSince};
    return refuse(
        "officer " + badge + " is inactive" +
        (officer.inactiveSince.empty() ? std::string() : " (since " + officer.inactiveSince + ")"));
}

// Who may push what: core::rolePolicy(), the same table the workstation's services check
// (docs/sync.md#push-post-v1push lists it per entity).
Verdict checkActor(sqlite::Connection& db, const PushItem& item) {
    const auto& entity = item.entity;
    // Audit events are the workstation's own record (a failed sign-in names a badge that may not
    // exist): their hash chain, checked for continuity, vouches for them, not the directory.
    if (entity == "audit_event" || entity == "shipment" || entity == "case")
        return {};
    if (!item.actor)
        return refuse(entity + " " + item.id + " names no officer (actor)");
    const auto& badge = *item.actor;
    const auto officer = lookupOfficer(db, badge);
    if (!officer)
        return refuse("officer " + badge + " is not in the directory");
    auto verdict = activeWhenMade(badge, *officer, item);
    if (!verdict.allowed)
        return verdict;
    const Roles roles = officer->roles;
    const auto deny = [&](const std::string& needs) {
        return refuse("officer " + badge + " (" + formatRoles(roles) + ") may not push " + entity +
                      ": needs " + needs);
    };
    if (entity == "decision") {
        // The payload's kind says which role it needs (schema-checked before this runs).
        const auto kind = parseDecisionKind(item.payload.value("kind", ""));
        if (auto refusal = decisionRoleRefusal(kind.value_or(DecisionKind::Initial), roles,
                                               "officer " + badge))
            return refuse(*refusal);
        return verdict;
    }
    if (entity == "annotation")
        return allows(roles, Permission::AnnotateCases) ||
                       allows(roles, Permission::AnnotateForReview)
                   ? verdict
                   : deny("officer, supervisor or trainer");
    if (entity == "examination_result")
        return allows(roles, Permission::RecordExaminations)
                   ? verdict
                   : deny(describeRoles(Permission::RecordExaminations));
    // An officer claims a case from the shared queue by opening it; a supervisor assigns one.
    if (entity == "case_assignment")
        return allows(roles, Permission::ClaimCases) || allows(roles, Permission::AssignCases)
                   ? verdict
                   : deny("officer (claiming a case) or supervisor");
    if (entity == "training_set")
        return allows(roles, Permission::ManageTraining)
                   ? verdict
                   : deny(describeRoles(Permission::ManageTraining));
    if (entity == "officer")
        return allows(roles, Permission::ManageOfficers)
                   ? verdict
                   : deny(describeRoles(Permission::ManageOfficers));
    return refuse("unknown entity '" + entity + "'");
}

// "uuid#version" -> the two parts; nullopt if it is not that form.
std::optional<std::pair<std::string, std::string>> annotationKey(const std::string& id) {
    const auto hash = id.rfind('#');
    if (hash == std::string::npos || hash == 0 || hash + 1 == id.size())
        return std::nullopt;
    const auto version = id.substr(hash + 1);
    if (version.size() > 9 || version[0] == '0')
        return std::nullopt;
    for (char c : version)
        if (c < '0' || c > '9')
            return std::nullopt;
    return std::pair{id.substr(0, hash), version};
}

struct Existing {
    std::string sha256;
    std::string createdAt;
};

std::optional<Existing> existing(sqlite::Connection& db, const std::string& site,
                                 const PushItem& item) {
    auto query = db.prepare("SELECT payload_sha256, created_at FROM hq_items "
                            "WHERE site = ?1 AND entity = ?2 AND id = ?3");
    query.bind(1, site).bind(2, item.entity).bind(3, item.id);
    if (!query.step())
        return std::nullopt;
    return Existing{query.columnText(0), query.columnText(1)};
}

ItemResult applyOne(sqlite::Connection& db, const std::string& site, const PushItem& item,
                    TimePoint clock, const std::string& now, std::string& flag) {
    ItemResult result{item.seq, ItemStatus::Rejected, {}};
    if (!knownEntity(item.entity)) {
        result.reason = "unknown entity '" + item.entity + "'";
        return result;
    }
    if (!item.payload.is_object()) {
        result.reason = item.entity + " " + item.id + ": payload is not an object";
        return result;
    }
    std::optional<std::pair<std::string, std::string>> annotation;
    if (item.entity == "annotation") {
        annotation = annotationKey(item.id);
        if (!annotation) {
            result.reason = "annotation id '" + item.id + "' is not <uuid>#<version>";
            return result;
        }
    }
    if (auto problem = shapeProblem(item, clock)) {
        result.reason = *problem;
        return result;
    }
    auto verdict = checkActor(db, item);
    if (!verdict.allowed) {
        result.reason = verdict.reason;
        return result;
    }
    const auto canonical = item.payload.dump();
    const auto sha = payloadSha256(canonical);
    const auto held = existing(db, site, item);
    if (held && held->sha256 == sha) {
        result.status = ItemStatus::Duplicate;
        return result;
    }
    if (auto problem = meaningProblem(db, site, item)) {
        result.reason = *problem;
        return result;
    }
    flag = verdict.flag;
    if (held) {
        if (item.entity != "officer" && item.entity != "case") {
            result.reason = annotation ? "conflict: annotation " + annotation->first + " version " +
                                             annotation->second + " differs"
                                       : "conflict: " + item.entity + " " + item.id +
                                             " differs from the one HQ holds";
            return result;
        }
        // Last writer wins by createdAt; an older or equally old write changes nothing.
        if (item.createdAt <= held->createdAt) {
            result.status = ItemStatus::Duplicate;
            result.reason = "superseded: HQ holds a later " + item.entity + " " + item.id + " (" +
                            held->createdAt + ")";
            return result;
        }
        db.prepare("UPDATE hq_items SET actor = ?4, created_at = ?5, payload = ?6, "
                   "payload_sha256 = ?7, received_at = ?8 "
                   "WHERE site = ?1 AND entity = ?2 AND id = ?3")
            .bind(1, site)
            .bind(2, item.entity)
            .bind(3, item.id)
            .bind(4, item.actor ? std::string_view(*item.actor) : std::string_view())
            .bind(5, item.createdAt)
            .bind(6, canonical)
            .bind(7, sha)
            .bind(8, now)
            .run();
        result.status = ItemStatus::Stored;
        return result;
    }
    auto insert =
        db.prepare("INSERT INTO hq_items(site, entity, id, actor, created_at, payload, "
                   "payload_sha256, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    insert.bind(1, site).bind(2, item.entity).bind(3, item.id);
    if (item.actor)
        insert.bind(4, *item.actor);
    else
        insert.bind(4, nullptr);
    insert.bind(5, item.createdAt).bind(6, canonical).bind(7, sha).bind(8, now).run();
    if (item.entity == "audit_event")
        advanceAuditHead(db, site, item);
    result.status = ItemStatus::Stored;
    return result;
}

} // namespace

std::vector<ItemResult> applyPush(sqlite::Connection& db, const std::string& site,
                                  const std::string& peer, const std::vector<PushItem>& items) {
    const auto clock = std::chrono::system_clock::now();
    const auto now = formatUtc(clock);
    std::vector<ItemResult> results;
    results.reserve(items.size());
    for (const auto& item : items) {
        std::string flag;
        auto result = applyOne(db, site, item, clock, now, flag);
        if (result.status == ItemStatus::Stored && !flag.empty())
            insertAudit(db, {0,
                             now,
                             site,
                             peer,
                             "item_flagged",
                             item.entity + " " + item.id,
                             {{"seq", item.seq},
                              {"actor", item.actor ? nlohmann::json(*item.actor) : nullptr},
                              {"reason", flag}}});
        if (result.status == ItemStatus::Rejected)
            insertAudit(db, {0,
                             now,
                             site,
                             peer,
                             "item_rejected",
                             item.entity + " " + item.id,
                             {{"seq", item.seq},
                              {"actor", item.actor ? nlohmann::json(*item.actor) : nullptr},
                              {"reason", result.reason}}});
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace prescreen::core::hq::detail
