#include "service_rows.h"

#include <prescreen/core/model_json.h>
#include <prescreen/error.h>

namespace prescreen::core::rows {
namespace {

// A stored enum name this build does not know means the database was edited or is newer.
template <typename T>
T known(std::optional<T> value, const char* what, const std::string& text) {
    if (!value)
        throw Error(ErrorCode::Database,
                    std::string("unknown ") + what + " \"" + text + "\" in the database");
    return *value;
}

} // namespace

Officer officer(const sqlite::Statement& row) {
    Officer value;
    value.id = row.columnText(0);
    value.badge = row.columnText(1);
    value.name = row.columnText(2);
    value.roles = Roles::fromBits(static_cast<unsigned>(row.columnInt64(3)));
    value.active = row.columnInt64(4) != 0;
    return value;
}

Case caseSummary(const sqlite::Statement& row) {
    Case value;
    value.id = row.columnText(0);
    value.shipmentId = row.columnText(1);
    value.cargoControlNumber = row.columnText(2);
    const auto mode = row.columnText(3);
    value.mode = known(parseMode(mode), "transport mode", mode);
    value.origin = row.columnText(4);
    const auto status = row.columnText(5);
    value.status = known(parseCaseStatus(status), "case status", status);
    value.assignedOfficerId = row.columnText(6);
    if (!row.isNull(7)) {
        RiskAssessment risk;
        risk.score = static_cast<int>(row.columnInt64(7));
        const auto level = row.columnText(8);
        risk.level = known(parseRiskLevel(level), "risk level", level);
        value.risk = std::move(risk);
    }
    value.createdAt = row.columnText(9);
    value.updatedAt = row.columnText(10);
    return value;
}

ScanFile scan(const sqlite::Statement& row) {
    ScanFile value;
    value.id = row.columnText(0);
    value.sha256 = row.columnText(1);
    value.fileName = row.columnText(2);
    value.sizeBytes = row.columnInt64(3);
    value.sopInstanceUid = row.columnText(4);
    value.sopClassUid = row.columnText(5);
    value.studyInstanceUid = row.columnText(6);
    return value;
}

Annotation annotation(const sqlite::Statement& row) {
    Annotation value;
    value.id = row.columnText(0);
    value.version = static_cast<int>(row.columnInt64(1));
    value.caseId = row.columnText(2);
    value.viewKey = row.columnText(3);
    const auto shape = row.columnText(4);
    value.shape = known(parseShape(shape), "annotation shape", shape);
    value.points = pointsFromJson(nlohmann::json::parse(row.columnText(5)));
    value.category = row.columnText(6);
    value.note = row.columnText(7);
    value.authorId = row.columnText(8);
    value.createdAt = row.columnText(9);
    value.deleted = row.columnInt64(10) != 0;
    return value;
}

Decision decision(const sqlite::Statement& row) {
    Decision value;
    value.id = row.columnText(0);
    value.caseId = row.columnText(1);
    value.officerId = row.columnText(2);
    const auto outcome = row.columnText(3);
    value.outcome = known(parseOutcome(outcome), "decision outcome", outcome);
    const auto kind = row.columnText(4);
    value.kind = known(parseDecisionKind(kind), "decision kind", kind);
    value.reasonCodes = nlohmann::json::parse(row.columnText(5)).get<std::vector<std::string>>();
    value.comment = row.columnText(6);
    value.timeOnTaskMs = row.columnInt64(7);
    value.decidedAt = row.columnText(8);
    value.supersedesId = row.columnText(9);
    return value;
}

ExaminationResult examination(const sqlite::Statement& row) {
    ExaminationResult value;
    value.id = row.columnText(0);
    value.caseId = row.columnText(1);
    value.supervisorId = row.columnText(2);
    const auto outcome = row.columnText(3);
    value.outcome = known(parseExaminationOutcome(outcome), "examination outcome", outcome);
    value.findings = row.columnText(4);
    value.recordedAt = row.columnText(5);
    return value;
}

} // namespace prescreen::core::rows
