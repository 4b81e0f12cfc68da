#include "audit_records.h"
#include "service_rows.h"

#include <prescreen/core/decision_rules.h>
#include <prescreen/core/model_json.h>
#include <prescreen/core/service.h>
#include <prescreen/core/text.h>
#include <prescreen/error.h>

#include <algorithm>
#include <cmath>

namespace prescreen::core {
namespace {

constexpr std::size_t kMaxCommentLength = 4000;
constexpr std::size_t kMaxPolygonVertices = 10000;
constexpr double kMaxCoordinate = 1e6; // pixels; far beyond the largest scan

void requireCodes(const std::vector<std::string>& given, const std::vector<std::string>& allowed,
                  const char* what) {
    for (const auto& code : given)
        if (std::find(allowed.begin(), allowed.end(), code) == allowed.end()) {
            std::string list;
            for (const auto& each : allowed)
                list += (list.empty() ? "" : ", ") + each;
            throw Error(ErrorCode::InvalidArgument, "unknown " + std::string(what) +
                                                        " reason code \"" + code +
                                                        "\" (known: " + list + ")");
        }
}

/// The texts of a decision request, checked before anything is looked up or stored.
void requireTexts(const DecisionRequest& request) {
    requireText(request.comment, "comment");
    for (const auto& code : request.reasonCodes)
        requireText(code, "reason code");
}

void validate(const Annotation& annotation) {
    requireText(annotation.category, "annotation category");
    requireText(annotation.viewKey, "annotation view key");
    requireText(annotation.note, "annotation note");
    if (!isAnnotationCategory(annotation.category))
        throw Error(ErrorCode::InvalidArgument,
                    "unknown annotation category \"" + annotation.category + "\"");
    const auto count = annotation.points.size();
    const bool box = annotation.shape != Shape::Polygon;
    if (box ? count != 2 : (count < 3 || count > kMaxPolygonVertices))
        throw Error(ErrorCode::InvalidArgument,
                    box ? "a rectangle or ellipse is given by 2 corner points"
                        : "a polygon needs 3 to 10000 vertices");
    for (const auto& point : annotation.points)
        if (!std::isfinite(point.x) || !std::isfinite(point.y) ||
            std::abs(point.x) > kMaxCoordinate || std::abs(point.y) > kMaxCoordinate)
            throw Error(ErrorCode::InvalidArgument, "annotation point outside the image plane");
    if (annotation.viewKey.empty())
        throw Error(ErrorCode::InvalidArgument, "an annotation belongs to a view (no view key)");
    if (annotation.note.size() > kMaxCommentLength)
        throw Error(ErrorCode::InvalidArgument, "annotation note longer than 4000 characters");
}

} // namespace

Annotation Service::saveAnnotation(const Session& session, const Annotation& draft) {
    if (!session.may(Permission::AnnotateCases))
        throw Error(ErrorCode::PermissionDenied, "only a screening officer annotates cases");
    validate(draft);
    auto& db = store_.connection();
    sqlite::Transaction transaction(db);
    Annotation saved = draft;
    if (draft.id.empty()) {
        saved.id = newUuid();
        saved.version = 1;
    } else {
        auto query = db.prepare(std::string("SELECT ") + rows::kAnnotationColumns +
                                " FROM annotations WHERE id = ?1 ORDER BY version DESC LIMIT 1");
        query.bind(1, draft.id);
        if (!query.step())
            throw Error(ErrorCode::NotFound, "no annotation " + draft.id);
        const auto previous = rows::annotation(query);
        if (previous.authorId != session.officer().id)
            throw Error(ErrorCode::PermissionDenied,
                        "annotation " + draft.id + " belongs to another officer");
        if (previous.caseId != draft.caseId)
            throw Error(ErrorCode::InvalidArgument, "an annotation cannot move to another case");
        saved.version = previous.version + 1;
    }
    const auto item = loadCase(saved.caseId);
    if (item.assignedOfficerId != session.officer().id)
        throw Error(ErrorCode::PermissionDenied, "case " + item.cargoControlNumber +
                                                     " is not assigned to " +
                                                     session.officer().badge + ": open it first");
    saved.authorId = session.officer().id;
    saved.createdAt = now();
    db.prepare("INSERT INTO annotations(id, version, case_id, view_key, shape, points_json, "
               "category, note, author_id, deleted, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
               "?7, ?8, ?9, ?10, ?11)")
        .bind(1, saved.id)
        .bind(2, saved.version)
        .bind(3, saved.caseId)
        .bind(4, saved.viewKey)
        .bind(5, shapeName(saved.shape))
        .bind(6, pointsToJson(saved.points).dump())
        .bind(7, saved.category)
        .bind(8, saved.note)
        .bind(9, saved.authorId)
        .bind(10, saved.deleted ? 1 : 0)
        .bind(11, saved.createdAt)
        .run();
    outbox("annotation", saved.id + "#" + std::to_string(saved.version), toJson(saved));
    transaction.commit();
    return saved;
}

Annotation Service::deleteAnnotation(const Session& session, const std::string& annotationId) {
    auto query = store_.connection().prepare(
        std::string("SELECT ") + rows::kAnnotationColumns +
        " FROM annotations WHERE id = ?1 ORDER BY version DESC LIMIT 1");
    query.bind(1, annotationId);
    if (!query.step())
        throw Error(ErrorCode::NotFound, "no annotation " + annotationId);
    auto tombstone = rows::annotation(query);
    tombstone.deleted = true;
    return saveAnnotation(session, tombstone);
}

Decision Service::appendDecision(const Session& session, const DecisionRequest& request,
                                 DecisionKind kind, const std::string& supersedesId) {
    Decision decision;
    decision.id = newUuid();
    decision.caseId = request.caseId;
    decision.officerId = session.officer().id;
    decision.outcome = request.outcome;
    decision.kind = kind;
    decision.reasonCodes = request.reasonCodes;
    decision.comment = request.comment;
    decision.timeOnTaskMs = request.timeOnTaskMs;
    decision.decidedAt = now();
    decision.supersedesId = supersedesId;
    auto& db = store_.connection();
    auto insert = db.prepare("INSERT INTO decisions(id, case_id, officer_id, outcome, kind, "
                             "reason_codes, comment, time_on_task_ms, decided_at, supersedes_id) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    insert.bind(1, decision.id)
        .bind(2, decision.caseId)
        .bind(3, decision.officerId)
        .bind(4, outcomeName(decision.outcome))
        .bind(5, decisionKindName(decision.kind))
        .bind(6, nlohmann::json(decision.reasonCodes).dump())
        .bind(7, decision.comment)
        .bind(8, decision.timeOnTaskMs)
        .bind(9, decision.decidedAt);
    if (supersedesId.empty())
        insert.bind(10, nullptr);
    else
        insert.bind(10, supersedesId);
    insert.run();
    db.prepare("UPDATE cases SET status = 'decided', updated_at = ?1 WHERE id = ?2")
        .bind(1, decision.decidedAt)
        .bind(2, decision.caseId)
        .run();
    outbox("decision", decision.id, toJson(decision));
    return decision;
}

Decision Service::decide(const Session& session, const DecisionRequest& request) {
    if (!session.may(Permission::DecideCases))
        throw Error(ErrorCode::PermissionDenied, "only a screening officer decides cases");
    requireTexts(request);
    if (request.comment.size() > kMaxCommentLength)
        throw Error(ErrorCode::InvalidArgument, "comment longer than 4000 characters");
    if (request.timeOnTaskMs < 0)
        throw Error(ErrorCode::InvalidArgument, "time on task cannot be negative");
    if (request.outcome == Outcome::Refer) {
        if (request.reasonCodes.empty())
            throw Error(ErrorCode::InvalidArgument, "a referral needs at least one reason code");
        requireCodes(request.reasonCodes, referReasonCodes(), "refer");
    } else {
        requireCodes(request.reasonCodes, releaseReasonCodes(), "release");
    }
    auto& db = store_.connection();
    sqlite::Transaction transaction(db);
    const auto item = loadCase(request.caseId);
    const auto& me = session.officer();
    if (!item.assignedOfficerId.empty() && item.assignedOfficerId != me.id)
        throw Error(ErrorCode::PermissionDenied,
                    "case " + item.cargoControlNumber + " is assigned to another officer");
    if (item.assignedOfficerId.empty()) // deciding straight from the queue claims the case
        db.prepare("UPDATE cases SET assigned_officer_id = ?1 WHERE id = ?2")
            .bind(1, me.id)
            .bind(2, item.id)
            .run();
    if (request.outcome == Outcome::Refer && request.comment.empty()) {
        auto marks = db.prepare(std::string("SELECT count(*)") + rows::kCurrentAnnotationsOfCase);
        marks.bind(1, item.id);
        marks.step();
        if (marks.columnInt64(0) == 0)
            throw Error(ErrorCode::InvalidArgument,
                        "a referral needs an annotation on the scan or a comment");
    }
    std::string supersedes;
    auto latest = db.prepare(std::string("SELECT ") + rows::kDecisionColumns +
                             " FROM decisions WHERE case_id = ?1 ORDER BY decided_at DESC, "
                             "rowid DESC LIMIT 1");
    latest.bind(1, item.id);
    DecisionKind kind = DecisionKind::Initial;
    if (latest.step()) {
        const auto previous = rows::decision(latest);
        if (previous.officerId != me.id || previous.kind == DecisionKind::Override)
            throw Error(ErrorCode::PermissionDenied,
                        "case " + item.cargoControlNumber +
                            " already has a decision by someone else; only a supervisor can "
                            "override it");
        kind = DecisionKind::Correction;
        supersedes = previous.id;
    }
    auto decision = appendDecision(session, request, kind, supersedes);
    audit(me.badge, kind == DecisionKind::Initial ? "decide" : "correct_decision", item.id,
          {{"decisionId", decision.id},
           {"outcome", outcomeName(decision.outcome)},
           {"reasonCodes", decision.reasonCodes},
           {"record", audit_detail::decisionRecordDigest(decision)}});
    transaction.commit();
    return decision;
}

Decision Service::overrideDecision(const Session& session, const DecisionRequest& request) {
    if (!session.may(Permission::OverrideDecisions))
        throw Error(ErrorCode::PermissionDenied, "only a supervisor overrides decisions");
    requireTexts(request);
    if (request.comment.empty())
        throw Error(ErrorCode::InvalidArgument, "an override needs a comment saying why");
    if (request.reasonCodes.empty())
        throw Error(ErrorCode::InvalidArgument, "an override needs at least one reason code");
    requireCodes(request.reasonCodes,
                 request.outcome == Outcome::Refer ? referReasonCodes() : releaseReasonCodes(),
                 request.outcome == Outcome::Refer ? "refer" : "release");
    if (request.comment.size() > kMaxCommentLength)
        throw Error(ErrorCode::InvalidArgument, "comment longer than 4000 characters");
    auto& db = store_.connection();
    sqlite::Transaction transaction(db);
    const auto item = loadCase(request.caseId);
    auto latest = db.prepare("SELECT id, officer_id FROM decisions WHERE case_id = ?1 ORDER BY "
                             "decided_at DESC, rowid DESC LIMIT 1");
    latest.bind(1, item.id);
    if (!latest.step())
        throw Error(ErrorCode::Conflict,
                    "case " + item.cargoControlNumber + " has no decision to override");
    const auto supersedes = latest.columnText(0);
    if (auto refusal =
            fourEyesRefusal(session.officer().id, latest.columnText(1), session.officer().badge))
        throw Error(ErrorCode::PermissionDenied,
                    "case " + item.cargoControlNumber + ": " + *refusal);
    auto decision = appendDecision(session, request, DecisionKind::Override, supersedes);
    audit(session.officer().badge, "override", item.id,
          {{"decisionId", decision.id},
           {"supersedes", supersedes},
           {"outcome", outcomeName(decision.outcome)},
           {"reasonCodes", decision.reasonCodes},
           {"record", audit_detail::decisionRecordDigest(decision)}});
    transaction.commit();
    return decision;
}

ExaminationResult Service::recordExamination(const Session& session, const std::string& caseId,
                                             ExaminationOutcome outcome,
                                             const std::string& findings) {
    if (!session.may(Permission::RecordExaminations))
        throw Error(ErrorCode::PermissionDenied, "only a supervisor records examination results");
    requireText(findings, "findings");
    if (findings.size() > kMaxCommentLength)
        throw Error(ErrorCode::InvalidArgument, "findings longer than 4000 characters");
    sqlite::Transaction transaction(store_.connection());
    const auto item = loadCase(caseId);
    ExaminationResult result{newUuid(), item.id, session.officer().id, outcome, findings, now()};
    store_.connection()
        .prepare("INSERT INTO examination_results(id, case_id, supervisor_id, outcome, findings, "
                 "recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, result.id)
        .bind(2, result.caseId)
        .bind(3, result.supervisorId)
        .bind(4, examinationOutcomeName(outcome))
        .bind(5, findings)
        .bind(6, result.recordedAt)
        .run();
    outbox("examination_result", result.id, toJson(result));
    audit(session.officer().badge, "examination_result", item.id,
          {{"resultId", result.id}, {"outcome", examinationOutcomeName(outcome)}});
    transaction.commit();
    return result;
}

std::string Service::createTrainingSet(const Session& session, const std::string& name,
                                       const std::vector<TrainingCase>& cases) {
    if (!session.may(Permission::ManageTraining))
        throw Error(ErrorCode::PermissionDenied, "only a trainer manages training sets");
    requireText(name, "training set name");
    if (name.empty() || name.size() > 200)
        throw Error(ErrorCode::InvalidArgument, "a training set needs a name (1-200 characters)");
    if (cases.empty())
        throw Error(ErrorCode::InvalidArgument, "a training set needs at least one case");
    auto& db = store_.connection();
    sqlite::Transaction transaction(db);
    const auto id = newUuid();
    const auto time = now();
    db.prepare("INSERT INTO training_sets(id, name, created_by, created_at) "
               "VALUES (?1, ?2, ?3, ?4)")
        .bind(1, id)
        .bind(2, name)
        .bind(3, session.officer().id)
        .bind(4, time)
        .run();
    auto insert = db.prepare("INSERT INTO training_set_cases(set_id, case_id, expected_outcome) "
                             "VALUES (?1, ?2, ?3)");
    nlohmann::json members = nlohmann::json::array();
    for (const auto& member : cases) {
        const auto item = loadCase(member.caseId);
        if (item.status != CaseStatus::Decided)
            throw Error(ErrorCode::InvalidArgument,
                        "case " + item.cargoControlNumber +
                            " is not decided: training uses historical cases");
        insert.reset();
        insert.bind(1, id).bind(2, item.id).bind(3, outcomeName(member.expected)).run();
        members.push_back({{"caseId", item.id}, {"expected", outcomeName(member.expected)}});
    }
    outbox("training_set", id,
           {{"id", id},
            {"name", name},
            {"createdBy", session.officer().id},
            {"createdAt", time},
            {"cases", members}});
    audit(session.officer().badge, "training_set_create", id,
          {{"name", name}, {"cases", cases.size()}});
    transaction.commit();
    return id;
}

void Service::recordExport(const Session& session, const std::string& caseId,
                           const std::string& target) {
    sqlite::Transaction transaction(store_.connection());
    const auto item = loadCase(caseId);
    if (!session.may(Permission::ExportAnyDecision)) {
        auto mine = store_.connection().prepare(
            "SELECT count(*) FROM decisions WHERE case_id = ?1 AND officer_id = ?2");
        mine.bind(1, caseId).bind(2, session.officer().id);
        mine.step();
        if (mine.columnInt64(0) == 0)
            throw Error(ErrorCode::PermissionDenied,
                        "only the deciding officer or a supervisor exports case " +
                            item.cargoControlNumber);
    }
    // A path may be any bytes on Linux; the audit keeps it repaired (U+FFFD for a bad byte).
    audit(session.officer().badge, "export", caseId, {{"target", quotable(target, 4096)}});
    transaction.commit();
}

void Service::recordSiteExport(const std::string& caseId, const std::string& target) {
    sqlite::Transaction transaction(store_.connection());
    loadCase(caseId);
    audit("", "export", caseId, {{"target", quotable(target, 4096)}, {"by", "site tool"}});
    transaction.commit();
}

} // namespace prescreen::core
