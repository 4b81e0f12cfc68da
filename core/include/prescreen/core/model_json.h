#pragma once
// The domain values as JSON: the outbox payloads the HQ sync pushes, `prescreen-cli ... --json`
// output, and the risk assessment kept with each case. Field names are camelCase, times UTC
// ISO 8601, enums by their lower-case names.

#include <prescreen/core/model.h>

#include <nlohmann/json.hpp>

namespace prescreen::core {

nlohmann::json toJson(const Officer& officer); ///< never includes the password hash
nlohmann::json toJson(const RiskAssessment& risk);
nlohmann::json toJson(const Case& item);
nlohmann::json toJson(const ScanFile& scan);
nlohmann::json toJson(const Annotation& annotation);
nlohmann::json toJson(const Decision& decision);
nlohmann::json toJson(const ExaminationResult& result);

/// Inverse of toJson(RiskAssessment); throws prescreen::Error (BadFormat) naming the field.
RiskAssessment riskFromJson(const nlohmann::json& json);
/// "[[x, y], ...]" <-> points; throws prescreen::Error (BadFormat) for anything else.
nlohmann::json pointsToJson(const std::vector<Point>& points);
std::vector<Point> pointsFromJson(const nlohmann::json& json);

} // namespace prescreen::core
