// 16-bit (or 8-bit) PNG and TIFF lab images through OpenCV's codecs. A pair named like
// "crate_high.png" / "crate_low.png" is one dual-energy scan.
#include "decoded_file.h"

#include <prescreen/error.h>
#include <prescreen/imaging/detail/opencv.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

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

std::uint32_t bigEndian32(const std::string& bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    return value;
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

DecodedFile decodeRasterFile(const std::filesystem::path& file) {
    const std::string header = readMagic(file, 24);
    if (header.rfind("\x89PNG", 0) == 0 && header.size() == 24) {
        // IHDR: refuse absurd sizes before OpenCV allocates anything.
        const std::uint64_t width = bigEndian32(header, 16);
        const std::uint64_t height = bigEndian32(header, 20);
        if (width == 0 || height == 0 || width * height * 8 > Image::kMaxBytes)
            throw Error(ErrorCode::Unsupported,
                        file.string() + ": PNG of " + std::to_string(width) + "x" +
                            std::to_string(height) + " pixels is larger than Prescreen accepts");
    }
    cv::Mat mat = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
    if (mat.empty())
        throw Error(ErrorCode::BadFormat, file.string() + ": not a readable PNG or TIFF image");

    DecodedFile out;
    out.file = file;
    const auto [base, kind] = splitEnergy(file.stem().string());
    out.studyUid = "lab:" + (file.parent_path() / base).string();
    out.metadata.scanInstanceUid = out.studyUid;
    out.metadata.objectId = base;
    out.metadata.modality = "LAB";
    out.metadata.description = "lab image " + file.filename().string();

    if (mat.channels() == 3 || mat.channels() == 4) {
        out.warnings.push_back(file.filename().string() + ": colour image shown as its luminance");
        cv::cvtColor(mat, mat, mat.channels() == 3 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGRA2GRAY);
    }
    Plane plane;
    plane.kind = kind;
    plane.sourceFile = file;
    plane.pixels = Image(PixelFormat::Gray16, mat.cols, mat.rows);
    cv::Mat target = detail::asMat(plane.pixels);
    switch (mat.depth()) {
    case CV_8U:
        mat.convertTo(target, CV_16U);
        plane.bitsStored = 8;
        break;
    case CV_16U:
        mat.copyTo(target);
        break;
    default: {
        double lo = 0, hi = 0;
        cv::minMaxLoc(mat, &lo, &hi);
        const double scale = hi > lo ? 65535.0 / (hi - lo) : 1.0;
        mat.convertTo(target, CV_16U, scale, -lo * scale);
        plane.rescaleSlope = 1.0 / scale;
        plane.rescaleIntercept = lo;
        out.warnings.push_back(file.filename().string() + ": pixels scaled to 16 bits");
    }
    }
    out.planes.push_back(std::move(plane));
    return out;
}

} // namespace prescreen::imaging::decode
