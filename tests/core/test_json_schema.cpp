// JsonSchema: keywords refused at load, each supported keyword's verdict and message, and the
// limits that keep hostile schemas and instances bounded.
#include "python_jsonschema.h"

#include <prescreen/core/json_schema.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using nlohmann::json;
using prescreen::core::JsonSchema;
using prescreen::core::SchemaViolation;

namespace {

std::vector<SchemaViolation> check(const char* schema, const json& instance) {
    return JsonSchema(json::parse(schema), "test.schema.json").validate(instance);
}

std::string describeAll(const std::vector<SchemaViolation>& violations) {
    std::string out;
    for (const auto& v : violations)
        out += "[" + v.path + "] " + v.message + "\n";
    return out;
}

/// `depth` arrays nested in one another: [[[...]]]. Built in place: copying such a value would
/// recurse once per level.
json nestedArrays(int depth) {
    json root = json::array();
    json* innermost = &root;
    for (int i = 1; i < depth; ++i) {
        innermost->push_back(json::array());
        innermost = &innermost->back();
    }
    return root;
}

struct KeywordCase {
    const char* schema;
    const char* instance;
    bool valid;
    const char* path = "";    // of the first violation
    const char* message = ""; // part of the first violation's message
};
const std::vector<KeywordCase>& keywordCases() {
    static const std::vector<KeywordCase> cases = {
        {R"({"type": "string"})", R"("x")", true},
        {R"({"type": "string"})", R"(12)", false, "", "must be of type string (got number 12)"},
        {R"({"type": ["string", "null"]})", R"(null)", true},
        {R"({"type": "integer"})", R"(3.0)", true},
        {R"({"type": "integer"})", R"(3.5)", false, "", "integer"},
        {R"({"type": "number"})", R"(true)", false, "", "got boolean true"},
        {R"({"enum": ["air", "rail"]})", R"("rail")", true},
        {R"({"enum": ["air", "rail"]})", R"("bus")", false, "", R"(one of ["air","rail"])"},
        {R"({"enum": [1, {"a": [2]}]})", R"({"a": [2.0]})", true},
        {R"({"const": 1})", R"(1.0)", true},
        {R"({"const": "x"})", R"("y")", false, "", "must be \"x\""},
        {R"({"required": ["a", "b"]})", R"({"a": 1})", false, "/b", "required property"},
        {R"({"required": ["a"]})", R"([1])", true},
        {R"({"properties": {"a": {"type": "string"}}})", R"({"a": 5})", false, "/a", "string"},
        {R"({"properties": {"a": true}, "additionalProperties": false})", R"({"a": 1, "b": 2})",
         false, "/b", "unknown property"},
        {R"({"additionalProperties": {"type": "number"}})", R"({"x/y": "s"})", false, "/x~1y",
         "number"},
        {R"({"items": {"type": "integer"}})", R"([1, 2, "3"])", false, "/2", "integer"},
        {R"({"minItems": 2})", R"([1])", false, "", "at least 2 items (got 1)"},
        {R"({"maxItems": 1})", R"([1, 2])", false, "", "at most 1 items"},
        {R"({"uniqueItems": true})", R"([1, 2, 3])", true},
        {R"({"uniqueItems": true})", R"([1, "a", 1.0])", false, "", "items 0 and 2 are equal"},
        {R"({"uniqueItems": true})", R"([{"a": 1}, {"a": 1}])", false, "", "are equal"},
        {R"({"minLength": 2})", R"("é")", false, "", "at least 2 characters"},
        {R"({"maxLength": 2})", R"("éé")", true},
        {R"({"minLength": 3})", R"(5)", true},
        {R"({"pattern": "[0-9]{3}"})", R"("ab123cd")", true},
        {R"({"pattern": "^[0-9]{6,10}$"})", R"("12.34")", false, "",
         "must match pattern ^[0-9]{6,10}$ (got string \"12.34\")"},
        {R"({"maxLength": 3, "pattern": "^a+$"})", R"("aaaaaa")", false, "", "at most 3"},
        {R"({"format": "date"})", R"("2024-02-29")", true},
        {R"({"format": "date"})", R"("2023-02-29")", false, "", "date"},
        {R"({"format": "date"})", R"("2023-1-05")", false, "", "date"},
        {R"({"format": "date"})", R"(20230105)", true},
        {R"({"format": "date-time"})", R"("2026-11-22T09:15:02.123Z")", true},
        {R"({"format": "date-time"})", R"("2026-11-22t09:15:02+05:30")", true},
        {R"({"format": "date-time"})", R"("2026-11-22T24:00:00Z")", false, "", "date-time"},
        {R"({"format": "date-time"})", R"("2026-11-22T09:15:02")", false, "", "date-time"},
        {R"({"format": "date-time"})", R"("2026-11-22T09:15:02.Z")", false, "", "date-time"},
        {R"({"minimum": 0})", R"(0)", true},
        {R"({"minimum": 0})", R"(-0.5)", false, "", "must be at least 0 (got -0.5)"},
        {R"({"maximum": 10})", R"(11)", false, "", "at most 10"},
        {R"({"exclusiveMinimum": 0})", R"(0)", false, "", "greater than 0"},
        {R"({"exclusiveMaximum": 1.5})", R"(1.5)", false, "", "less than 1.5"},
        {R"({"exclusiveMaximum": 1.5})", R"("1.6")", true},
        {R"({"$defs": {"n": {"type": "number"}}, "$ref": "#/$defs/n"})", R"(1)", true},
        {R"({"$defs": {"n": {"type": "number"}}, "$ref": "#/$defs/n"})", R"("1")", false, "",
         "number"},
        {R"({"$defs": {"a/b": {"const": 2}}, "$ref": "#/$defs/a~1b"})", R"(2)", true},
        {R"({"allOf": [{"minimum": 1}, {"maximum": 3}]})", R"(4)", false, "", "at most 3"},
        {R"({"anyOf": [{"type": "string"}, {"minimum": 5}]})", R"(6)", true},
        {R"({"anyOf": [{"type": "string"}, {"minimum": 5}]})", R"(4)", false, "",
         "at least one alternative (1: must be of type string (got number 4); 2: must be at least"},
        {R"({"oneOf": [{"minimum": 1}, {"minimum": 2}]})", R"(1)", true},
        {R"({"oneOf": [{"minimum": 1}, {"minimum": 2}]})", R"(3)", false, "",
         "matches 2 (alternatives 1 and 2)"},
        {R"({"oneOf": [{"minimum": 1}, {"minimum": 2}]})", R"(0)", false, "", "matches none"},
        {R"({"not": {"type": "null"}})", R"(null)", false, "", "must not match"},
        {R"({"not": {"type": "null"}})", R"(0)", true},
        {R"({"enum": [1]})", R"(true)", false, "", "must be one of [1]"},
        {R"({"const": false})", R"(0)", false, "", "must be false"},
        {R"(true)", R"({"x": 1})", true},
        {R"(false)", R"(1)", false, "", "not allowed"},
        {R"({"title": "t", "description": "d", "$comment": "c", "examples": [1],
             "$id": "https://example.org/s"})",
         R"(1)", true},
    };
    return cases;
}

} // namespace

