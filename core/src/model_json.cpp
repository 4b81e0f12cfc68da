#include <prescreen/core/model_json.h>
#include <prescreen/error.h>

namespace prescreen::core {

using nlohmann::json;

json toJson(const Officer& officer) {
    return {{"id", officer.id},
            {"badge", officer.badge},
            {"name", officer.name},
            {"roles", formatRoles(officer.roles)},
            {"active", officer.active}};
}

json toJson(const RiskAssessment& risk) {
    json factors = json::array();
    for (const auto& factor : risk.factors)
        factors.push_back({{"ruleId", factor.ruleId},
                           {"description", factor.description},
                           {"points", factor.points},
                           {"evidence", factor.evidence}});
    return {{"score", risk.score},
            {"level", riskLevelName(risk.level)},
            {"rulesVersion", risk.rulesVersion},
            {"factors", std::move(factors)}};
}

RiskAssessment riskFromJson(const json& value) {
    try {
        RiskAssessment risk;
        risk.score = value.at("score").get<int>();
        const auto level = parseRiskLevel(value.at("level").get<std::string>());
        if (!level)
            throw Error(ErrorCode::BadFormat, "risk assessment: unknown level");
        risk.level = *level;
        risk.rulesVersion = value.at("rulesVersion").get<std::string>();
        for (const auto& factor : value.at("factors"))
            risk.factors.push_back({factor.at("ruleId").get<std::string>(),
                                    factor.at("description").get<std::string>(),
                                    factor.at("points").get<double>(),
                                    factor.at("evidence").get<std::string>()});
        return risk;
    } catch (const json::exception& error) {
        throw Error(ErrorCode::BadFormat, std::string("risk assessment: ") + error.what());
    }
}

json toJson(const Case& item) {
    json value = {{"id", item.id},
                  {"shipmentId", item.shipmentId},
                  {"cargoControlNumber", item.cargoControlNumber},
                  {"mode", modeName(item.mode)},
                  {"origin", item.origin},
                  {"status", caseStatusName(item.status)},
                  {"assignedOfficerId", item.assignedOfficerId},
                  {"createdAt", item.createdAt},
                  {"updatedAt", item.updatedAt}};
    value["risk"] = item.risk ? toJson(*item.risk) : json(nullptr);
    return value;
}

json toJson(const ScanFile& scan) {
    return {{"id", scan.id},
            {"sha256", scan.sha256},
            {"fileName", scan.fileName},
            {"sizeBytes", scan.sizeBytes},
            {"sopInstanceUid", scan.sopInstanceUid},
            {"sopClassUid", scan.sopClassUid},
            {"studyInstanceUid", scan.studyInstanceUid}};
}

json pointsToJson(const std::vector<Point>& points) {
    json array = json::array();
    for (const auto& point : points)
        array.push_back({point.x, point.y});
    return array;
}

std::vector<Point> pointsFromJson(const json& value) {
    if (!value.is_array())
        throw Error(ErrorCode::BadFormat, "points: expected an array of [x, y]");
    std::vector<Point> points;
    points.reserve(value.size());
    for (const auto& pair : value) {
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_number())
            throw Error(ErrorCode::BadFormat, "points: expected [x, y] numbers");
        points.push_back({pair[0].get<double>(), pair[1].get<double>()});
    }
    return points;
}

json toJson(const Annotation& annotation) {
    return {{"id", annotation.id},
            {"version", annotation.version},
            {"caseId", annotation.caseId},
            {"viewKey", annotation.viewKey},
            {"shape", shapeName(annotation.shape)},
            {"points", pointsToJson(annotation.points)},
            {"category", annotation.category},
            {"note", annotation.note},
            {"authorId", annotation.authorId},
            {"createdAt", annotation.createdAt},
            {"deleted", annotation.deleted}};
}

json toJson(const Decision& decision) {
    return {{"id", decision.id},
            {"caseId", decision.caseId},
            {"officerId", decision.officerId},
            {"outcome", outcomeName(decision.outcome)},
            {"kind", decisionKindName(decision.kind)},
            {"reasonCodes", decision.reasonCodes},
            {"comment", decision.comment},
            {"timeOnTaskMs", decision.timeOnTaskMs},
            {"decidedAt", decision.decidedAt},
            {"supersedesId",
             decision.supersedesId.empty() ? json(nullptr) : json(decision.supersedesId)}};
}

json toJson(const ExaminationResult& result) {
    return {{"id", result.id},
            {"caseId", result.caseId},
            {"supervisorId", result.supervisorId},
            {"outcome", examinationOutcomeName(result.outcome)},
            {"findings", result.findings},
            {"recordedAt", result.recordedAt}};
}

} // namespace prescreen::core
