#pragma once
// What the JSON and CSV manifest parsers share: the size limits, the problem list, the checks of
// the format version, and the import of one record (schema check, then conversion). Private to
// core.

#include <prescreen/core/json_schema.h>
#include <prescreen/core/manifest.h>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace prescreen::core::manifest_detail {

inline constexpr std::uintmax_t kMaxFileBytes = 64u * 1024u * 1024u; ///< larger files are refused
inline constexpr std::size_t kMaxRecords = 100'000;                  ///< manifests per file
inline constexpr std::size_t kMaxProblems = 1'000; ///< problems listed per file (+1 note)
inline constexpr int kMaxJsonNesting = 64;         ///< deeper JSON is refused before parsing

/// Adds problems to a batch, naming the file; stops listing (with one note) at kMaxProblems.
class ProblemSink {
public:
    ProblemSink(ManifestBatch& batch, std::string file) : batch_(batch), file_(std::move(file)) {}
    void add(std::string record, std::string field, std::string message);
    /// Reports and returns true if `text` is over kMaxFileBytes (both parsers refuse it whole).
    bool refuseOversized(std::string_view text);
    const std::string& file() const { return file_; }

private:
    ManifestBatch& batch_;
    std::string file_;
    std::size_t count_ = 0;
};

/// "record 3 (CCN 8XYZ1234567)" for the 1-based `ordinal`; the CCN only if it is a string, with
/// anything but letters, digits and -_./ dropped and cut at 30 characters.
std::string recordLabel(std::size_t ordinal, const nlohmann::json& record);

/// Why `value` is not an acceptable formatVersion, or nothing if it is ("1.x").
std::optional<std::string> formatVersionProblem(const nlohmann::json& value);

/// The schema of one manifest record: #/$defs/manifest of the compiled-in manifest schema.
const JsonSchema& recordSchema();

/// Maps a JSON Pointer inside a record to the field named in problems.
using FieldNamer = std::function<std::string(const std::string& pointer)>;

/// Checks one record against recordSchema() and converts it. On success appends the manifest to
/// `records` and returns true; otherwise reports every violation under `label` and returns false.
bool importRecord(const nlohmann::json& record, const std::string& label,
                  const std::string& formatVersion, const FieldNamer& fieldOf,
                  ProblemSink& problems, std::vector<Manifest>& records);

/// `text` without a leading UTF-8 byte order mark.
std::string_view stripBom(std::string_view text);

/// `text` with control characters and non-ASCII bytes replaced by '?', cut at `limit` bytes.
std::string printable(std::string_view text, std::size_t limit = 80);

} // namespace prescreen::core::manifest_detail
