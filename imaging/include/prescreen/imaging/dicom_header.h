#pragma once
// The attributes of a DICOM / DICOS / DICONDE file as plain values, for inspection tools and
// tests. Pixel data and other bulk values are summarised, never loaded.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace prescreen::imaging {

struct DicomAttribute {
    std::uint16_t group = 0;
    std::uint16_t element = 0;
    std::string vr;      ///< as encoded (explicit VR) or as the dictionary says (implicit VR)
    std::string keyword; ///< dictionary keyword; empty when the tag is not in the dictionary
    std::string value;   ///< printable value, bulk data as "(N bytes)", sequences as "(N items)"
};

struct DicomHeader {
    std::string transferSyntaxUid; ///< of the data set as stored
    std::string transferSyntaxName;
    std::vector<DicomAttribute> meta;    ///< file meta information (group 0002)
    std::vector<DicomAttribute> dataset; ///< top-level data set elements
};

/// Reads the file's header; throws prescreen::Error naming the file and what is wrong
/// (NotFound if absent, BadFormat if it is not a readable DICOM file).
DicomHeader readDicomHeader(const std::filesystem::path& file);

/// The first data set attribute with this tag, if present.
std::optional<DicomAttribute> findAttribute(const DicomHeader& header, std::uint16_t group,
                                            std::uint16_t element);

} // namespace prescreen::imaging
