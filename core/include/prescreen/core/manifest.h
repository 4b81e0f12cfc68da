#pragma once
// Import of pre-arrival shipment data: the versioned JSON format (one manifest, or a batch) and
// the CSV batch form, both described in docs/manifest.md and checked against
// resources/manifest/manifest.schema.json. Every problem is reported with file, record and field;
// valid records of a batch are returned even when others are not.

#include <prescreen/core/model.h>

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::core {

struct ManifestProblem {
    std::string file;   ///< as given by the caller
    std::string record; ///< "record 3 (CCN 8XYZ1234567)", or "" for the file as a whole
    std::string field;  ///< JSON Pointer ("/lines/0/hsCode") or CSV "line 5, column weight_kg"
    std::string message;
    std::string toString() const; ///< "file: record: field: message"
};

struct ManifestBatch {
    std::vector<Manifest> records; ///< the valid ones, in file order
    std::vector<ManifestProblem> problems;
};

/// The manifest format version this build writes and the versions it reads.
inline constexpr std::string_view kManifestFormatVersion = "1.0";

/// Parses JSON text: a single manifest object, or {"formatVersion", "manifests": [...]}.
/// `file` names the source in problems. Never throws on bad input.
ManifestBatch parseManifestJson(std::string_view text, const std::string& file);
/// Parses the CSV batch form (one row per declared line, grouped by cargo control number).
ManifestBatch parseManifestCsv(std::string_view text, const std::string& file);
/// Reads a file and picks the parser by content (JSON if it starts with '{' after whitespace).
/// A file that cannot be read is one problem, not an exception.
ManifestBatch readManifestFile(const std::filesystem::path& file);

/// The manifest as JSON in the documented format (round-trips through parseManifestJson).
nlohmann::json manifestToJson(const Manifest& manifest);

/// The compiled-in schema text (resources/manifest/manifest.schema.json).
std::string_view manifestSchemaText();

} // namespace prescreen::core
