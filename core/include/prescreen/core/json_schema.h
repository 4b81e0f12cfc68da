#pragma once
// JSON Schema validation (draft 2020-12 subset) of nlohmann::json documents, so the schemas in
// resources/ are the single source of truth for the formats Prescreen reads. Supported keywords:
// type, enum, const, required, properties, additionalProperties, items, minItems, maxItems,
// uniqueItems, minLength, maxLength, pattern, format (date, date-time), minimum, maximum,
// exclusiveMinimum, exclusiveMaximum, $defs and $ref to "#/$defs/...", allOf, anyOf, oneOf, not,
// boolean schemas, $schema, $id, title, description, examples, $comment. Any other keyword in a
// schema is refused at load, so a schema never silently checks less than it says.
// Bounded for hostile input: nesting depth 64, 5 million validation steps, 200 violations
// reported, strings over 4,096 bytes reported rather than matched against a pattern.

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::core {

struct SchemaViolation {
    std::string path;    ///< JSON Pointer into the instance, e.g. "/lines/2/hsCode"
    std::string message; ///< e.g. "must match pattern ^[0-9]{6,10}$ (got \"12.34\")"
};

class JsonSchema {
public:
    /// Compiles a schema; throws prescreen::Error (BadFormat) naming `source` and the schema path
    /// of anything unsupported or malformed.
    JsonSchema(const nlohmann::json& schema, std::string source);
    ~JsonSchema();
    JsonSchema(JsonSchema&&) noexcept;
    JsonSchema& operator=(JsonSchema&&) noexcept;

    /// Node evaluations one validate() may spend before it stops with a note.
    static constexpr std::size_t kMaxSteps = 5'000'000;

    /// Every violation in the instance (empty: valid), objects in key order. Stops after
    /// `maxSteps` node evaluations with a last violation "validation stopped after N steps".
    std::vector<SchemaViolation> validate(const nlohmann::json& instance,
                                          std::size_t maxSteps = kMaxSteps) const;

    const std::string& source() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace prescreen::core
