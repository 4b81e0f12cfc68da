// The JSON manifest format: the examples, every malformed case named in docs/manifest.md, the
// size guards, and the round trip through manifestToJson.
#include "manifest_test_data.h"
#include "python_jsonschema.h"

#include <prescreen/core/json_schema.h>
#include <prescreen/core/manifest.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <test_support.h>

using namespace prescreen::core;
using namespace prescreen::test;
using nlohmann::json;

namespace {

ManifestBatch parseDocument(const json& document) {
    return parseManifestJson(document.dump(), "test.json");
}

} // namespace

TEST_CASE("the single example reads into every field", "[manifest]") {
    const auto batch = readManifestFile(manifestExamples() / "single.json");
    INFO(listProblems(batch));
    REQUIRE(batch.problems.empty());
    REQUIRE(batch.records.size() == 1);
    const Manifest& m = batch.records[0];
    CHECK(m.formatVersion == "1.0");
    CHECK(m.cargoControlNumber == "8XYZ20261122000417");
    CHECK(m.mode == TransportMode::Courier);
    CHECK(m.carrier == "8XYZ");
    CHECK(m.shipper.name == "Shenzhen Brightway Electronics Co., Ltd.");
    CHECK(m.shipper.country == "CN");
    CHECK(m.shipper.businessNumber.empty());
    CHECK(m.consignee.address == "1200 rue Saint-Patrick, Montréal QC H3K 1A2");
    CHECK(m.importer.businessNumber == "876543219RM0001");
    CHECK(m.origin == "CN");
    CHECK(m.route == std::vector<std::string>{"HK", "US"});
    REQUIRE(m.lines.size() == 2);
    CHECK(m.lines[0].hsCode == "8517620000");
    CHECK(m.lines[0].description == "Wi-Fi 6 routers, dual band");
    CHECK(m.lines[0].quantity == 40);
    CHECK(m.lines[0].unit == "PCS");
    CHECK(m.lines[0].weightKg == Approx(18.4));
    CHECK(m.lines[0].value == Approx(2360));
    CHECK(m.lines[0].currency == "USD");
    CHECK(m.lines[1].hsCode == "854442");
    CHECK(m.declaredWeightKg() == Approx(39.9));
    CHECK(m.trustedTrader == std::vector<std::string>{"PIP"});
    CHECK_FALSE(m.lowValueShipment);
    CHECK(m.scanLinkId == "OOI-YUL-20261122-000417");
    CHECK(m.expectedArrival == "2026-11-23T14:30:00Z");
}

TEST_CASE("the batch example reads every manifest, with defaults for what is left out",
          "[manifest]") {
    const auto batch = readManifestFile(manifestExamples() / "batch.json");
    INFO(listProblems(batch));
    REQUIRE(batch.problems.empty());
    REQUIRE(batch.records.size() == 3);
    CHECK(batch.records[0].mode == TransportMode::Truck);
    CHECK(batch.records[0].formatVersion == "1.0");
    CHECK(batch.records[0].route.empty());
    CHECK(batch.records[0].trustedTrader.size() == 3);
    CHECK(batch.records[1].mode == TransportMode::Marine);
    CHECK(batch.records[1].consignee.name == "True North Apparel \"TNA\" Inc.");
    CHECK(batch.records[1].shipper.address ==
          "Lot C4, Tan Thuan EPZ\nDistrict 7, Ho Chi Minh City");
    CHECK(batch.records[1].lines.size() == 3);
    CHECK(batch.records[2].lowValueShipment);
    CHECK(batch.records[2].expectedArrival.empty());
    CHECK(batch.records[2].importer.country.empty());
}

TEST_CASE("each malformed manifest is refused with its field and reason", "[manifest]") {
    for (const auto& mutation : badMutations()) {
        CAPTURE(mutation.pointer, mutation.value ? mutation.value : "(removed)");
        const auto batch = parseDocument(mutated(mutation));
        INFO(listProblems(batch));
        CHECK(batch.records.empty());
        const auto expected = [&](const ManifestProblem& problem) {
            // The record's label quotes its CCN, which some mutations change.
            const bool record = mutation.fileLevel ? problem.record.empty()
                                                   : problem.record.rfind("record 1", 0) == 0;
            return record && problem.field == mutation.field &&
                   problem.message.find(mutation.message) != std::string::npos;
        };
        CHECK(std::any_of(batch.problems.begin(), batch.problems.end(), expected));
        for (const auto& problem : batch.problems)
            CHECK(problem.file == "test.json");
    }
}

