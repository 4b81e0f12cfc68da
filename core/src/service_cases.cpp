#include "service_rows.h"

#include <prescreen/core/manifest.h>
#include <prescreen/core/model_json.h>
#include <prescreen/core/service.h>
#include <prescreen/error.h>

namespace prescreen::core {
namespace {

bool seesEverything(const Session& session) {
    return session.may(Permission::ReviewAllCases);
}

const char* orderBy(CaseQuery::Sort sort) {
    switch (sort) {
    case CaseQuery::Sort::RiskDescending:
        return " ORDER BY c.risk_score DESC, c.created_at, c.id";
    case CaseQuery::Sort::OldestFirst:
        return " ORDER BY c.created_at, c.id";
    case CaseQuery::Sort::NewestFirst:
        return " ORDER BY c.created_at DESC, c.id DESC";
    case CaseQuery::Sort::CargoControlNumber:
        return " ORDER BY s.cargo_control_number";
    }
    return "";
}

} // namespace

int Service::importerShipmentCount(const std::string& businessNumber) {
    auto query = store_.connection().prepare(
        "SELECT count(*) FROM shipments WHERE importer_business_number = ?1");
    query.bind(1, businessNumber);
    query.step();
    return static_cast<int>(query.columnInt64(0));
}

Case Service::ingestCase(const Manifest& manifest, const std::vector<ScanSource>& scans,
                         const RiskAssessment& risk, const std::string& caseId) {
    if (!caseId.empty() && !isUuid(caseId))
        throw Error(ErrorCode::InvalidArgument,
                    "case id '" + caseId.substr(0, 64) + "' is not a UUID");
    // Copying into the cache is slow and idempotent: done before the transaction, so a failure
    // leaves at most an unreferenced cache file, never a half-written case.
    std::vector<ScanFile> files;
    for (const auto& source : scans) {
        const auto cached = cache_.add(source.file);
        files.push_back({newUuid(), cached.sha256, source.file.filename().string(),
                         cached.sizeBytes, source.sopInstanceUid, source.sopClassUid,
                         source.studyInstanceUid});
    }
    auto& db = store_.connection();
    sqlite::Transaction transaction(db);
    {
        auto known = db.prepare("SELECT 1 FROM shipments WHERE cargo_control_number = ?1");
        known.bind(1, manifest.cargoControlNumber);
        if (known.step())
            throw Error(ErrorCode::Conflict, "cargo control number " + manifest.cargoControlNumber +
                                                 " is already on this site");
    }
    if (!caseId.empty()) {
        auto known = db.prepare("SELECT 1 FROM cases WHERE id = ?1");
        known.bind(1, caseId);
        if (known.step())
            throw Error(ErrorCode::Conflict, "case " + caseId + " is already on this site");
    }
    const auto time = now();
    const auto manifestJson = manifestToJson(manifest);
    Case item;
    item.id = caseId.empty() ? newUuid() : caseId;
    item.shipmentId = newUuid();
    item.cargoControlNumber = manifest.cargoControlNumber;
    item.mode = manifest.mode;
    item.origin = manifest.origin;
    item.status = CaseStatus::Queued;
    item.risk = risk;
    item.createdAt = item.updatedAt = time;
    db.prepare("INSERT INTO shipments(id, cargo_control_number, mode, origin, "
               "importer_business_number, scan_link_id, manifest_json, created_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, item.shipmentId)
        .bind(2, manifest.cargoControlNumber)
        .bind(3, modeName(manifest.mode))
        .bind(4, manifest.origin)
        .bind(5, manifest.importer.businessNumber)
        .bind(6, manifest.scanLinkId)
        .bind(7, manifestJson.dump())
        .bind(8, time)
        .run();
    db.prepare("INSERT INTO cases(id, shipment_id, status, risk_score, risk_level, risk_json, "
               "created_at, updated_at) VALUES (?1, ?2, 'queued', ?3, ?4, ?5, ?6, ?6)")
        .bind(1, item.id)
        .bind(2, item.shipmentId)
        .bind(3, risk.score)
        .bind(4, riskLevelName(risk.level))
        .bind(5, toJson(risk).dump())
        .bind(6, time)
        .run();
    auto insertScan = db.prepare(
        "INSERT INTO scans(id, case_id, sha256, file_name, size_bytes, sop_instance_uid, "
        "sop_class_uid, study_instance_uid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
        "ON CONFLICT(case_id, sha256) DO NOTHING");
    for (const auto& file : files) {
        insertScan.reset();
        insertScan.bind(1, file.id)
            .bind(2, item.id)
            .bind(3, file.sha256)
            .bind(4, file.fileName)
            .bind(5, file.sizeBytes)
            .bind(6, file.sopInstanceUid)
            .bind(7, file.sopClassUid)
            .bind(8, file.studyInstanceUid)
            .run();
    }
    outbox("shipment", item.shipmentId,
           {{"id", item.shipmentId}, {"manifest", manifestJson}, {"createdAt", time}});
    auto payload = toJson(item);
    payload["scans"] = nlohmann::json::array();
    for (const auto& file : files)
        payload["scans"].push_back(toJson(file));
    outbox("case", item.id, payload);
    audit("", "case_import", item.id,
          {{"cargoControlNumber", item.cargoControlNumber},
           {"scans", files.size()},
           {"riskScore", risk.score},
           {"rulesVersion", risk.rulesVersion}});
    transaction.commit();
    return item;
}

std::vector<Case> Service::queue(const Session& session, const CaseQuery& query) {
    return runQuery(query, seesEverything(session) ? std::string() : session.officer().id);
}

std::vector<Case> Service::siteQueue(const CaseQuery& query) {
    return runQuery(query, "");
}

std::vector<Case> Service::runQuery(const CaseQuery& query, const std::string& visibleTo) {
    std::string sql = std::string("SELECT ") + rows::kCaseColumns +
                      " FROM cases c JOIN shipments s ON s.id = c.shipment_id WHERE 1";
    std::vector<std::string> texts;
    auto parameter = [&](std::string value) {
        texts.push_back(std::move(value));
        return "?" + std::to_string(texts.size());
    };
    // With a limit (a page of the queue), the status and assignment filters are written with a
    // unary + so SQLite cannot use them as an index: it walks cases_by_risk / cases_by_age in
    // the requested order and stops at the limit (docs/benchmarks.md, "Store").
    const std::string walk = query.limit > 0 ? "+" : "";
    if (!query.statuses.empty()) {
        sql += " AND " + walk + "c.status IN (";
        for (std::size_t i = 0; i < query.statuses.size(); ++i)
            sql += (i ? ", " : "") + parameter(std::string(caseStatusName(query.statuses[i])));
        sql += ")";
    }
    if (query.minimumLevel == RiskLevel::High)
        sql += " AND c.risk_level IN ('high')";
    else if (query.minimumLevel == RiskLevel::Medium)
        sql += " AND c.risk_level IN ('medium', 'high')";
    if (query.mode)
        sql += " AND s.mode = " + parameter(std::string(modeName(*query.mode)));
    if (!query.origin.empty())
        sql += " AND s.origin = " + parameter(query.origin);
    if (!query.cargoControlPrefix.empty()) {
        // A range on the unique index: [prefix, prefix with its last byte raised).
        auto upper = query.cargoControlPrefix;
        while (!upper.empty() && static_cast<unsigned char>(upper.back()) == 0xFF)
            upper.pop_back();
        sql += " AND s.cargo_control_number >= " + parameter(query.cargoControlPrefix);
        if (!upper.empty()) {
            upper.back() = static_cast<char>(upper.back() + 1);
            sql += " AND s.cargo_control_number < " + parameter(upper);
        }
    }
    if (!query.assignedOfficerId.empty())
        sql += " AND " + walk + "c.assigned_officer_id = " + parameter(query.assignedOfficerId);
    if (!visibleTo.empty())
        sql += " AND (" + walk + "c.assigned_officer_id IS NULL OR " + walk +
               "c.assigned_officer_id = " + parameter(visibleTo) + ")";
    if (query.after) {
        // Written so the first order column bounds an index range and the rest break ties.
        const Case& last = *query.after;
        const auto id = parameter(last.id);
        const auto created = parameter(last.createdAt);
        switch (query.sort) {
        case CaseQuery::Sort::RiskDescending: {
            const auto score = parameter(std::to_string(last.risk ? last.risk->score : 0));
            sql += " AND c.risk_score <= " + score + " AND (c.risk_score < " + score +
                   " OR c.created_at > " + created + " OR (c.created_at = " + created +
                   " AND c.id > " + id + "))";
            break;
        }
        case CaseQuery::Sort::OldestFirst:
            sql += " AND c.created_at >= " + created + " AND (c.created_at > " + created +
                   " OR c.id > " + id + ")";
            break;
        case CaseQuery::Sort::NewestFirst:
            sql += " AND c.created_at <= " + created + " AND (c.created_at < " + created +
                   " OR c.id < " + id + ")";
            break;
        case CaseQuery::Sort::CargoControlNumber:
            sql += " AND s.cargo_control_number > " + parameter(last.cargoControlNumber);
            break;
        }
    }
    sql += orderBy(query.sort);
    if (query.limit > 0)
        sql += " LIMIT " + std::to_string(query.limit);

    auto statement = store_.connection().prepare(sql);
    for (std::size_t i = 0; i < texts.size(); ++i)
        statement.bind(static_cast<int>(i + 1), texts[i]);
    std::vector<Case> result;
    while (statement.step())
        result.push_back(rows::caseSummary(statement));
    return result;
}

CaseDetail Service::caseDetail(const Session& session, const std::string& caseId) {
    requireCanSee(session, loadCase(caseId));
    auto detail = loadDetail(caseId);
    detail.readOnly = !(session.may(Permission::DecideCases) &&
                        detail.summary.assignedOfficerId == session.officer().id);
    return detail;
}

std::vector<ScanFile> Service::caseScans(const Session& session, const std::string& caseId) {
    requireCanSee(session, loadCase(caseId));
    return loadScans(caseId);
}

std::vector<ScanFile> Service::loadScans(const std::string& caseId) {
    auto query = store_.connection().prepare(std::string("SELECT ") + rows::kScanColumns +
                                             " FROM scans WHERE case_id = ?1 ORDER BY file_name");
    query.bind(1, caseId);
    std::vector<ScanFile> scans;
    while (query.step())
        scans.push_back(rows::scan(query));
    return scans;
}

CaseDetail Service::siteCaseDetail(const std::string& caseId) {
    return loadDetail(caseId);
}

CaseDetail Service::loadDetail(const std::string& caseId) {
    CaseDetail detail;
    detail.summary = loadCase(caseId);
    auto& db = store_.connection();
    {
        auto query = db.prepare("SELECT s.manifest_json FROM shipments s JOIN cases c ON "
                                "c.shipment_id = s.id WHERE c.id = ?1");
        query.bind(1, caseId);
        query.step();
        auto batch = parseManifestJson(query.columnText(0), "case " + caseId);
        if (batch.records.size() != 1)
            throw Error(ErrorCode::Database,
                        "case " + caseId + ": its stored manifest no longer parses" +
                            (batch.problems.empty() ? "" : ": " + batch.problems[0].toString()));
        detail.manifest = std::move(batch.records[0]);
    }
    detail.scans = loadScans(caseId);
    detail.machineAlarms = loadMachineAlarms(caseId, detail.scans);
    {
        auto query = db.prepare(std::string("SELECT ") + rows::kAnnotationColumns +
                                rows::kCurrentAnnotationsOfCase + " ORDER BY created_at, id");
        query.bind(1, caseId);
        while (query.step())
            detail.annotations.push_back(rows::annotation(query));
    }
    {
        auto query = db.prepare(std::string("SELECT ") + rows::kDecisionColumns +
                                " FROM decisions WHERE case_id = ?1 ORDER BY decided_at, rowid");
        query.bind(1, caseId);
        while (query.step())
            detail.decisions.push_back(rows::decision(query));
    }
    {
        auto query = db.prepare(std::string("SELECT ") + rows::kExaminationColumns +
                                " FROM examination_results WHERE case_id = ?1 "
                                "ORDER BY recorded_at, rowid");
        query.bind(1, caseId);
        while (query.step())
            detail.examinations.push_back(rows::examination(query));
    }
    return detail;
}

CaseDetail Service::openCase(const Session& session, const std::string& caseId) {
    {
        sqlite::Transaction transaction(store_.connection());
        auto item = loadCase(caseId);
        requireCanSee(session, item);
        const bool claim = session.may(Permission::ClaimCases) && item.assignedOfficerId.empty() &&
                           item.status == CaseStatus::Queued;
        if (claim) {
            store_.connection()
                .prepare("UPDATE cases SET status = 'open', assigned_officer_id = ?1, "
                         "updated_at = ?2 WHERE id = ?3")
                .bind(1, session.officer().id)
                .bind(2, now())
                .bind(3, caseId)
                .run();
            outbox("case_assignment", caseId,
                   {{"caseId", caseId}, {"officerId", session.officer().id}, {"status", "open"}});
        }
        audit(session.officer().badge, "open_case", caseId,
              {{"cargoControlNumber", item.cargoControlNumber}, {"claimed", claim}});
        transaction.commit();
    }
    return caseDetail(session, caseId);
}

void Service::assignCase(const Session& session, const std::string& caseId,
                         const std::string& badge) {
    if (!session.may(Permission::AssignCases))
        throw Error(ErrorCode::PermissionDenied, "only a supervisor assigns cases");
    sqlite::Transaction transaction(store_.connection());
    auto item = loadCase(caseId);
    if (item.status == CaseStatus::Decided)
        throw Error(ErrorCode::Conflict, "case " + item.cargoControlNumber + " is decided");
    std::string officerId;
    if (!badge.empty()) {
        const auto officer = findOfficerByBadge(badge);
        if (!officer || !officer->active || !allows(officer->roles, Permission::ClaimCases))
            throw Error(ErrorCode::InvalidArgument,
                        "badge " + badge + " is not an active screening officer");
        officerId = officer->id;
    }
    auto update = store_.connection().prepare(
        "UPDATE cases SET assigned_officer_id = ?1, status = ?2, updated_at = ?3 WHERE id = ?4");
    if (officerId.empty())
        update.bind(1, nullptr);
    else
        update.bind(1, officerId);
    update.bind(2, officerId.empty() ? "queued" : caseStatusName(item.status))
        .bind(3, now())
        .bind(4, caseId)
        .run();
    outbox("case_assignment", caseId, {{"caseId", caseId}, {"officerId", officerId}});
    audit(session.officer().badge, "assign_case", caseId, {{"badge", badge}});
    transaction.commit();
}

} // namespace prescreen::core
