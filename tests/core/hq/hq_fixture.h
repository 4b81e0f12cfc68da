#pragma once
// A store with a small officer directory for the HQ tests: one badge per role, one inactive.

#include <prescreen/core/audit.h>
#include <prescreen/core/password.h>
#include <prescreen/hq/sqlite_store.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <test_support.h>

namespace prescreen::test::hq {

struct HqFixture {
    TempDir dir;
    std::unique_ptr<core::hq::SqliteHqStore> store =
        std::make_unique<core::hq::SqliteHqStore>(dir / "hq.db");

    HqFixture() {
        using core::Role;
        const auto hash = core::hashPassword("demo-password", core::PasswordCost::minimum());
        store->putOfficer({"B-OFF", "Olive Officer", Role::Officer, true, hash});
        store->putOfficer({"B-SUP", "Sam Supervisor", Role::Supervisor, true, hash});
        store->putOfficer({"B-TRN", "Tess Trainer", Role::Trainer, true, hash});
        store->putOfficer({"B-ADM", "Ada Admin", Role::Admin, true, hash});
        store->putOfficer({"B-OLD", "Otto Retired", Role::Officer, false, hash});
    }
};

/// A lower-case UUID made from a readable name, so tests can say uuidOf("d1").
inline std::string uuidOf(const std::string& name) {
    const auto hash = static_cast<unsigned long long>(std::hash<std::string>{}(name));
    char text[40];
    std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012llx", hash & 0xffffffffffffULL);
    return text;
}

/// Audit events of one workstation's chain, each linked to the one before, with true hashes.
struct AuditChain {
    std::int64_t seq = 0;
    std::string hash = core::auditGenesisHash();

    nlohmann::json next(const std::string& actor = "", const std::string& action = "login") {
        core::AuditEvent event;
        event.seq = ++seq;
        event.id = uuidOf("event-" + hash + std::to_string(event.seq));
        event.at = "2026-11-22T10:00:00.000Z";
        event.actor = actor;
        event.action = action;
        event.subject = "";
        event.details = "{}";
        event.prevHash = hash;
        event.hash = core::auditEventHash(event);
        hash = event.hash;
        return {{"id", event.id},
                {"seq", event.seq},
                {"at", event.at},
                {"actor", event.actor},
                {"action", event.action},
                {"subject", event.subject},
                {"details", nlohmann::json::object()},
                {"prevHash", event.prevHash},
                {"hash", event.hash}};
    }
};

/// A payload the workstation could have written for `entity` under item id `id`
/// (resources/sync/push-payloads.schema.json).
inline nlohmann::json payloadFor(const std::string& entity, const std::string& id,
                                 const std::string& at) {
    const auto base = id.substr(0, id.find('#'));
    if (entity == "decision")
        return {{"id", id},
                {"caseId", uuidOf("case")},
                {"officerId", uuidOf("officer")},
                {"outcome", "release"},
                {"kind", "initial"},
                {"reasonCodes", {"low_risk"}},
                {"comment", ""},
                {"timeOnTaskMs", 1000},
                {"decidedAt", at},
                {"supersedesId", nullptr}};
    if (entity == "annotation")
        return {{"id", base},
                {"version", std::stoi(id.substr(id.find('#') + 1))},
                {"caseId", uuidOf("case")},
                {"viewKey", "1.2.3"},
                {"shape", "rectangle"},
                {"points", {{1, 2}, {3, 4}}},
                {"category", "concealment"},
                {"note", "made by the test"},
                {"authorId", uuidOf("officer")},
                {"createdAt", at},
                {"deleted", false}};
    if (entity == "examination_result")
        return {{"id", id},
                {"caseId", uuidOf("case")},
                {"supervisorId", uuidOf("supervisor")},
                {"outcome", "no_discrepancy"},
                {"findings", ""},
                {"recordedAt", at}};
    if (entity == "case_assignment")
        return {{"caseId", id}, {"officerId", uuidOf("officer")}};
    if (entity == "training_set")
        return {{"id", id},
                {"name", "set"},
                {"createdBy", uuidOf("trainer")},
                {"createdAt", at},
                {"cases", {{{"caseId", uuidOf("case")}, {"expected", "release"}}}}};
    if (entity == "officer")
        return {{"id", id},
                {"badge", "B-NEW"},
                {"name", "New Officer"},
                {"roles", "officer"},
                {"active", true}};
    if (entity == "shipment")
        return {{"id", id}, {"manifest", nlohmann::json::object()}, {"createdAt", at}};
    if (entity == "case")
        return {{"id", id},
                {"shipmentId", uuidOf("shipment")},
                {"cargoControlNumber", "8XYZ1"},
                {"mode", "courier"},
                {"origin", "CN"},
                {"status", "queued"},
                {"assignedOfficerId", ""},
                {"createdAt", at},
                {"updatedAt", at},
                {"risk", nullptr},
                {"scans", nlohmann::json::array()}};
    return {{"id", id}};
}

/// A pushed item named readably: `name` becomes a UUID ("m1#2": the annotation uuidOf("m1")
/// version 2; an annotation name without '#' is kept as it is, malformed). The payload is what
/// the workstation writes, with `changes` merged in; a non-object `changes` replaces it. An
/// audit_event needs its payload given (AuditChain).
inline core::hq::PushItem item(std::int64_t seq, std::string entity, const std::string& name,
                               std::optional<std::string> actor,
                               nlohmann::json changes = nlohmann::json::object(),
                               std::string createdAt = "2026-11-22T10:00:00.000Z") {
    std::string id = uuidOf(name);
    if (entity == "annotation")
        id = name.find('#') == std::string::npos
                 ? name
                 : uuidOf(name.substr(0, name.find('#'))) + name.substr(name.find('#'));
    nlohmann::json payload = changes;
    if (changes.is_object()) {
        payload = id.find('#') != std::string::npos || entity != "annotation"
                      ? payloadFor(entity, id, createdAt)
                      : nlohmann::json{{"id", id}};
        payload.update(changes);
    }
    return {seq,
            std::move(entity),
            std::move(id),
            std::move(actor),
            std::move(createdAt),
            std::move(payload)};
}

/// The item as it travels in a push body.
inline nlohmann::json toJson(const core::hq::PushItem& pushed) {
    nlohmann::json json = {{"seq", pushed.seq},
                           {"entity", pushed.entity},
                           {"id", pushed.id},
                           {"createdAt", pushed.createdAt},
                           {"payload", pushed.payload}};
    if (pushed.actor)
        json["actor"] = *pushed.actor;
    return json;
}

} // namespace prescreen::test::hq