TEST_CASE("each accepted variant of a manifest is read", "[manifest]") {
    for (const auto& mutation : goodMutations()) {
        CAPTURE(mutation.pointer, mutation.value ? mutation.value : "(removed)");
        const auto batch = parseDocument(mutated(mutation));
        INFO(listProblems(batch));
        CHECK(batch.problems.empty());
        CHECK(batch.records.size() == 1);
    }
}

TEST_CASE("a mixed batch imports its valid records and names every problem", "[manifest]") {
    const auto file = manifestExamples() / "batch-with-errors.json";
    const auto batch = readManifestFile(file);
    INFO(listProblems(batch));
    REQUIRE(batch.records.size() == 2);
    CHECK(batch.records[0].cargoControlNumber == "7AKL0LH400123456");
    CHECK(batch.records[0].lines[0].description == "Stamping dies");
    CHECK(batch.records[1].cargoControlNumber == "CPRS0MX77120045");
    struct Expected {
        const char* record;
        const char* field;
        const char* message;
    };
    const Expected expected[] = {
        {"record 2 (CCN 7AKL0LH400123457)", "/lines/0/hsCode", "must match pattern"},
        {"record 2 (CCN 7AKL0LH400123457)", "/lines/0/quantity", "greater than 0"},
        {"record 3 (CCN 2CNL4471093900)", "/mode", "must be one of"},
        {"record 4 (CCN 8XYZ20261122001203)", "/importer/businessNumber", "required"},
        {"record 4 (CCN 8XYZ20261122001203)", "/notes", "unknown property"},
        {"record 5 (CCN 7AKL0LH400123456)", "/cargoControlNumber",
         "duplicate cargo control number: record 1 of this batch has it already"},
        {"record 7 (CCN 8XYZ20261122001377)", "/lines/0/weightKg", "got string \"2.4 kg\""},
        {"record 7 (CCN 8XYZ20261122001377)", "/lines/0/currency", "must match pattern"},
        {"record 7 (CCN 8XYZ20261122001377)", "/trustedTrader", "are equal"},
        {"record 7 (CCN 8XYZ20261122001377)", "/expectedArrival", "alternative"},
        {"record 8", "", "must be of type object (got string"},
    };
    for (const auto& e : expected) {
        CAPTURE(e.record, e.field, e.message);
        CHECK(hasProblem(batch, e.record, e.field, e.message));
    }
    CHECK(batch.problems.size() == std::size(expected));
    for (const auto& problem : batch.problems)
        CHECK(problem.file == file.string());
}

TEST_CASE("the format version decides what is read", "[manifest]") {
    auto document = exampleJson("batch.json");
    SECTION("another major version is refused as a whole") {
        document["formatVersion"] = "2.1";
        const auto batch = parseDocument(document);
        CHECK(batch.records.empty());
        REQUIRE(batch.problems.size() == 1);
        CHECK(batch.problems[0].toString() ==
              "test.json: /formatVersion: format version 2.1 is not supported: this build reads "
              "versions 1.x");
    }
    SECTION("a later minor version is read") {
        document["formatVersion"] = "1.7";
        const auto batch = parseDocument(document);
        CHECK(batch.problems.empty());
        REQUIRE(batch.records.size() == 3);
        CHECK(batch.records[0].formatVersion == "1.7");
    }
    SECTION("a record may state its own 1.x version") {
        document["manifests"][1]["formatVersion"] = "1.2";
        const auto batch = parseDocument(document);
        REQUIRE(batch.records.size() == 3);
        CHECK(batch.records[0].formatVersion == "1.0");
        CHECK(batch.records[1].formatVersion == "1.2");
    }
    SECTION("but not another major one") {
        document["manifests"][1]["formatVersion"] = "2.0";
        const auto batch = parseDocument(document);
        CHECK(batch.records.size() == 2);
        CHECK(hasProblem(batch, "record 2 (CCN MSCU0VN2611HCM004471)", "/formatVersion",
                         "must match pattern"));
    }
}

