// The push rules of docs/sync.md: who may push what, idempotency by (site, entity, id) and
// payload hash, and the conflict rules. Runs inside the store's transaction.
#include "store_internal.h"

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
};

Verdict refuse(std::string reason) {
    return {false, std::move(reason)};
}

std::optional<std::pair<Roles, bool>> lookupOfficer(sqlite::Connection& db,
                                                    const std::string& badge) {
    auto query = db.prepare("SELECT roles, active FROM hq_officers WHERE badge = ?1");
    query.bind(1, badge);
    if (!query.step())
        return std::nullopt;
    return std::pair{Roles::fromBits(static_cast<unsigned>(query.columnInt64(0))),
                     query.columnInt64(1) != 0};
}

bool supersedes(const nlohmann::json& payload) {
    const auto it = payload.find("supersedesId");
    return it != payload.end() && it->is_string() && !it->get_ref<const std::string&>().empty();
}

// Who may push what: core::rolePolicy(), the same table the workstation's services check
// (docs/sync.md#push-post-v1push lists it per entity).
Verdict checkActor(sqlite::Connection& db, const PushItem& item) {
    const auto& entity = item.entity;
    const bool actorOptional = entity == "audit_event" || entity == "shipment" || entity == "case";
    if (!item.actor) {
        if (actorOptional)
            return {};
        return refuse(entity + " " + item.id + " names no officer (actor)");
    }
    const auto& badge = *item.actor;
    const auto officer = lookupOfficer(db, badge);
    if (!officer)
        return refuse("officer " + badge + " is not in the directory");
    if (!officer->second)
        return refuse("officer " + badge + " is inactive");
    if (actorOptional)
        return {};
    const Roles roles = officer->first;
    const auto deny = [&](const std::string& needs) {
        return refuse("officer " + badge + " (" + formatRoles(roles) + ") may not push " + entity +
                      ": needs " + needs);
    };
    if (entity == "decision") {
        if (allows(roles, Permission::DecideCases) ||
            (allows(roles, Permission::OverrideDecisions) && supersedes(item.payload)))
            return {};
        return deny(allows(roles, Permission::OverrideDecisions)
                        ? "officer (a supervisor's decision must supersede one)"
                        : "officer, or supervisor for an override");
    }
    if (entity == "annotation")
        return allows(roles, Permission::AnnotateCases) ||
                       allows(roles, Permission::AnnotateForReview)
                   ? Verdict{}
                   : deny("officer, supervisor or trainer");
    if (entity == "examination_result")
        return allows(roles, Permission::RecordExaminations)
                   ? Verdict{}
                   : deny(describeRoles(Permission::RecordExaminations));
    // An officer claims a case from the shared queue by opening it; a supervisor assigns one.
    if (entity == "case_assignment")
        return allows(roles, Permission::ClaimCases) || allows(roles, Permission::AssignCases)
                   ? Verdict{}
                   : deny("officer (claiming a case) or supervisor");
    if (entity == "training_set")
        return allows(roles, Permission::ManageTraining)
                   ? Verdict{}
                   : deny(describeRoles(Permission::ManageTraining));
    if (entity == "officer")
        return allows(roles, Permission::ManageOfficers)
                   ? Verdict{}
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
                    const std::string& now) {
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
    if (auto verdict = checkActor(db, item); !verdict.allowed) {
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
    result.status = ItemStatus::Stored;
    return result;
}

} // namespace

std::vector<ItemResult> applyPush(sqlite::Connection& db, const std::string& site,
                                  const std::string& peer, const std::vector<PushItem>& items) {
    const auto now = formatUtc(std::chrono::system_clock::now());
    std::vector<ItemResult> results;
    results.reserve(items.size());
    for (const auto& item : items) {
        auto result = applyOne(db, site, item, now);
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
