#pragma once
// Decoded frame bytes -> a Gray16 plane (internal to decode): bit masking and sign extension,
// colour to luminance, projections of multi-frame volumes, and wide (32/64-bit, float) pixels
// scaled into 16 bits with the scaling folded into the plane's rescale.

#include <prescreen/imaging/scan.h>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcelem.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace prescreen::imaging::decode {

struct PixelLayout {
    int rows = 0;
    int cols = 0;
    int samples = 1;
    int bitsAllocated = 16;
    int bitsStored = 16;
    bool isSigned = false;
    int planarConfiguration = 0;
    std::string photometric;
    long frames = 1;
    bool chroma422 = false; ///< native YBR_FULL_422: 2 bytes per pixel, not 3

    std::size_t pixelCount() const {
        return static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    }
    std::size_t frameBytes() const {
        return pixelCount() * static_cast<std::size_t>(chroma422 ? 2 : samples) *
               static_cast<std::size_t>(bitsAllocated / 8);
    }
};

/// Collects one frame (a plane) or the mean of several (the projection of a volume).
class FrameAccumulator {
public:
    FrameAccumulator(const PixelLayout& layout, long frames);

    /// A frame as DCMTK returns it: local byte order, in the colour model it names.
    void add(const std::vector<std::uint8_t>& bytes, const std::string& colourModel,
             std::vector<std::string>& warnings, const std::filesystem::path& file);
    /// A frame decoded by OpenJPEG: Gray16 values, samples stacked as rows × samples.
    void addJpeg2000(const Image& decoded);
    /// The plane's pixels; adjusts the plane's rescale when values had to be scaled.
    Image finish(Plane& plane);

private:
    void store(std::size_t index, double value);
    void addGreyRows(const std::vector<std::uint8_t>& bytes);

    PixelLayout layout_;
    long expectedFrames_;
    long frames_ = 0;
    Image direct_;             ///< single 8/16-bit frame: written in place
    std::vector<double> sums_; ///< projections and wide pixels
};

/// The DICOS toolkit's (7FE0,0011/0012/0013) and DICOM's float pixel data, scaled to 16 bits.
Image convertWidePixels(DcmElement& element, const PixelLayout& layout, Plane& plane,
                        const std::filesystem::path& file, std::vector<std::string>& warnings);

/// PALETTE COLOR lookup tables; nullopt (with a warning) when absent or segmented.
std::optional<PaletteLut> readPalette(DcmDataset& dataset, const std::filesystem::path& file,
                                      std::vector<std::string>& warnings);

} // namespace prescreen::imaging::decode
