#pragma once
// Shared by the manifest tests: the examples in resources/manifest/examples and small helpers.

#include <prescreen/core/manifest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace prescreen::test {

inline std::filesystem::path manifestExamples() {
    return std::filesystem::path(PRESCREEN_SOURCE_DIR) / "resources" / "manifest" / "examples";
}

inline std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline nlohmann::json exampleJson(const std::string& name) {
    return nlohmann::json::parse(readText(manifestExamples() / name));
}

/// Every problem of a batch, one per line, for failure messages.
inline std::string listProblems(const core::ManifestBatch& batch) {
    std::string out;
    for (const auto& problem : batch.problems)
        out += problem.toString() + "\n";
    return out;
}

/// Whether a problem has exactly this record and field and a message containing `message`.
inline bool hasProblem(const core::ManifestBatch& batch, const std::string& record,
                       const std::string& field, const std::string& message) {
    for (const auto& problem : batch.problems)
        if (problem.record == record && problem.field == field &&
            problem.message.find(message) != std::string::npos)
            return true;
    return false;
}

/// One change to the good single manifest (examples/single.json) and the problem it must cause.
struct ManifestMutation {
    const char* pointer; ///< where, in the document
    const char* value;   ///< the new value as JSON text, or nullptr to remove the member
    const char* field;   ///< expected problem field ("" with record "" for file-level ones)
    const char* message; ///< part of the expected message
    bool fileLevel = false;
};

/// Malformed variants: each makes the manifest invalid for a different rule.
inline const std::vector<ManifestMutation>& badMutations() {
    static const std::vector<ManifestMutation> cases = {
        {"/lines/0/quantity", R"("40")", "/lines/0/quantity", "must be of type number"},
        {"/carrier", nullptr, "/carrier", "required property is missing"},
        {"/lines/0/hsCode", R"("8517.62")", "/lines/0/hsCode", "must match pattern ^[0-9]{6,10}$"},
        {"/lines/0/hsCode", R"("85176")", "/lines/0/hsCode", "must match pattern"},
        {"/lines/0/hsCode", R"("85176200001")", "/lines/0/hsCode", "at most 10 characters"},
        {"/lines/0/hsCode", R"(851762)", "/lines/0/hsCode", "must be of type string"},
        {"/mode", R"("bus")", "/mode",
         R"(must be one of ["courier","air","rail","truck","marine"])"},
        {"/colour", R"("red")", "/colour", "unknown property"},
        {"/shipper/email", R"("a@b.example")", "/shipper/email", "unknown property"},
        {"/shipper", R"("ACME")", "/shipper", "must be of type object"},
        {"/shipper/name", nullptr, "/shipper/name", "required property is missing"},
        {"/importer/businessNumber", nullptr, "/importer/businessNumber", "required property"},
        {"/importer/businessNumber", R"("12345")", "/importer/businessNumber",
         "must match pattern"},
        {"/lines/0/quantity", R"(0)", "/lines/0/quantity", "must be greater than 0 (got 0)"},
        {"/lines/1/weightKg", R"(-1.5)", "/lines/1/weightKg", "must be greater than 0"},
        {"/lines/0/value", R"(-0.01)", "/lines/0/value", "must be at least 0"},
        {"/lines/0/weightKg", R"(2e9)", "/lines/0/weightKg", "must be at most 1000000000"},
        {"/lines/0/currency", R"("usd")", "/lines/0/currency", "must match pattern ^[A-Z]{3}$"},
        {"/lines/0/unit", R"("")", "/lines/0/unit", "must match pattern"},
        {"/lines/0/description", R"("   ")", "/lines/0/description", "must match pattern"},
        {"/lines/0/extra", R"(1)", "/lines/0/extra", "unknown property"},
        {"/origin", R"("CAN")", "/origin", "at most 2 characters"},
        {"/origin", R"("ca")", "/origin", "must match pattern"},
        {"/route/1", R"(3)", "/route/1", "must be of type string"},
        {"/trustedTrader", R"(["PIP", "PIP"])", "/trustedTrader", "items 0 and 1 are equal"},
        {"/trustedTrader/0", R"("TSA")", "/trustedTrader/0", "must be one of"},
        {"/lowValueShipment", R"("yes")", "/lowValueShipment", "must be of type boolean"},
        {"/lines", R"([])", "/lines", "must have at least 1 items"},
        {"/lines/0", R"("8517620000")", "/lines/0", "must be of type object"},
        {"/scanLinkId", R"("")", "/scanLinkId", "must match pattern"},
        {"/scanLinkId", R"("OOI 417")", "/scanLinkId", "must match pattern"},
        {"/expectedArrival", R"("2026-02-30")", "/expectedArrival", "at least one alternative"},
        {"/expectedArrival", R"("tomorrow")", "/expectedArrival", "at least one alternative"},
        {"/cargoControlNumber", R"("8xyz20261122000417")", "/cargoControlNumber", "pattern"},
        {"/cargoControlNumber", R"("8XYZ1234567890123456789012")", "/cargoControlNumber",
         "at most 25 characters"},
        {"/cargoControlNumber", R"("8XY")", "/cargoControlNumber", "must match pattern"},
        {"/cargoControlNumber", R"(12345678)", "/cargoControlNumber", "must be of type string"},
        {"/formatVersion", R"("2.0")", "/formatVersion",
         "format version 2.0 is not supported: this build reads versions 1.x", true},
        {"/formatVersion", nullptr, "/formatVersion", "formatVersion is missing", true},
        {"/formatVersion", R"(1)", "/formatVersion", "must be a string", true},
        {"/formatVersion", R"("1")", "/formatVersion", "is not MAJOR.MINOR", true},
    };
    return cases;
}

/// Variants that stay valid: optional members left out, other accepted spellings.
inline const std::vector<ManifestMutation>& goodMutations() {
    static const std::vector<ManifestMutation> cases = {
        {"/route", nullptr, "", ""},
        {"/trustedTrader", nullptr, "", ""},
        {"/lowValueShipment", nullptr, "", ""},
        {"/expectedArrival", nullptr, "", ""},
        {"/expectedArrival", R"("2026-11-23")", "", ""},
        {"/expectedArrival", R"("2026-11-23T09:30:00.250-05:00")", "", ""},
        {"/shipper/address", nullptr, "", ""},
        {"/formatVersion", R"("1.3")", "", ""},
        {"/lines/0/quantity", R"(0.25)", "", ""},
        {"/lines/0/value", R"(0)", "", ""},
        {"/lines/0/hsCode", R"("010121")", "", ""},
        {"/trustedTrader", R"(["PIP", "C-TPAT", "FAST", "AEO"])", "", ""},
        {"/cargoControlNumber", R"("8XYZ1")", "", ""},
    };
    return cases;
}

/// The good single manifest with one mutation applied.
inline nlohmann::json mutated(const ManifestMutation& mutation) {
    auto document = exampleJson("single.json");
    const nlohmann::json::json_pointer pointer(mutation.pointer);
    if (mutation.value)
        document[pointer] = nlohmann::json::parse(mutation.value);
    else
        document[pointer.parent_pointer()].erase(pointer.back());
    return document;
}

} // namespace prescreen::test
