#include "service_rows.h"

#include <prescreen/core/model_json.h>
#include <prescreen/core/service.h>
#include <prescreen/error.h>

namespace prescreen::core {

Service::Service(Store& store, ScanCache& cache, Clock clock, PasswordCost cost)
    : store_(store), cache_(cache), clock_(std::move(clock)), cost_(cost),
      audit_(store.connection(), clock_) {}

std::string Service::now() {
    return formatUtc(clock_());
}

void Service::outbox(const std::string& entity, const std::string& entityId,
                     const nlohmann::json& payload) {
    store_.connection()
        .prepare("INSERT INTO outbox(entity, entity_id, payload, created_at) "
                 "VALUES (?1, ?2, ?3, ?4)")
        .bind(1, entity)
        .bind(2, entityId)
        .bind(3, payload.dump())
        .bind(4, now())
        .run();
}

void Service::audit(const std::string& actor, const std::string& action, const std::string& subject,
                    const nlohmann::json& details) {
    const auto event = audit_.append(actor, action, subject, details);
    outbox("audit_event", event.id,
           {{"id", event.id},
            {"seq", event.seq},
            {"at", event.at},
            {"actor", event.actor},
            {"action", event.action},
            {"subject", event.subject},
            {"details", nlohmann::json::parse(event.details)},
            {"prevHash", event.prevHash},
            {"hash", event.hash}});
}

Case Service::loadCase(const std::string& caseId) {
    auto query = store_.connection().prepare(std::string("SELECT ") + rows::kCaseColumns +
                                             ", c.risk_json FROM cases c JOIN shipments s ON "
                                             "s.id = c.shipment_id WHERE c.id = ?1");
    query.bind(1, caseId);
    if (!query.step())
        throw Error(ErrorCode::NotFound, "no case " + caseId);
    auto item = rows::caseSummary(query);
    if (auto risk = query.columnOptionalText(11))
        item.risk = riskFromJson(nlohmann::json::parse(*risk));
    return item;
}

void Service::requireCanSee(const Session& session, const Case& item) {
    if (session.may(Permission::ReviewAllCases))
        return;
    if (session.may(Permission::ClaimCases) &&
        (item.assignedOfficerId.empty() || item.assignedOfficerId == session.officer().id))
        return;
    throw Error(ErrorCode::PermissionDenied,
                "case " + item.cargoControlNumber + " is assigned to another officer");
}

AuditReport Service::verifyAudit(const Session& session) {
    if (!session.may(Permission::VerifyAudit))
        throw Error(ErrorCode::PermissionDenied,
                    "only a supervisor or an administrator verifies the audit trail");
    // Verify first: the event recording this check must not be part of what it checked.
    auto report = audit_.verify();
    sqlite::Transaction transaction(store_.connection());
    audit(session.officer().badge, "audit_verify", "",
          {{"eventsChecked", report.eventsChecked}, {"problems", report.problems.size()}});
    transaction.commit();
    return report;
}

} // namespace prescreen::core
