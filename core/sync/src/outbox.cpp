#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/sync/outbox.h>

#include <map>
#include <set>

namespace prescreen::sync {
namespace {

// The envelope around the items: {"batch":"<36>","items":[...]} plus commas.
constexpr std::size_t kEnvelopeBytes = 64;

std::string badgeOf(core::sqlite::Connection& db, const nlohmann::json& payload,
                    const char* field) {
    const auto it = payload.find(field);
    if (it == payload.end() || !it->is_string() || it->get<std::string>().empty())
        return "";
    auto query = db.prepare("SELECT badge FROM officers WHERE id = ?1");
    query.bind(1, it->get<std::string>());
    return query.step() ? query.columnText(0) : "";
}

// The actor of the audit event that the same transaction wrote after the record.
std::string actorOfNextAuditEvent(core::sqlite::Connection& db, std::int64_t seq) {
    auto query = db.prepare("SELECT payload FROM outbox WHERE seq > ?1 AND entity = 'audit_event' "
                            "ORDER BY seq LIMIT 1");
    query.bind(1, seq);
    if (!query.step())
        return "";
    const auto event = nlohmann::json::parse(query.columnText(0), nullptr, false);
    if (!event.is_object() || !event.contains("actor") || !event.at("actor").is_string())
        return "";
    return event.at("actor").get<std::string>();
}

} // namespace

std::string resolveActor(core::sqlite::Connection& db, std::int64_t seq, const std::string& entity,
                         const nlohmann::json& payload) {
    if (!payload.is_object())
        return "";
    if (entity == "decision")
        return badgeOf(db, payload, "officerId");
    if (entity == "annotation")
        return badgeOf(db, payload, "authorId");
    if (entity == "examination_result")
        return badgeOf(db, payload, "supervisorId");
    if (entity == "training_set")
        return badgeOf(db, payload, "createdBy");
    if (entity == "audit_event") {
        const auto it = payload.find("actor");
        return it != payload.end() && it->is_string() ? it->get<std::string>() : "";
    }
    if (entity == "officer" || entity == "case_assignment")
        return actorOfNextAuditEvent(db, seq);
    return "";
}

OutboxBatch readOutboxBatch(core::sqlite::Connection& db, std::size_t maxItems,
                            std::size_t maxBytes) {
    OutboxBatch batch;
    std::string items;
    std::size_t bytes = kEnvelopeBytes;
    auto query =
        db.prepare("SELECT seq, entity, entity_id, payload, created_at FROM outbox ORDER BY seq");
    while (batch.items.size() < maxItems && query.step()) {
        OutboxItem item;
        item.seq = query.columnInt64(0);
        item.entity = query.columnText(1);
        item.id = query.columnText(2);
        item.createdAt = query.columnText(4);
        item.payload = nlohmann::json::parse(query.columnText(3), nullptr, false);
        if (item.payload.is_discarded()) {
            batch.refused.push_back({item.seq, "the outbox payload is not valid JSON"});
            continue;
        }
        item.actor = resolveActor(db, item.seq, item.entity, item.payload);
        nlohmann::json json = {{"seq", item.seq},
                               {"entity", item.entity},
                               {"id", item.id},
                               {"createdAt", item.createdAt},
                               {"payload", item.payload}};
        if (!item.actor.empty())
            json["actor"] = item.actor;
        const auto text = json.dump();
        if (text.size() + kEnvelopeBytes > maxBytes) {
            batch.refused.push_back(
                {item.seq, "larger than a whole push (" + std::to_string(text.size()) + " bytes)"});
            continue;
        }
        if (bytes + text.size() + 1 > maxBytes)
            break;
        bytes += text.size() + 1;
        if (!items.empty())
            items += ',';
        items += text;
        batch.items.push_back(std::move(item));
    }
    if (!batch.items.empty())
        batch.body = "{\"batch\":\"" + core::newUuid() + "\",\"items\":[" + items + "]}";
    return batch;
}

std::vector<PushResult> parsePushResponse(const std::string& body, const OutboxBatch& batch) {
    const auto json = nlohmann::json::parse(body, nullptr, false);
    if (!json.is_object() || !json.contains("results") || !json.at("results").is_array())
        throw Error(ErrorCode::BadFormat, "HQ's push answer has no \"results\" array");
    std::set<std::int64_t> sent;
    for (const auto& item : batch.items)
        sent.insert(item.seq);
    std::vector<PushResult> results;
    for (const auto& entry : json.at("results")) {
        if (!entry.is_object() || !entry.contains("seq") || !entry.at("seq").is_number_integer() ||
            !entry.contains("status") || !entry.at("status").is_string())
            throw Error(ErrorCode::BadFormat,
                        "HQ's push answer: a result without integer seq and string status");
        PushResult result;
        result.seq = entry.at("seq").get<std::int64_t>();
        if (sent.count(result.seq) == 0)
            throw Error(ErrorCode::BadFormat, "HQ's push answer names seq " +
                                                  std::to_string(result.seq) +
                                                  ", which was not in the batch");
        const auto status = entry.at("status").get<std::string>();
        if (status == "stored")
            result.status = PushResult::Status::Stored;
        else if (status == "duplicate")
            result.status = PushResult::Status::Duplicate;
        else if (status == "rejected")
            result.status = PushResult::Status::Rejected;
        else
            throw Error(ErrorCode::BadFormat,
                        "HQ's push answer: unknown status '" + status.substr(0, 40) + "'");
        if (const auto reason = entry.find("reason"); reason != entry.end() && reason->is_string())
            result.reason = reason->get<std::string>().substr(0, 1000);
        if (result.status == PushResult::Status::Rejected && result.reason.empty())
            result.reason = "rejected by HQ without a reason";
        results.push_back(std::move(result));
    }
    return results;
}

PushCounts applyPushResults(core::sqlite::Connection& db, const OutboxBatch& batch,
                            const std::vector<PushResult>& results, const std::string& now) {
    PushCounts counts;
    core::sqlite::Transaction transaction(db);
    auto keep = db.prepare(
        "INSERT INTO sync_rejected(seq, entity, entity_id, payload, created_at, reason, "
        "rejected_at) SELECT seq, entity, entity_id, payload, created_at, ?2, ?3 FROM outbox "
        "WHERE seq = ?1 ON CONFLICT(seq) DO NOTHING");
    auto remove = db.prepare("DELETE FROM outbox WHERE seq = ?1");
    auto reject = [&](std::int64_t seq, const std::string& reason) {
        keep.reset();
        keep.bind(1, seq).bind(2, reason).bind(3, now).run();
        ++counts.rejected;
    };
    std::set<std::int64_t> done;
    for (const auto& result : results) {
        if (!done.insert(result.seq).second)
            continue;
        if (result.status == PushResult::Status::Stored)
            ++counts.stored;
        else if (result.status == PushResult::Status::Duplicate)
            ++counts.duplicate;
        else
            reject(result.seq, result.reason);
        remove.reset();
        remove.bind(1, result.seq).run();
    }
    for (const auto& refused : batch.refused) {
        reject(refused.seq, refused.reason);
        remove.reset();
        remove.bind(1, refused.seq).run();
    }
    transaction.commit();
    return counts;
}

} // namespace prescreen::sync