TEST_CASE("the batch envelope is checked", "[manifest]") {
    auto document = exampleJson("batch.json");
    SECTION("an unknown member is a problem, the records still come through") {
        document["sender"] = "HQ";
        const auto batch = parseDocument(document);
        CHECK(batch.records.size() == 3);
        CHECK(hasProblem(batch, "", "/sender", "unknown property of a batch"));
    }
    SECTION("manifests must be an array") {
        document["manifests"] = json::object();
        const auto batch = parseDocument(document);
        CHECK(batch.records.empty());
        CHECK(hasProblem(batch, "", "/manifests", "must be an array"));
    }
    SECTION("an empty batch is valid and empty") {
        document["manifests"] = json::array();
        const auto batch = parseDocument(document);
        CHECK(batch.records.empty());
        CHECK(batch.problems.empty());
    }
    SECTION("the top level must be an object") {
        const auto batch = parseManifestJson("[1, 2]", "t.json");
        CHECK(hasProblem(batch, "", "", "the top level must be a JSON object"));
    }
}

TEST_CASE("bad bytes in a JSON manifest are refused, naming what", "[manifest]") {
    const std::string good = readText(manifestExamples() / "single.json");
    SECTION("a key given twice in one object refuses the file (the last one would win)") {
        auto text = good;
        const auto at = text.find("\"origin\": \"CN\"");
        REQUIRE(at != std::string::npos);
        text.insert(at, "\"origin\": \"CA\", ");
        const auto batch = parseManifestJson(text, "dup.json");
        CHECK(batch.records.empty());
        REQUIRE(batch.problems.size() == 1);
        CHECK_THAT(batch.problems[0].message,
                   Catch::StartsWith("not a manifest: an object names the key \"origin\" twice"));
    }
    SECTION("the same key in two different objects is fine") {
        const auto batch = parseManifestJson(good, "good.json");
        CHECK(batch.records.size() == 1);
        CHECK(batch.problems.empty());
    }
    SECTION("a NUL character in a text field refuses the record and names the field") {
        auto document = json::parse(good);
        document["shipper"]["name"] = std::string("Shenzhen\0Brightway", 18);
        const auto batch = parseManifestJson(document.dump(), "nul.json");
        CHECK(batch.records.empty());
        CHECK(hasProblem(batch, "record 1 (CCN 8XYZ20261122000417)", "/shipper/name",
                         "contains a NUL character"));
    }
    SECTION("a .json file whose top level is not an object is not a manifest (not CSV)") {
        TempDir dir;
        for (const char* text : {"\"hello\"", "42", "true", "null"}) {
            INFO(text);
            const auto file = dir / "top.JSON";
            std::ofstream(file, std::ios::binary) << text;
            const auto batch = readManifestFile(file);
            CHECK(batch.records.empty());
            REQUIRE(batch.problems.size() == 1);
            CHECK_THAT(batch.problems[0].message,
                       Catch::StartsWith("not a manifest: the top level must be a JSON object"));
        }
    }
}

TEST_CASE("a NUL character in a CSV cell is refused, naming the cell", "[manifest]") {
    using namespace std::string_literals;
    const std::string text = "cargo_control_number,origin\n8XYZ1,C\0N\n"s;
    const auto batch = parseManifestCsv(text, "nul.csv");
    CHECK(batch.records.empty());
    bool named = false;
    for (const auto& problem : batch.problems)
        named = named || problem.message.find("contains a NUL character") != std::string::npos;
    CHECK(named);
}

TEST_CASE("invalid JSON is one problem that says where", "[manifest]") {
    const std::string text = readText(manifestExamples() / "single.json");
    const auto end = text.find_last_of('}');
    for (std::size_t length = 0; length < end; length += 7) {
        CAPTURE(length);
        const auto batch = parseManifestJson(text.substr(0, length), "cut.json");
        CHECK(batch.records.empty());
        REQUIRE(batch.problems.size() == 1);
        CHECK_THAT(batch.problems[0].message, Catch::StartsWith("not valid JSON (at byte "));
    }
    const auto batch = parseManifestJson("{\n  \"formatVersion\": \"1.0\",\n  oops\n}", "x.json");
    REQUIRE(batch.problems.size() == 1);
    CHECK_THAT(batch.problems[0].toString(),
               Catch::StartsWith("x.json: not valid JSON (at byte 31): parse error at line 3, "
                                 "column 3"));
}

