#pragma once
// A byte-level walk over a DICOM Part 10 file that proves its structure is sane before DCMTK
// parses it: every element lies inside its parent, sequences and items are closed, nesting is
// shallow and the element count is bounded. DCMTK's parser recurses once per nested sequence and
// keeps every element in memory, so a small hostile file (a few MB of nested empty sequences)
// would otherwise exhaust the stack or the heap.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

namespace prescreen::imaging::detail {

struct StructureLimits {
    int maxSequenceDepth = 16;         ///< nested sequences; a TDR needs 3
    std::size_t maxElements = 2000000; ///< elements, items and delimiters together
    /// Only enforce the two limits: anything else the walk does not understand (no "DICM",
    /// deflate, a malformed element) ends the check without an error and is left to DCMTK,
    /// which reports it. For the image decoder, which must read what DCMTK tolerates.
    bool limitsOnly = false;
};

/// Walks `bytes` (a whole file: preamble, "DICM", meta group, data set). Returns normally if the
/// structure is well formed within `limits`; otherwise throws prescreen::Error (BadFormat) whose
/// message names `file`, the byte offset and what is wrong.
void checkStructure(std::span<const std::uint8_t> bytes, const std::filesystem::path& file,
                    const StructureLimits& limits = {});

/// The same check on a file, mapped into memory rather than read (only the element headers are
/// touched, so a 256 MB scan costs little). Throws prescreen::Error (Io) if it cannot be mapped.
void checkFileStructure(const std::filesystem::path& file, const StructureLimits& limits = {});

} // namespace prescreen::imaging::detail