TEST_CASE("a schema with anything unsupported or malformed is refused at load", "[json_schema]") {
    struct Case {
        const char* schema;
        const char* expected; // part of the message
    };
    const Case cases[] = {
        {R"({"patternProperties": {}})", "keyword \"patternProperties\" is not supported"},
        {R"({"properties": {"a": {"minimum": 1, "dependentRequired": {}}}})",
         "\"#/properties/a\": keyword \"dependentRequired\""},
        {R"({"type": "text"})", "unknown type \"text\""},
        {R"({"type": ["string", "string"]})", "listed twice"},
        {R"({"items": [{"type": "string"}]})", "items must be one schema"},
        {R"({"pattern": "[a-"})", "not a valid regular expression"},
        {R"({"$ref": "#/$defs/missing"})", "points at nothing"},
        {R"({"$ref": "other.json#/x"})", "not a local reference"},
        {R"({"allOf": [true], "$ref": "#/allOf/x"})", "points at nothing"},
        {R"({"$ref": "#/$defs/a~2"})", "not a valid JSON Pointer"},
        {R"({"$schema": "http://json-schema.org/draft-07/schema#"})", "$schema must be"},
        {R"({"properties": {"a": {"$schema": "x"}}})", "only allowed at the root"},
        {R"({"format": "email"})", "format \"email\" is not supported"},
        {R"({"minLength": -1})", "minLength must be a non-negative integer"},
        {R"({"maxItems": 1.5})", "maxItems must be a non-negative integer"},
        {R"({"minimum": "0"})", "minimum must be a number"},
        {R"({"required": ["a", "a"]})", "required lists \"a\" twice"},
        {R"({"anyOf": []})", "anyOf must be a non-empty array"},
        {R"({"properties": {"a": 3}})", "a schema must be an object or a boolean"},
        {R"({"$defs": {"a": {"$id": "x"}}})", "$id in a sub-schema"},
        {R"({"uniqueItems": "yes"})", "uniqueItems must be a boolean"},
        {R"({"$defs": {"a": {"unknownThing": 1}}})", "\"#/$defs/a\""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.schema);
        try {
            JsonSchema schema(json::parse(c.schema), "rules.schema.json");
            FAIL("accepted");
        } catch (const prescreen::Error& error) {
            CHECK(error.code() == prescreen::ErrorCode::BadFormat);
            CHECK_THAT(error.what(),
                       Catch::Contains(c.expected) && Catch::Contains("rules.schema.json"));
        }
    }
}

TEST_CASE("a schema nested deeper than the limit is refused at load", "[json_schema]") {
    json schema = json::object();
    for (int i = 0; i < 100; ++i)
        schema = json{{"items", std::move(schema)}};
    CHECK_THROWS_AS(JsonSchema(schema, "deep"), prescreen::Error);
}

TEST_CASE("each keyword gives the verdict of draft 2020-12", "[json_schema]") {
    for (const auto& c : keywordCases()) {
        CAPTURE(c.schema, c.instance);
        const auto violations = check(c.schema, json::parse(c.instance));
        CAPTURE(describeAll(violations));
        CHECK(violations.empty() == c.valid);
        if (!c.valid && !violations.empty()) {
            CHECK(violations.front().path == c.path);
            CHECK_THAT(violations.front().message, Catch::Contains(c.message));
        }
    }
}

TEST_CASE("violations are reported together, each with its path", "[json_schema]") {
    const char* schema = R"({
        "type": "object", "required": ["lines"], "additionalProperties": false,
        "properties": {
            "lines": {"type": "array", "items": {"$ref": "#/$defs/line"}},
            "id": {"type": "string"}
        },
        "$defs": {"line": {"type": "object", "required": ["hs"], "properties": {
            "hs": {"type": "string", "pattern": "^[0-9]{6}$"}}}}
    })";
    const auto violations = check(
        schema, json::parse(R"({"id": 3, "lines": [{"hs": "123456"}, {}, {"hs": "12"}], "x": 0})"));
    REQUIRE(violations.size() == 4);
    CHECK(violations[0].path == "/id");
    CHECK(violations[1].path == "/lines/1/hs");
    CHECK(violations[2].path == "/lines/2/hs");
    CHECK(violations[3].path == "/x");
}

TEST_CASE("a $ref cycle or a deep instance stops at the depth limit", "[json_schema]") {
    SECTION("a schema that refers to itself without consuming the instance") {
        const auto violations = check(R"({"$ref": "#"})", json(1));
        REQUIRE(violations.size() == 1);
        CHECK_THAT(violations[0].message, Catch::Contains("nested deeper than 64"));
    }
    SECTION("a recursive schema over an instance nested 100,000 deep") {
        const auto violations =
            check(R"({"$defs": {"list": {"type": "array", "items": {"$ref": "#/$defs/list"}}},
                      "$ref": "#/$defs/list"})",
                  nestedArrays(100'000));
        REQUIRE(violations.size() == 1);
        CHECK_THAT(violations[0].message, Catch::Contains("nested deeper"));
    }
    SECTION("enum, const and uniqueItems do not compare a deep instance") {
        const json deep = nestedArrays(100'000);
        CHECK_THAT(check(R"({"enum": [1]})", deep).at(0).message, Catch::Contains("too deeply"));
        CHECK_THAT(check(R"({"const": [1]})", deep).at(0).message, Catch::Contains("too deeply"));
        json pair = json::array();
        pair.push_back(nestedArrays(100'000));
        pair.push_back(nestedArrays(100'000));
        CHECK_THAT(check(R"({"uniqueItems": true})", pair).at(0).message,
                   Catch::Contains("too deeply"));
    }
    SECTION("branching self-reference ends at the depth limit, within a few hundred steps") {
        // 2^64 paths; the first descent reaches depth 64 and halts everything. A step budget of
        // 1,000 proves it: had the depth limit not stopped it, the note would be the step one.
        const JsonSchema schema(
            json::parse(
                R"({"$defs": {"a": {"anyOf": [{"$ref": "#/$defs/a"}, {"$ref": "#/$defs/a"}]}},
                            "$ref": "#/$defs/a"})"),
            "self");
        const auto violations = schema.validate(json(1), 1000);
        REQUIRE_FALSE(violations.empty());
        CHECK_THAT(violations.back().message, Catch::Contains("nested deeper than 64"));
        for (const auto& violation : violations)
            CHECK_THAT(violation.message, !Catch::Contains("stopped after"));
    }
}

TEST_CASE("exponential work stops at the step limit", "[json_schema]") {
    // 30 levels of two alternatives that both fail only at the bottom: 2^30 paths, each level
    // two evaluations deep, so the depth limit (64) is not what stops it.
    json defs = {{"d0", {{"type", "string"}}}};
    for (int i = 1; i <= 30; ++i) {
        const std::string below = "#/$defs/d" + std::to_string(i - 1);
        defs["d" + std::to_string(i)] = {
            {"anyOf", json::array({{{"$ref", below}}, {{"$ref", below}}})}};
    }
    const json schema = {{"$defs", defs}, {"$ref", "#/$defs/d30"}};
    // The step counter, not the clock, ends it: with a budget of 100,000 steps the last note
    // names exactly that budget (the default budget is JsonSchema::kMaxSteps, 5 million).
    const auto violations = JsonSchema(schema, "exp").validate(json(1), 100'000);
    REQUIRE_FALSE(violations.empty());
    CHECK(violations.back().message == "validation stopped after 100000 steps");
    STATIC_REQUIRE(JsonSchema::kMaxSteps == 5'000'000);
}

TEST_CASE("the report is capped", "[json_schema]") {
    const auto violations =
        check(R"({"items": {"type": "string"}})", json(std::vector<int>(10'000, 7)));
    REQUIRE(violations.size() == 201);
    CHECK(violations[199].path == "/199");
    CHECK_THAT(violations[200].message, Catch::Contains("stopped after 200 violations"));
}

TEST_CASE("strings are quoted safely and long ones are not regex-matched", "[json_schema]") {
    SECTION("invalid UTF-8 in an instance built in code") {
        const auto violations = check(R"({"pattern": "^a$"})", json(std::string("\xff\xfe", 2)));
        REQUIRE(violations.size() == 1);
        CHECK_THAT(violations[0].message, Catch::Contains("must match pattern"));
    }
    SECTION("a long string is cut short in the message") {
        const auto violations = check(R"({"enum": ["a"]})", json(std::string(1000, 'x')));
        REQUIRE(violations.size() == 1);
        CHECK(violations[0].message.size() < 200);
    }
    SECTION("a string beyond the pattern input limit, with no maxLength") {
        const auto violations =
            check(R"({"pattern": "^(a|b)+$"})", json(std::string(100'000, 'a')));
        REQUIRE(violations.size() == 1);
        CHECK_THAT(violations[0].message, Catch::Contains("too long (100000 bytes)"));
    }
    SECTION("a string at the pattern input limit is matched") {
        CHECK(check(R"({"pattern": "^(a|b)+$"})", json(std::string(4096, 'a'))).empty());
    }
}

TEST_CASE("a JsonSchema moves and names its source", "[json_schema]") {
    JsonSchema first(json::parse(R"({"type": "string"})"), "one.json");
    JsonSchema second = std::move(first);
    CHECK(second.source() == "one.json");
    CHECK(second.validate(json("s")).empty());
    CHECK(second.validate(json(1)).size() == 1);
}

TEST_CASE("python-jsonschema gives the same verdict on every keyword case", "[json_schema]") {
    std::vector<prescreen::test::SchemaCase> cases;
    for (std::size_t i = 0; i < keywordCases().size(); ++i) {
        const auto& c = keywordCases()[i];
        cases.push_back({std::to_string(i), json::parse(c.schema), json::parse(c.instance)});
    }
    const auto python = prescreen::test::pythonVerdicts(cases);
    for (std::size_t i = 0; i < keywordCases().size(); ++i) {
        const auto& c = keywordCases()[i];
        CAPTURE(c.schema, c.instance);
        if (!python.checksDateTime && std::string(c.schema).find("date-time") != std::string::npos)
            continue;
        REQUIRE(python.valid.count(std::to_string(i)) == 1);
        CHECK(python.valid.at(std::to_string(i)) == c.valid);
    }
}
