#include "pyramid_check.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/pyramid.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

namespace prescreen::imaging::render {

namespace {

// Destination rows per step between cancellation checks and progress reports.
constexpr int kRowsPerStep = 128;

// Destination pixels per block of the row kernels. A fixed trip count lets the -O2 vectoriser
// (which adds no scalar remainder loops of its own) turn a block into whole SIMD registers.
constexpr int kBlock = 32;

// XOR masks mapping int16 bit patterns onto uint16 in the same order (v -> v + 32768). The
// integer mean floor((sum + 2) / 4) commutes with that offset (4 · 32768 is a multiple of 4), so
// a signed plane is averaged as unsigned between two flips.
constexpr std::uint32_t kFlipPair16 = 0x80008000u;
constexpr std::uint32_t kFlip16 = 0x8000u;

/// Means of horizontal pixel pairs: out[i] averages top[2i], top[2i + 1], bottom[2i] and
/// bottom[2i + 1]. Each pair is read as one wider word and its halves summed, which keeps the
/// loads contiguous (no deinterleaving); the sum of both halves does not depend on byte order.
struct Gray8Pairs {
    using Pixel = std::uint8_t;
    static Pixel mean(const Pixel* top, const Pixel* bottom, std::uint32_t) {
        std::uint16_t t = 0;
        std::uint16_t b = 0;
        std::memcpy(&t, top, sizeof t);
        std::memcpy(&b, bottom, sizeof b);
        const unsigned sum = (t & 0xFFu) + (t >> 8) + (b & 0xFFu) + (b >> 8) + 2u;
        return static_cast<Pixel>(sum >> 2);
    }
};

struct Gray16Pairs {
    using Pixel = std::uint16_t;
    /// `flip` is kFlipPair16 for int16 bit patterns, 0 for uint16.
    static Pixel mean(const Pixel* top, const Pixel* bottom, std::uint32_t flip) {
        std::uint32_t t = 0;
        std::uint32_t b = 0;
        std::memcpy(&t, top, sizeof t);
        std::memcpy(&b, bottom, sizeof b);
        t ^= flip;
        b ^= flip;
        const std::uint32_t sum = (t & 0xFFFFu) + (t >> 16) + (b & 0xFFFFu) + (b >> 16) + 2u;
        return static_cast<Pixel>((sum >> 2) ^ (flip & kFlip16));
    }
};

struct Float32Pairs {
    using Pixel = float;
    static Pixel mean(const Pixel* top, const Pixel* bottom, std::uint32_t) {
        return (top[0] + top[1] + bottom[0] + bottom[1]) * 0.25f;
    }
};

/// One destination row from two source rows (the same row twice for an odd last row) of
/// `srcWidth` pixels; an odd last column is paired with itself. Not inlined: GCC keeps the
/// __restrict promises (source and destination rows never overlap) only at a real call, and
/// without them it will not vectorise.
template <typename Pairs>
[[gnu::noinline]] void halveRow(const typename Pairs::Pixel* __restrict top,
                                const typename Pairs::Pixel* __restrict bottom,
                                typename Pairs::Pixel* __restrict out, int srcWidth,
                                std::uint32_t flip) {
    using Pixel = typename Pairs::Pixel;
    const int pairs = srcWidth / 2;
    int x = 0;
    for (; x + kBlock <= pairs; x += kBlock)
        for (int i = 0; i < kBlock; ++i)
            out[x + i] = Pairs::mean(top + 2 * (x + i), bottom + 2 * (x + i), flip);
    for (; x < pairs; ++x)
        out[x] = Pairs::mean(top + 2 * x, bottom + 2 * x, flip);
    if (pairs * 2 < srcWidth) {
        const Pixel topEdge[2] = {top[srcWidth - 1], top[srcWidth - 1]};
        const Pixel bottomEdge[2] = {bottom[srcWidth - 1], bottom[srcWidth - 1]};
        out[pairs] = Pairs::mean(topEdge, bottomEdge, flip);
    }
}

/// Destination rows [y0, y1) of the 2×2 mean of `src`, an odd last row paired with itself.
template <typename Pairs>
void halveRows(const ImageView& src, const ImageView& dst, int y0, int y1, std::uint32_t flip) {
    using Pixel = typename Pairs::Pixel;
    for (int y = y0; y < y1; ++y)
        halveRow<Pairs>(src.row<const Pixel>(2 * y),
                        src.row<const Pixel>(std::min(2 * y + 1, src.height - 1)),
                        dst.row<Pixel>(y), src.width, flip);
}

void halve(const ImageView& src, const ImageView& dst, int y0, int y1, bool isSigned) {
    const int rows = y1 - y0;
    cv::parallel_for_(cv::Range(0, rows), [&](const cv::Range& range) {
        const int from = y0 + range.start;
        const int to = y0 + range.end;
        switch (src.format) {
        case PixelFormat::Gray8:
            halveRows<Gray8Pairs>(src, dst, from, to, 0);
            break;
        case PixelFormat::Gray16:
            halveRows<Gray16Pairs>(src, dst, from, to, isSigned ? kFlipPair16 : 0);
            break;
        case PixelFormat::Float32:
            halveRows<Float32Pairs>(src, dst, from, to, 0);
            break;
        case PixelFormat::Rgb8:
            break;
        }
    });
}

} // namespace

void detail::checkPyramidInput(const std::vector<ImageView>& planes,
                               const PyramidOptions& options) {
    if (planes.empty())
        throw Error(ErrorCode::InvalidArgument, "pyramid: no planes given");
    if (options.coarsestMaxSide < 1)
        throw Error(ErrorCode::InvalidArgument, "pyramid: coarsest side " +
                                                    std::to_string(options.coarsestMaxSide) +
                                                    " must be >= 1");
    const ImageView& first = planes.front();
    if (!options.signedPlanes.empty() && options.signedPlanes.size() != planes.size())
        throw Error(ErrorCode::InvalidArgument,
                    "pyramid: signedPlanes has " + std::to_string(options.signedPlanes.size()) +
                        " entries for " + std::to_string(planes.size()) +
                        " planes; give one per plane or none");
    for (std::size_t i = 0; i < planes.size(); ++i) {
        const ImageView& p = planes[i];
        const std::string which = "pyramid: plane " + std::to_string(i);
        if (p.empty())
            throw Error(ErrorCode::InvalidArgument, which + " is empty");
        if (p.format == PixelFormat::Rgb8)
            throw Error(ErrorCode::InvalidArgument,
                        which + " is rgb8; planes are gray8, gray16 or float32");
        if (p.format != first.format || p.width != first.width || p.height != first.height)
            throw Error(ErrorCode::InvalidArgument,
                        which + " (" + std::to_string(p.width) + "x" + std::to_string(p.height) +
                            " " + pixelFormatName(p.format) + ") does not match plane 0 (" +
                            std::to_string(first.width) + "x" + std::to_string(first.height) + " " +
                            pixelFormatName(first.format) + "); they must be aligned");
        if (!options.signedPlanes.empty() && options.signedPlanes[i] &&
            p.format != PixelFormat::Gray16)
            throw Error(ErrorCode::InvalidArgument, which + " is marked signed but is " +
                                                        pixelFormatName(p.format) +
                                                        "; only gray16 planes hold signed pixels");
    }
}

int Pyramid::width(int level) const {
    return plane(level, 0).width;
}

int Pyramid::height(int level) const {
    return plane(level, 0).height;
}

const ImageView& Pyramid::plane(int level, int index) const {
    if (level < 0 || level >= levelCount() || index < 0 || index >= planeCount())
        throw Error(ErrorCode::InvalidArgument,
                    "pyramid: level " + std::to_string(level) + " plane " + std::to_string(index) +
                        " does not exist (" + std::to_string(levelCount()) + " levels of " +
                        std::to_string(planeCount()) + " planes)");
    return levels_[static_cast<std::size_t>(level)][static_cast<std::size_t>(index)];
}

std::optional<Pyramid> buildPyramid(const std::vector<ImageView>& planes,
                                    const PyramidOptions& options,
                                    const ProgressCallback& onProgress, std::stop_token stop) {
    detail::checkPyramidInput(planes, options);
    // Sizes first, so progress can be a fraction of the whole job.
    std::vector<std::pair<int, int>> sizes{{planes[0].width, planes[0].height}};
    double totalPixels = 0;
    while (std::max(sizes.back().first, sizes.back().second) > options.coarsestMaxSide) {
        sizes.emplace_back((sizes.back().first + 1) / 2, (sizes.back().second + 1) / 2);
        totalPixels += static_cast<double>(sizes.back().first) * sizes.back().second;
    }
    totalPixels *= static_cast<double>(planes.size());

    Pyramid pyramid;
    pyramid.levels_.push_back(planes);
    pyramid.owned_.reserve((sizes.size() - 1) * planes.size());
    double donePixels = 0;
    for (std::size_t level = 1; level < sizes.size(); ++level) {
        std::vector<ImageView> current;
        for (std::size_t index = 0; index < planes.size(); ++index) {
            const ImageView& finer = pyramid.levels_[level - 1][index];
            const bool isSigned = !options.signedPlanes.empty() && options.signedPlanes[index];
            Image& coarser =
                pyramid.owned_.emplace_back(finer.format, sizes[level].first, sizes[level].second);
            for (int y = 0; y < coarser.height(); y += kRowsPerStep) {
                if (stop.stop_requested())
                    return std::nullopt;
                const int y1 = std::min(coarser.height(), y + kRowsPerStep);
                halve(finer, coarser.view(), y, y1, isSigned);
                donePixels += static_cast<double>(y1 - y) * coarser.width();
                if (onProgress)
                    onProgress(std::min(1.0, donePixels / totalPixels));
            }
            current.push_back(coarser.view());
        }
        pyramid.levels_.push_back(std::move(current));
    }
    if (stop.stop_requested())
        return std::nullopt;
    if (onProgress)
        onProgress(1.0);
    return pyramid;
}

} // namespace prescreen::imaging::render
