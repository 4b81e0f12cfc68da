#pragma once
// The compiled form of a JsonSchema, shared by the compiler (json_schema.cpp) and the evaluator
// (json_schema_validate.cpp). Private to core.

#include <prescreen/core/json_schema.h>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace prescreen::core::schema {

/// Hard limits that keep validation bounded whatever the schema or the instance.
inline constexpr int kMaxDepth = 64;                       ///< nested evaluations (incl. $ref)
inline constexpr std::size_t kMaxViolations = 200;         ///< violations reported per validate()
inline constexpr std::size_t kMaxPatternInputBytes = 4096; ///< longer strings are not regex-matched

/// Bits of the "type" keyword; 0 means any type.
enum TypeBit : unsigned {
    kNull = 1,
    kBoolean = 2,
    kObject = 4,
    kArray = 8,
    kNumber = 16,
    kString = 32,
    kInteger = 64,
};

enum class Format { None, Date, DateTime };

/// A numeric bound with its original JSON text, so messages print it as the schema wrote it.
struct Bound {
    double value = 0;
    std::string text;
};

/// One schema object (or boolean schema) at one location of the schema document. Sub-schemas are
/// indices into Compiled::nodes, so $ref cycles are plain index cycles.
struct Node {
    std::optional<bool> booleanSchema; ///< set for `true` / `false` schemas; nothing else is
    unsigned types = 0;
    std::optional<nlohmann::json> constValue;
    std::optional<std::vector<nlohmann::json>> enumValues;
    std::vector<std::string> required;
    std::map<std::string, int, std::less<>> properties;
    std::optional<int> additionalProperties;
    std::optional<int> items;
    std::optional<std::size_t> minItems, maxItems, minLength, maxLength;
    bool uniqueItems = false;
    std::string patternText;
    std::shared_ptr<const std::regex> pattern; ///< from Compiled::regexCache
    Format format = Format::None;
    std::optional<Bound> minimum, maximum, exclusiveMinimum, exclusiveMaximum;
    std::optional<int> ref; ///< resolved target of "$ref"
    std::vector<int> allOf, anyOf, oneOf;
    std::optional<int> notSchema;
};

struct Compiled {
    std::vector<Node> nodes; ///< nodes[0] is the root
    std::map<std::string, std::shared_ptr<const std::regex>> regexCache;
};

/// Compiles `schema`; throws prescreen::Error (BadFormat) naming `source` and the schema location.
Compiled compile(const nlohmann::json& schema, const std::string& source);

/// Every violation of `instance` against the compiled schema, at most kMaxViolations (+1 note);
/// stops after `maxSteps` node evaluations.
std::vector<SchemaViolation> evaluate(const Compiled& compiled, const nlohmann::json& instance,
                                      std::size_t maxSteps);

inline constexpr std::size_t kQuotedBytes = 60; ///< longest string quoted back in a message

/// Whether `value` nests no deeper than `limit` levels (recursion bounded by `limit`).
bool depthWithin(const nlohmann::json& value, int limit);
/// Length in Unicode code points of UTF-8 text, as minLength / maxLength count it.
std::size_t codePoints(const std::string& text);
/// A short, printable rendering of an instance value for messages: string "abc", number 3 ...
std::string describe(const nlohmann::json& value);
/// A schema-side value (enum / const entry) for messages, cut short if long.
std::string literal(const nlohmann::json& value);
/// "string or null" for a set of TypeBit.
std::string typeList(unsigned types);
/// Whether `value` has one of the types (integer includes floats with no fraction).
bool matchesType(unsigned types, const nlohmann::json& value);

/// RFC 3339 full-date ("2026-11-22") and date-time ("2026-11-22T09:15:02.123Z").
bool isDate(const std::string& text);
bool isDateTime(const std::string& text);

/// Appends "/" and `token` escaped as a JSON Pointer reference token (~0, ~1).
void appendPointerToken(std::string& pointer, const std::string& token);

} // namespace prescreen::core::schema
