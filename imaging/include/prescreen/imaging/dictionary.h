#pragma once
// The DICOM data dictionary as Prescreen sees it: DCMTK's built-in dictionary plus the DICOS
// attributes it lacks (resources/dicos.dic, compiled into the library).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prescreen::imaging {

/// Prepares the imaging layer for use: adds the supplementary DICOS dictionary to DCMTK's,
/// quietens DCMTK's own logging (errors come back to callers as prescreen::Error instead) and
/// tunes the C heap for frame loops (Buffer::tuneHeap). Idempotent and thread-safe; every
/// executable calls it at start-up, readers call it lazily.
void initialise();

/// One dictionary entry, e.g. {"SeriesEnergy", "US", "1"} for (6100,0030).
struct TagInfo {
    std::string keyword;
    std::string vr;
    std::string vm;
};

/// Looks a tag up in the combined dictionary; nullopt if it is unknown there.
std::optional<TagInfo> lookupTag(std::uint16_t group, std::uint16_t element);

/// The supplementary dictionary's text, exactly as shipped in resources/dicos.dic.
std::string_view supplementaryDictionaryText() noexcept;

/// One parsed line of a DCMTK-format dictionary.
struct DictionaryLine {
    std::uint16_t group = 0;
    std::uint16_t element = 0;
    std::string vr;
    std::string keyword;
    int vmMin = 1;
    int vmMax = 1; ///< -1 for "n" (unbounded)
    std::string version;
};

/// Parses one non-empty, non-comment dictionary line; throws prescreen::Error (BadFormat) naming
/// the line number and what is wrong.
DictionaryLine parseDictionaryLine(std::string_view line, int lineNumber);

} // namespace prescreen::imaging