TEST_CASE("random and damaged input never crashes and never yields an invalid record",
          "[manifest]") {
    std::mt19937 random(20261122);
    const std::string good = readText(manifestExamples() / "single.json");
    const auto& schemaCheck = [](const ManifestBatch& batch) {
        // Whatever comes through must be a manifest the schema accepts.
        for (const auto& record : batch.records) {
            const auto again = parseManifestJson(manifestToJson(record).dump(), "again");
            CHECK(again.records.size() == 1);
        }
    };
    for (int round = 0; round < 300; ++round) {
        std::string bytes(random() % 2000, '\0');
        for (auto& byte : bytes)
            byte = static_cast<char>(random() % 256);
        CHECK_NOTHROW(schemaCheck(parseManifestJson(bytes, "random")));
        CHECK_NOTHROW(schemaCheck(parseManifestCsv(bytes, "random")));
        std::string damaged = good;
        for (int flips = 1 + static_cast<int>(random() % 4); flips > 0; --flips)
            damaged[random() % damaged.size()] = static_cast<char>(random() % 256);
        CHECK_NOTHROW(schemaCheck(parseManifestJson(damaged, "damaged")));
    }
}

TEST_CASE("a UTF-8 byte order mark is ignored", "[manifest]") {
    const std::string text = "\xEF\xBB\xBF" + readText(manifestExamples() / "single.json");
    const auto batch = parseManifestJson(text, "bom.json");
    INFO(listProblems(batch));
    CHECK(batch.records.size() == 1);
    TempDir dir;
    std::ofstream(dir / "bom.json", std::ios::binary) << text;
    CHECK(readManifestFile(dir / "bom.json").records.size() == 1);
}

TEST_CASE("manifestToJson round-trips through the parser", "[manifest]") {
    for (const char* name : {"single.json", "batch.json", "batch.csv"}) {
        CAPTURE(name);
        const auto batch = readManifestFile(manifestExamples() / name);
        REQUIRE_FALSE(batch.records.empty());
        for (const auto& record : batch.records) {
            const json written = manifestToJson(record);
            const auto again = parseManifestJson(written.dump(2), "again.json");
            INFO(listProblems(again));
            REQUIRE(again.records.size() == 1);
            CHECK(manifestToJson(again.records[0]) == written);
        }
    }
    const json written =
        manifestToJson(readManifestFile(manifestExamples() / "single.json").records[0]);
    auto original = exampleJson("single.json");
    CHECK(written == original);
}

