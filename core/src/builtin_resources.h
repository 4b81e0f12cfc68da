#pragma once
// Text of the data files in resources/ that core compiles in (generated from
// builtin_resources.cpp.in), so no run-time path is needed.

#include <string_view>

namespace prescreen::core::detail {

std::string_view builtinManifestSchema() noexcept;     ///< resources/manifest/manifest.schema.json
std::string_view builtinRiskRules() noexcept;          ///< resources/rules/risk-rules.json
std::string_view builtinRiskRulesSchema() noexcept;    ///< resources/rules/risk-rules.schema.json
std::string_view builtinPushPayloadsSchema() noexcept; ///< resources/sync/push-payloads.schema.json

} // namespace prescreen::core::detail
