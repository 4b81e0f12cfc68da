#include "audit_records.h"

#include "service_rows.h"

#include <prescreen/core/digest.h>
#include <prescreen/core/model_json.h>

#include <nlohmann/json.hpp>

#include <map>

namespace prescreen::core::audit_detail {
namespace {

struct Recorded {
    std::int64_t seq = 0;
    nlohmann::json details;
};

bool hasTable(sqlite::Connection& db, const char* name) {
    auto query =
        db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    query.bind(1, name);
    query.step();
    return query.columnInt64(0) > 0;
}

} // namespace

std::string decisionRecordDigest(const Decision& decision) {
    const auto text = toJson(decision).dump();
    Digest digest(Digest::Algorithm::Sha256);
    digest.update(text.data(), text.size());
    return digest.hex();
}

void crossCheckDecisions(sqlite::Connection& db,
                         const std::function<void(std::int64_t, std::string)>& add) {
    if (!hasTable(db, "decisions"))
        return;
    std::map<std::string, Recorded> recorded; // decision id -> its event
    auto events = db.prepare("SELECT seq, details FROM audit_events WHERE action IN "
                             "('decide', 'correct_decision', 'override') ORDER BY seq");
    while (events.step()) {
        auto details = nlohmann::json::parse(events.columnText(1), nullptr, false);
        if (!details.is_object() || !details.contains("decisionId") ||
            !details.at("decisionId").is_string())
            continue; // a damaged event: the chain check reports it
        const auto id = details.at("decisionId").get<std::string>();
        recorded[id] = {events.columnInt64(0), std::move(details)};
    }
    auto rows = db.prepare(std::string("SELECT ") + rows::kDecisionColumns +
                           " FROM decisions ORDER BY rowid");
    while (rows.step()) {
        const auto decision = rows::decision(rows);
        const auto it = recorded.find(decision.id);
        const auto label = "decision " + decision.id + " of case " + decision.caseId;
        if (it == recorded.end()) {
            add(0, label + " has no audit event: it was inserted outside Prescreen");
            continue;
        }
        const auto& [seq, details] = it->second;
        const auto where = " (recorded by event " + std::to_string(seq) + ")";
        if (const auto record = details.find("record"); record != details.end()) {
            if (record->is_string() && *record != decisionRecordDigest(decision))
                add(seq, label +
                             " was changed after it was made: it no longer matches the "
                             "record its audit event holds" +
                             where);
        } else if (details.value("outcome", "") != outcomeName(decision.outcome) ||
                   details.value("reasonCodes", nlohmann::json()) !=
                       nlohmann::json(decision.reasonCodes)) {
            // Events written before the record digest name the outcome and reason codes only.
            add(seq, label +
                         " was changed after it was made: its outcome or reason codes differ "
                         "from its audit event" +
                         where);
        }
        recorded.erase(it);
    }
    for (const auto& [id, event] : recorded)
        add(event.seq, "decision " + id + " recorded by event " + std::to_string(event.seq) +
                           " is missing from the decisions table: it was deleted");
}

} // namespace prescreen::core::audit_detail