TEST_CASE("sizes are checked before anything is allocated by them", "[manifest]") {
    SECTION("text over 64 MiB") {
        const auto batch = parseManifestJson(std::string(64u * 1024 * 1024 + 1, ' '), "big.json");
        REQUIRE(batch.problems.size() == 1);
        CHECK_THAT(batch.problems[0].message, Catch::Contains("at most 67108864"));
    }
    SECTION("a file over 64 MiB is not read") {
        TempDir dir;
        std::ofstream(dir / "big.json") << "{";
        std::filesystem::resize_file(dir / "big.json", 65u * 1024 * 1024); // sparse
        const auto batch = readManifestFile(dir / "big.json");
        REQUIRE(batch.problems.size() == 1);
        CHECK_THAT(batch.problems[0].message, Catch::Contains("68157440 bytes; at most"));
    }
    SECTION("a batch of more than 100,000 records") {
        std::string text = R"({"formatVersion": "1.0", "manifests": [)";
        for (int i = 0; i < 100'000; ++i)
            text += "{},";
        text += "{}]}";
        const auto batch = parseManifestJson(text, "many.json");
        CHECK(batch.records.empty());
        REQUIRE(batch.problems.size() == 1);
        CHECK_THAT(batch.problems[0].message, Catch::Contains("100001 manifests; at most 100000"));
    }
    SECTION("the problem list stops at 1,000") {
        std::string text = R"({"formatVersion": "1.0", "manifests": [{})";
        for (int i = 0; i < 2'000; ++i)
            text += ",{}";
        text += "]}";
        const auto batch = parseManifestJson(text, "bad.json");
        REQUIRE(batch.problems.size() == 1'001);
        CHECK_THAT(batch.problems.back().message, Catch::Contains("more than 1000 problems"));
    }
    SECTION("deep nesting is refused before parsing") {
        std::string text = R"({"formatVersion": "1.0", "manifests": [)" + std::string(200'000, '[');
        const auto batch = parseManifestJson(text, "deep.json");
        REQUIRE(batch.problems.size() == 1);
        CHECK_THAT(batch.problems[0].message,
                   Catch::Contains("deeper than 64 levels (at byte 102)"));
    }
    SECTION("brackets inside strings do not count") {
        auto document = exampleJson("single.json");
        document["lines"][0]["description"] =
            std::string(100, '[') + "\\\"" + std::string(100, '{');
        CHECK(parseDocument(document).records.size() == 1);
    }
}

TEST_CASE("a file that cannot be read is one problem", "[manifest]") {
    TempDir dir;
    auto batch = readManifestFile(dir / "absent.json");
    REQUIRE(batch.problems.size() == 1);
    CHECK_THAT(batch.problems[0].toString(), Catch::Contains("absent.json: cannot read the file"));
    batch = readManifestFile(dir.path());
    CHECK(batch.problems.size() == 1);
    std::ofstream(dir / "empty.json") << " \n\t";
    batch = readManifestFile(dir / "empty.json");
    REQUIRE(batch.problems.size() == 1);
    CHECK(batch.problems[0].message == "the file is empty");
}

TEST_CASE("a problem prints as file: record: field: message", "[manifest]") {
    CHECK(ManifestProblem{"a.json", "record 3 (CCN X)", "/lines/0/hsCode", "bad"}.toString() ==
          "a.json: record 3 (CCN X): /lines/0/hsCode: bad");
    CHECK(ManifestProblem{"a.json", "", "", "bad"}.toString() == "a.json: bad");
    CHECK(ManifestProblem{"a.csv", "record 1", "line 4, column unit", "bad"}.toString() ==
          "a.csv: record 1: line 4, column unit: bad");
}

TEST_CASE("the compiled-in schema is the one in resources/ and compiles", "[manifest]") {
    const std::string file = readText(std::filesystem::path(PRESCREEN_SOURCE_DIR) / "resources" /
                                      "manifest" / "manifest.schema.json");
    CHECK(manifestSchemaText() == file);
    const JsonSchema schema(json::parse(manifestSchemaText()), "manifest.schema.json");
    CHECK(schema.validate(exampleJson("single.json")).empty());
    CHECK(schema.validate(exampleJson("batch.json")).empty());
    CHECK_FALSE(schema.validate(exampleJson("batch-with-errors.json")).empty());
}

TEST_CASE("python-jsonschema agrees with the import on the examples and every malformed case",
          "[manifest]") {
    const json schema = json::parse(manifestSchemaText());
    std::vector<SchemaCase> cases;
    std::vector<bool> dependsOnDateTime;
    const auto add = [&](std::string name, json document, bool dateTime = false) {
        cases.push_back({std::move(name), schema, std::move(document)});
        dependsOnDateTime.push_back(dateTime);
    };
    for (const char* name : {"single.json", "batch.json", "batch-with-errors.json"})
        add(name, exampleJson(name));
    json fromCsv = {{"formatVersion", "1.0"}, {"manifests", json::array()}};
    for (const auto& record : readManifestFile(manifestExamples() / "batch.csv").records)
        fromCsv["manifests"].push_back(manifestToJson(record));
    add("batch.csv as JSON", fromCsv);
    for (std::size_t i = 0; i < badMutations().size(); ++i)
        add("bad " + std::to_string(i), mutated(badMutations()[i]),
            std::string(badMutations()[i].pointer) == "/expectedArrival");
    for (std::size_t i = 0; i < goodMutations().size(); ++i)
        add("good " + std::to_string(i), mutated(goodMutations()[i]));
    auto batch = exampleJson("batch.json");
    batch["sender"] = "HQ";
    add("batch with an unknown member", batch);
    batch = exampleJson("batch.json");
    batch["manifests"] = json::array();
    add("empty batch", batch);
    batch["manifests"].push_back(17);
    add("batch with a number for a record", batch);
    batch = exampleJson("batch.json");
    batch["formatVersion"] = "3.0";
    add("batch of version 3.0", batch);
    batch.erase("formatVersion");
    add("batch without a version", batch);

    const auto python = pythonVerdicts(cases);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        CAPTURE(cases[i].name);
        if (dependsOnDateTime[i] && !python.checksDateTime)
            continue;
        const auto ours = parseManifestJson(cases[i].instance.dump(), cases[i].name);
        INFO(listProblems(ours));
        REQUIRE(python.valid.count(cases[i].name) == 1);
        CHECK(python.valid.at(cases[i].name) == ours.problems.empty());
    }
}
