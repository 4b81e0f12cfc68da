#include "modality.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/tone_map.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <string>

namespace prescreen::imaging::render {

namespace {

constexpr int kValues = 65536;
constexpr int kMinTilePixels = 64;

/// Tile index and weight of the next tile (0..256) for each position along one axis of a crop.
struct AxisWeights {
    std::vector<int> first, second;
    std::vector<int> weight;
};

AxisWeights axisWeights(int origin, int count, int scale, int tileSize, int tiles) {
    AxisWeights axis;
    axis.first.resize(static_cast<std::size_t>(count));
    axis.second.resize(static_cast<std::size_t>(count));
    axis.weight.resize(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        // Full-resolution centre of the pixel, in tile units from the first tile's centre.
        const double t = (origin + i + 0.5) * scale / tileSize - 0.5;
        const double floorT = std::floor(t);
        int a = static_cast<int>(floorT);
        double w = t - floorT;
        if (a < 0) {
            a = 0;
            w = 0;
        } else if (a >= tiles - 1) {
            a = tiles - 1;
            w = 0;
        }
        const auto at = static_cast<std::size_t>(i);
        axis.first[at] = a;
        axis.second[at] = std::min(a + 1, tiles - 1);
        axis.weight[at] = static_cast<int>(std::lround(w * 256));
    }
    return axis;
}

} // namespace

LocalToneMap LocalToneMap::build(const Pyramid& pyramid, int plane, const Plane& source,
                                 const Transmission& transmission,
                                 const ToneMapSettings& settings) {
    if (pyramid.levelCount() == 0 || plane < 0 || plane >= pyramid.planeCount())
        throw Error(ErrorCode::InvalidArgument,
                    "local tone map: the pyramid has no plane " + std::to_string(plane));
    if (!transmission.linear || !(transmission.airValue > 0))
        throw Error(ErrorCode::InvalidArgument,
                    "local tone map: the plane is not linear transmission (" + transmission.reason +
                        ")");
    if (settings.tilesAcross < 1 || settings.tilesAcross > 256 ||
        !std::isfinite(settings.clipLimit) || settings.clipLimit <= 0 ||
        !(settings.strength >= 0 && settings.strength <= 1) || !(settings.maxGain >= 1))
        throw Error(ErrorCode::InvalidArgument,
                    "local tone map: " + std::to_string(settings.tilesAcross) +
                        " tiles across, clip limit " + std::to_string(settings.clipLimit) +
                        ", strength " + std::to_string(settings.strength) + ", maximum gain " +
                        std::to_string(settings.maxGain) +
                        " (tiles 1..256, clip limit > 0, strength 0..1, gain >= 1)");
    const ImageView& full = pyramid.plane(0, plane);
    if (full.format != PixelFormat::Gray16)
        throw Error(ErrorCode::InvalidArgument, "local tone map: the plane is not gray16");
    const detail::Modality modality = detail::modalityOf(source, "local tone map");

    LocalToneMap map;
    map.settings_ = settings;
    map.width_ = full.width;
    map.height_ = full.height;
    map.tileSize_ = std::max(1, (std::min(full.width, full.height) + settings.tilesAcross - 1) /
                                    settings.tilesAcross);
    map.tilesX_ = (full.width + map.tileSize_ - 1) / map.tileSize_;
    map.tilesY_ = (full.height + map.tileSize_ - 1) / map.tileSize_;
    // Codes: A = ln(air / v) over [0, ln(air / 0.5)] (zero photons) in kCodes steps.
    map.maxAttenuation_ = std::log(transmission.airValue / 0.5);
    map.code_.resize(kValues);
    for (int value = 0; value < kValues; ++value) {
        const double a = std::log(transmission.airValue /
                                  std::max(0.5, static_cast<double>(modality.integer(
                                                    static_cast<std::uint16_t>(value)))));
        map.code_[static_cast<std::size_t>(value)] = static_cast<std::uint16_t>(
            std::clamp(std::lround(a / map.maxAttenuation_ * (kCodes - 1)), 0L,
                       static_cast<long>(kCodes - 1)));
    }

    // The coarsest level whose tiles still hold kMinTilePixels × kMinTilePixels pixels.
    int level = 0;
    while (level + 1 < pyramid.levelCount() && (map.tileSize_ >> (level + 1)) >= kMinTilePixels)
        ++level;
    const ImageView& pixels = pyramid.plane(level, plane);
    const int scale = 1 << level;
    const auto tiles =
        static_cast<std::size_t>(map.tilesX_) * static_cast<std::size_t>(map.tilesY_);
    map.counts_.assign(tiles * kCodes, 0);
    std::vector<int> tileOfColumn(static_cast<std::size_t>(pixels.width));
    for (int x = 0; x < pixels.width; ++x)
        tileOfColumn[static_cast<std::size_t>(x)] =
            std::min(map.tilesX_ - 1, (x * scale + scale / 2) / map.tileSize_);
    // One tile row per task: tasks never share a histogram, so no merging is needed.
    cv::parallel_for_(cv::Range(0, map.tilesY_), [&](const cv::Range& range) {
        for (int ty = range.start; ty < range.end; ++ty) {
            const int y0 = (ty * map.tileSize_ + scale - 1) / scale;
            const int y1 = std::min(pixels.height, ((ty + 1) * map.tileSize_ + scale - 1) / scale);
            for (int y = y0; y < y1; ++y) {
                const auto* row = pixels.row<const std::uint16_t>(y);
                for (int x = 0; x < pixels.width; ++x) {
                    const std::size_t tile = static_cast<std::size_t>(ty) * map.tilesX_ +
                                             tileOfColumn[static_cast<std::size_t>(x)];
                    ++map.counts_[tile * kCodes + map.code_[row[x]]];
                }
            }
        }
    });
    return map;
}

ToneCurves LocalToneMap::curves(const Window& window, bool invert) const {
    if (empty())
        throw Error(ErrorCode::InvalidArgument, "local tone map: not built");
    if (!std::isfinite(window.center) || !std::isfinite(window.width) || window.width <= 0)
        throw Error(ErrorCode::InvalidArgument,
                    "local tone map: window " + std::to_string(window.center) + "/" +
                        std::to_string(window.width) + " is not finite with a width > 0");
    const auto codeOf = [&](double a) {
        return static_cast<int>(std::clamp(std::lround(a / maxAttenuation_ * (kCodes - 1)), 0L,
                                           static_cast<long>(kCodes - 1)));
    };
    const int low = codeOf(window.center - window.width / 2);
    const int high = std::max(low + 1, codeOf(window.center + window.width / 2));
    const int bins = high - low + 1;
    ToneCurves result;
    result.tilesX_ = tilesX_;
    result.tilesY_ = tilesY_;
    result.tileSize_ = tileSize_;
    result.code_ = code_;
    const auto tiles = static_cast<std::size_t>(tilesX_) * static_cast<std::size_t>(tilesY_);
    result.curves_.resize(tiles * kCodes);
    std::vector<double> histogram(static_cast<std::size_t>(bins));
    for (std::size_t tile = 0; tile < tiles; ++tile) {
        const std::uint32_t* counts = counts_.data() + tile * kCodes;
        // Codes outside the window count at its ends (they clamp there when shown).
        std::fill(histogram.begin(), histogram.end(), 0.0);
        double total = 0;
        for (int c = 0; c < kCodes; ++c) {
            histogram[static_cast<std::size_t>(std::clamp(c, low, high) - low)] += counts[c];
            total += counts[c];
        }
        // The tile's own span: its 1st to 99th percentile, widened to at least bins / maxGain
        // so that no tile stretches its values more than maxGain times the plain window.
        int first = 0, last = bins - 1;
        if (total > 0) {
            double seen = 0;
            first = -1;
            for (int b = 0; b < bins; ++b) {
                seen += histogram[static_cast<std::size_t>(b)];
                if (first < 0 && seen >= 0.01 * total)
                    first = b;
                if (seen >= 0.99 * total) {
                    last = b;
                    break;
                }
            }
            const int minimum =
                std::min(bins, static_cast<int>(std::ceil(bins / settings_.maxGain)));
            if (last - first + 1 < minimum) {
                const int grow = minimum - (last - first + 1);
                first = std::max(0, first - grow / 2);
                last = std::min(bins - 1, first + minimum - 1);
                first = std::max(0, last - minimum + 1);
            }
            // Clip at clipLimit × the span's mean bin, spread the excess over the span (CLAHE).
            const int span = last - first + 1;
            const double limit = settings_.clipLimit * total / span;
            double excess = 0;
            for (auto& h : histogram) {
                if (h > limit) {
                    excess += h - limit;
                    h = limit;
                }
            }
            for (int b = first; b <= last; ++b)
                histogram[static_cast<std::size_t>(b)] += excess / span;
        }
        // Mid-bin cumulative share: the equalised position of each bin, 0 = thinnest.
        std::vector<double>& equalised = histogram;
        double below = 0;
        for (auto& h : equalised) {
            const double share = h;
            h = total > 0 ? (below + share / 2) / total : 0;
            below += share;
        }
        std::uint8_t* curve = result.curves_.data() + tile * kCodes;
        for (int c = 0; c < kCodes; ++c) {
            const int bin = std::clamp(c, low, high) - low;
            const double linear = static_cast<double>(bin) / (high - low);
            const double position = total > 0 ? equalised[static_cast<std::size_t>(bin)] : linear;
            const double dense = settings_.strength * position + (1 - settings_.strength) * linear;
            const double grey = invert ? dense : 1 - dense;
            curve[c] = static_cast<std::uint8_t>(std::lround(std::clamp(grey, 0.0, 1.0) * 255));
        }
    }
    return result;
}

std::array<int, 2> cropOrigin(const ImageView& level, const ImageView& crop) {
    const std::ptrdiff_t offset = crop.data - level.data;
    const bool inside =
        !crop.empty() && !level.empty() && crop.format == level.format && offset >= 0 &&
        crop.strideBytes == level.strideBytes && level.strideBytes > 0 &&
        (offset % level.strideBytes) % static_cast<std::ptrdiff_t>(bytesPerPixel(level.format)) ==
            0;
    const int y = inside ? static_cast<int>(offset / level.strideBytes) : -1;
    const int x = inside
                      ? static_cast<int>((offset % level.strideBytes) /
                                         static_cast<std::ptrdiff_t>(bytesPerPixel(level.format)))
                      : -1;
    if (!inside || x + crop.width > level.width || y + crop.height > level.height)
        throw Error(ErrorCode::InvalidArgument, "the crop is not a view inside its level");
    return {x, y};
}

Image ToneCurves::apply(const ImageView& crop, const ImageView& level, int levelIndex) const {
    if (crop.format != PixelFormat::Gray16 || level.format != PixelFormat::Gray16)
        throw Error(ErrorCode::InvalidArgument,
                    "local tone map: the crop and its level must be gray16");
    const auto origin = cropOrigin(level, crop);
    return apply(crop, origin[0], origin[1], levelIndex);
}

Image ToneCurves::apply(const ImageView& crop, int originX, int originY, int levelIndex) const {
    if (crop.empty() || crop.format != PixelFormat::Gray16 || curves_.empty() || originX < 0 ||
        originY < 0 || levelIndex < 0 || levelIndex > 30)
        throw Error(ErrorCode::InvalidArgument,
                    "local tone map: the crop must be gray16 at a non-negative origin of level "
                    "0..30 (and the curves made)");
    const int scale = 1 << levelIndex;
    const AxisWeights columns = axisWeights(originX, crop.width, scale, tileSize_, tilesX_);
    const AxisWeights rows = axisWeights(originY, crop.height, scale, tileSize_, tilesY_);
    Image out(PixelFormat::Gray8, crop.width, crop.height);
    const ImageView target = out.view();
    constexpr int kCodes = LocalToneMap::kCodes;
    const std::uint16_t* codes = code_.data();
    cv::parallel_for_(cv::Range(0, (crop.height + 63) / 64), [&](const cv::Range& bands) {
        for (int y = bands.start * 64; y < std::min(crop.height, bands.end * 64); ++y) {
            const auto at = static_cast<std::size_t>(y);
            const std::uint8_t* top =
                curves_.data() + static_cast<std::size_t>(rows.first[at]) * tilesX_ * kCodes;
            const std::uint8_t* bottom =
                curves_.data() + static_cast<std::size_t>(rows.second[at]) * tilesX_ * kCodes;
            const int wy = rows.weight[at];
            const auto* in = crop.row<const std::uint16_t>(y);
            auto* dst = target.row<std::uint8_t>(y);
            // Runs of columns between the same two tile columns share four curves.
            for (int x = 0; x < crop.width;) {
                const auto column = static_cast<std::size_t>(x);
                const int first = columns.first[column];
                const int second = columns.second[column];
                int end = x + 1;
                while (end < crop.width && columns.first[static_cast<std::size_t>(end)] == first)
                    ++end;
                const std::uint8_t* a = top + static_cast<std::size_t>(first) * kCodes;
                const std::uint8_t* b = top + static_cast<std::size_t>(second) * kCodes;
                const std::uint8_t* c = bottom + static_cast<std::size_t>(first) * kCodes;
                const std::uint8_t* d = bottom + static_cast<std::size_t>(second) * kCodes;
                const int* weights = columns.weight.data();
                for (; x < end; ++x) {
                    const unsigned code = codes[in[x]];
                    const int wx = weights[x];
                    const int upper = a[code] * 256 + (b[code] - a[code]) * wx;
                    const int lower = c[code] * 256 + (d[code] - c[code]) * wx;
                    dst[x] = static_cast<std::uint8_t>(
                        (upper * 256 + (lower - upper) * wy + 32768) >> 16);
                }
            }
        }
    });
    return out;
}

} // namespace prescreen::imaging::render
