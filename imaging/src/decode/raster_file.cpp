// 16-bit (or 8-bit) PNG and TIFF lab images (libpng / libtiff, see image_io.h). A pair named like
// "crate_high.png" / "crate_low.png" is one dual-energy scan.
#include "decoded_file.h"

#include <prescreen/error.h>
#include <prescreen/imaging/image_io.h>

#include <algorithm>
#include <cctype>
#include <fstream>

namespace prescreen::imaging::decode {
namespace {

std::string readMagic(const std::filesystem::path& file, std::size_t n) {
    std::string bytes(n, '\0');
    std::ifstream in(file, std::ios::binary);
    in.read(bytes.data(), static_cast<std::streamsize>(n));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// "crate_high" -> {"crate", HighEnergy}; names without an energy suffix are single planes.
std::pair<std::string, PlaneKind> splitEnergy(const std::string& stem) {
    const std::string s = lower(stem);
    for (const auto& [suffix, kind] :
         {std::pair<const char*, PlaneKind>{"_high", PlaneKind::HighEnergy},
          {"-high", PlaneKind::HighEnergy},
          {".high", PlaneKind::HighEnergy},
          {"_he", PlaneKind::HighEnergy},
          {"_low", PlaneKind::LowEnergy},
          {"-low", PlaneKind::LowEnergy},
          {".low", PlaneKind::LowEnergy},
          {"_le", PlaneKind::LowEnergy}}) {
        const std::string tail(suffix);
        if (s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0)
            return {stem.substr(0, stem.size() - tail.size()), kind};
    }
    return {stem, PlaneKind::Single};
}

} // namespace

bool looksLikeRaster(const std::filesystem::path& file) {
    const std::string magic = readMagic(file, 132);
    // A DICOM preamble may itself be a TIFF header (dual-personality files): "DICM" wins.
    if (magic.size() == 132 && magic.compare(128, 4, "DICM") == 0)
        return false;
    return magic.rfind("\x89PNG\r\n\x1a\n", 0) == 0 ||
           magic.rfind(std::string("II*\0", 4), 0) == 0 ||
           magic.rfind(std::string("MM\0*", 4), 0) == 0;
}

std::string rasterScanKey(const std::filesystem::path& file) {
    return "lab:" + (file.parent_path() / splitEnergy(file.stem().string()).first).string();
}

DecodedFile decodeRasterFile(const std::filesystem::path& file) {
    const std::string magic = readMagic(file, 4);
    const Image raster = magic.rfind("\x89PNG", 0) == 0 ? readPng(file) : readTiff(file);

    DecodedFile out;
    out.file = file;
    const auto [base, kind] = splitEnergy(file.stem().string());
    out.studyUid = rasterScanKey(file);
    out.metadata.scanInstanceUid = out.studyUid;
    out.metadata.objectId = base;
    out.metadata.modality = "LAB";
    out.metadata.description = "lab image " + file.filename().string();

    Plane plane;
    plane.kind = kind;
    plane.sourceFile = file;
    plane.pixels = Image(PixelFormat::Gray16, raster.width(), raster.height());
    if (raster.format() == PixelFormat::Rgb8)
        out.warnings.push_back(file.filename().string() + ": colour image shown as its luminance");
    if (raster.format() != PixelFormat::Gray16)
        plane.bitsStored = 8;
    for (int y = 0; y < raster.height(); ++y) {
        auto* target = plane.pixels.row<std::uint16_t>(y);
        switch (raster.format()) {
        case PixelFormat::Gray16:
            std::copy_n(raster.row<std::uint16_t>(y), raster.width(), target);
            break;
        case PixelFormat::Gray8:
            std::copy_n(raster.row<std::uint8_t>(y), raster.width(), target);
            break;
        default: {
            const auto* rgb = raster.row<std::uint8_t>(y);
            for (int x = 0; x < raster.width(); ++x)
                target[x] = static_cast<std::uint16_t>(
                    (299 * rgb[3 * x] + 587 * rgb[3 * x + 1] + 114 * rgb[3 * x + 2] + 500) / 1000);
        }
        }
    }
    out.planes.push_back(std::move(plane));
    return out;
}

} // namespace prescreen::imaging::decode
