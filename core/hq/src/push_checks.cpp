#include "push_checks.h"

#include <prescreen/core/audit.h>
#include <prescreen/core/decision_rules.h>
#include <prescreen/core/push_payloads.h>
#include <prescreen/core/text.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace prescreen::core::hq::detail {
namespace {

bool isUuid(std::string_view text) {
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

std::string text(const nlohmann::json& payload, const char* key) {
    const auto it = payload.find(key);
    return it != payload.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The id the item must carry, from its payload: "<id>", "<id>#<version>" or the case id.
std::string expectedId(const PushItem& item) {
    if (item.entity == "annotation")
        return text(item.payload, "id") + "#" +
               std::to_string(item.payload.value("version", std::int64_t{0}));
    if (item.entity == "case_assignment")
        return text(item.payload, "caseId");
    return text(item.payload, "id");
}

std::optional<std::string> timeProblem(std::string_view what, const std::string& value,
                                       TimePoint now) {
    const auto time = parseUtc(value);
    if (!time)
        return std::string(what) + " '" + quotable(value, 40) + "' is not a UTC time";
    // Compared as text to the second (both are formatUtc's form): a time point of 2999 would
    // overflow system_clock's range, so the parsed value is not compared.
    const auto limit = formatUtc(now + kMaxClockSkew);
    if (value.compare(0, 19, limit, 0, 19) > 0)
        return std::string(what) + " " + value + " is more than " +
               std::to_string(kMaxClockSkew.count()) + " minutes ahead of HQ's clock (" +
               formatUtc(now) + ")";
    return std::nullopt;
}

/// A decision's supersedesId must name a decision HQ holds, of the same case; an override must
/// come from someone else (four eyes), a correction from the author.
std::optional<std::string> decisionProblem(sqlite::Connection& db, const PushItem& item) {
    const auto kind = parseDecisionKind(text(item.payload, "kind"));
    const auto supersedes = text(item.payload, "supersedesId");
    const auto where = "decision " + item.id;
    if (*kind == DecisionKind::Initial) {
        if (!supersedes.empty())
            return where + ": an initial decision supersedes nothing";
        return std::nullopt;
    }
    if (supersedes.empty())
        return where + ": a " + std::string(decisionKindName(*kind)) +
               " must name the decision it supersedes (supersedesId)";
    auto query = db.prepare("SELECT actor, payload FROM hq_items WHERE entity = 'decision' AND "
                            "id = ?1 LIMIT 1");
    query.bind(1, supersedes);
    if (!query.step())
        return where + ": supersedes decision " + supersedes + ", which HQ does not hold";
    const auto author = query.columnText(0);
    const auto earlier = nlohmann::json::parse(query.columnText(1), nullptr, false);
    if (!earlier.is_object() || text(earlier, "caseId") != text(item.payload, "caseId"))
        return where + ": supersedes decision " + supersedes + " of another case";
    const auto actor = item.actor.value_or("");
    if (*kind == DecisionKind::Override)
        if (auto refusal = fourEyesRefusal(actor, author, "officer " + actor))
            return where + ": " + *refusal;
    if (*kind == DecisionKind::Correction && author != actor)
        return where + ": a correction is made by the decision's author (" + author +
               "); anyone else overrides";
    return std::nullopt;
}

/// The chain of a workstation's audit events, as HQ holds it: each new event carries its own
/// hash and links to the last one HQ holds for that workstation (or starts the chain).
std::optional<std::string> auditProblem(sqlite::Connection& db, const std::string& site,
                                        const PushItem& item) {
    const auto& p = item.payload;
    AuditEvent event;
    event.seq = p.at("seq").get<std::int64_t>();
    event.id = text(p, "id");
    event.at = text(p, "at");
    event.actor = text(p, "actor");
    event.action = text(p, "action");
    event.subject = text(p, "subject");
    event.details = p.at("details").dump();
    event.prevHash = text(p, "prevHash");
    event.hash = text(p, "hash");
    const auto label = "audit event " + std::to_string(event.seq);
    if (item.actor.value_or("") != event.actor)
        return label + ": the item's actor '" + quotable(item.actor.value_or(""), 64) +
               "' is not the event's actor '" + quotable(event.actor, 64) + "'";
    if (auditEventHash(event) != event.hash)
        return label + ": its hash does not match its contents";
    auto head = db.prepare("SELECT seq, hash FROM hq_audit_heads WHERE site = ?1");
    head.bind(1, site);
    if (!head.step()) {
        if (event.seq == 1 && event.prevHash != auditGenesisHash())
            return label + ": the first event of a chain links to nothing (64 zeros)";
        return std::nullopt; // the first event HQ sees of this workstation anchors its chain
    }
    const auto lastSeq = head.columnInt64(0);
    const auto lastHash = head.columnText(1);
    if (event.seq != lastSeq + 1 || event.prevHash != lastHash)
        return "audit chain break: " + label + " does not follow event " + std::to_string(lastSeq) +
               ", the last one HQ holds for " + site +
               (event.seq == lastSeq + 1 ? " (it links to another hash)"
                                         : " (expected event " + std::to_string(lastSeq + 1) + ")");
    return std::nullopt;
}

} // namespace

std::optional<std::string> shapeProblem(const PushItem& item, TimePoint now) {
    const auto* schema = pushPayloadSchema(item.entity);
    if (schema == nullptr)
        return "unknown entity '" + quotable(item.entity, 64) + "'";
    const auto where = item.entity + " " + quotable(item.id, 80);
    if (const auto bad = firstInvalidUtf8(item.id); bad != std::string::npos || item.id.empty())
        return where + ": the id is not valid text";
    const auto violations = schema->validate(item.payload, 200'000);
    if (!violations.empty())
        return where + ": payload" + violations[0].path + ": " + violations[0].message;
    const auto expected = expectedId(item);
    if (item.id != expected)
        return where + ": the id must be " +
               (item.entity == "annotation"        ? "<payload id>#<version>"
                : item.entity == "case_assignment" ? "the payload's caseId"
                                                   : "the payload's id (a lower-case UUID)") +
               " ('" + quotable(expected, 80) + "')";
    if (!isUuid(item.entity == "annotation" ? item.id.substr(0, 36) : item.id))
        return where + ": the id is not a lower-case UUID";
    if (auto problem = timeProblem("createdAt", item.createdAt, now))
        return where + ": " + *problem;
    for (const char* key : {"createdAt", "updatedAt", "decidedAt", "recordedAt", "at"})
        if (item.payload.contains(key))
            if (auto problem = timeProblem(key, text(item.payload, key), now))
                return where + ": " + *problem;
    return std::nullopt;
}

std::optional<std::string> meaningProblem(sqlite::Connection& db, const std::string& site,
                                          const PushItem& item) {
    // Records with a global id belong to the site that first pushed them: the same id from
    // another site is a replay. Cases, officers and assignments are shared, last writer wins.
    if (item.entity != "case" && item.entity != "officer" && item.entity != "case_assignment") {
        auto other = db.prepare(
            "SELECT site FROM hq_items WHERE entity = ?1 AND id = ?2 AND site <> ?3 LIMIT 1");
        other.bind(1, item.entity).bind(2, item.id).bind(3, site);
        if (other.step())
            return "replay: HQ holds " + item.entity + " " + item.id + " from " +
                   other.columnText(0) + " already";
    }
    if (item.entity == "decision")
        return decisionProblem(db, item);
    if (item.entity == "audit_event")
        return auditProblem(db, site, item);
    return std::nullopt;
}

void advanceAuditHead(sqlite::Connection& db, const std::string& site, const PushItem& item) {
    db.prepare("INSERT INTO hq_audit_heads(site, seq, hash) VALUES (?1, ?2, ?3) "
               "ON CONFLICT(site) DO UPDATE SET seq = excluded.seq, hash = excluded.hash")
        .bind(1, site)
        .bind(2, item.payload.at("seq").get<std::int64_t>())
        .bind(3, text(item.payload, "hash"))
        .run();
}

} // namespace prescreen::core::hq::detail
