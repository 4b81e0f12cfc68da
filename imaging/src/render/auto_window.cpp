#include "histogram.h"
#include "modality.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/grey.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace prescreen::imaging::render {

namespace {

constexpr int kBins = 65536;
constexpr int kRowsPerBand = 256;

} // namespace

namespace detail {

std::vector<std::uint64_t> rawHistogram(const ImageView& pixels) {
    std::vector<std::uint64_t> total(kBins, 0);
    std::mutex merge;
    const int bands = (pixels.height + kRowsPerBand - 1) / kRowsPerBand;
    cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
        std::vector<std::uint32_t> local(kBins, 0);
        const int y1 = std::min(pixels.height, range.end * kRowsPerBand);
        for (int y = range.start * kRowsPerBand; y < y1; ++y) {
            const std::uint16_t* row = pixels.row<const std::uint16_t>(y);
            for (int x = 0; x < pixels.width; ++x)
                ++local[row[x]];
        }
        const std::lock_guard lock(merge);
        for (int i = 0; i < kBins; ++i)
            total[static_cast<std::size_t>(i)] += local[static_cast<std::size_t>(i)];
    });
    return total;
}

} // namespace detail

namespace {

/// The value of 0-based rank `rank` in the sorted pixels, from a histogram whose bin i counts
/// the integer i − offset.
int valueAtRank(const std::vector<std::uint64_t>& histogram, int offset, std::uint64_t rank) {
    std::uint64_t cumulative = 0;
    for (int i = 0; i < kBins; ++i) {
        cumulative += histogram[static_cast<std::size_t>(i)];
        if (cumulative > rank)
            return i - offset;
    }
    return kBins - 1 - offset;
}

} // namespace

Window autoWindow(const Plane& plane, double lowPercent, double highPercent) {
    const detail::Modality modality = detail::modalityOf(plane, "automatic window");
    const ImageView& pixels = plane.pixels.view();
    if (pixels.empty() || pixels.format != PixelFormat::Gray16)
        throw Error(ErrorCode::InvalidArgument,
                    "automatic window: the plane has no gray16 pixels (" +
                        plane.sourceFile.string() + ")");
    if (!(lowPercent >= 0 && lowPercent <= highPercent && highPercent <= 100))
        throw Error(ErrorCode::InvalidArgument,
                    "automatic window: percentiles " + std::to_string(lowPercent) + " .. " +
                        std::to_string(highPercent) + " are not 0 <= low <= high <= 100");

    // Percentiles of the stored values as the integers they encode (signed order, masked):
    // 0..65535 unsigned, −32768..32767 signed, so one offset makes every value a bin.
    const std::vector<std::uint64_t> raw = detail::rawHistogram(pixels);
    const int offset = modality.signedPixels ? 32768 : 0;
    std::vector<std::uint64_t> histogram(kBins, 0);
    for (int code = 0; code < kBins; ++code) {
        const int value = modality.integer(static_cast<std::uint16_t>(code));
        histogram[static_cast<std::size_t>(value + offset)] += raw[static_cast<std::size_t>(code)];
    }
    const std::uint64_t count =
        static_cast<std::uint64_t>(pixels.width) * static_cast<std::uint64_t>(pixels.height);
    const double last = static_cast<double>(count - 1);
    const auto lowRank = static_cast<std::uint64_t>(std::floor(lowPercent / 100.0 * last));
    const auto highRank = static_cast<std::uint64_t>(std::ceil(highPercent / 100.0 * last));
    const double a = valueAtRank(histogram, offset, lowRank) * modality.slope + modality.intercept;
    const double b = valueAtRank(histogram, offset, highRank) * modality.slope + modality.intercept;
    const double low = std::min(a, b);
    const double high = std::max(a, b);
    double width = std::max(high - low, std::abs(modality.slope));
    if (width <= 0)
        width = 1.0;
    return Window{(low + high) / 2, width};
}

} // namespace prescreen::imaging::render
