#pragma once
// What one source file yields before files are grouped into scans (internal to decode).

#include <prescreen/imaging/scan.h>

#include <filesystem>
#include <string>
#include <vector>

namespace prescreen::imaging::decode {

struct DecodedFile {
    std::filesystem::path file;
    std::string studyUid; ///< groups files into a scan; empty for lab images
    ScanMetadata metadata;
    int viewIndex = 0;
    std::string viewDescription;
    std::string viewSlot; ///< readViewSlot: which view, finer than the index (DICOM files)
    std::vector<Plane> planes;
    std::vector<std::string> warnings;
};

/// The quick look used to find siblings: is it DICOM, and which scan does it belong to.
struct FileIdentity {
    bool isDicom = false;
    std::string studyUid;
    std::string sopInstanceUid;
    int viewIndex = 0;                  ///< as decodeDicomFile will number the view
    std::string viewSlot;               ///< as decodeDicomFile will place the view
    PlaneKind kind = PlaneKind::Single; ///< as decodeDicomFile will name the plane
    std::string problem;                ///< why it is not usable, when it is not
};

DecodedFile decodeDicomFile(const std::filesystem::path& file);
FileIdentity identifyFile(const std::filesystem::path& file);
DecodedFile decodeRasterFile(const std::filesystem::path& file);
bool looksLikeRaster(const std::filesystem::path& file);
/// The scan a lab image belongs to, from its name alone ("crate_high.png" -> "lab:.../crate").
std::string rasterScanKey(const std::filesystem::path& file);

/// Decodes one JPEG 2000 frame (codestream or JP2) into `out`, which must already have the
/// expected size; throws prescreen::Error (BadFormat) naming `where` on any mismatch.
void decodeJpeg2000(const std::uint8_t* data, std::size_t size, Image& out, bool expectSigned,
                    const std::string& where, std::vector<std::string>& warnings);

} // namespace prescreen::imaging::decode
