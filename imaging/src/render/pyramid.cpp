#include "pyramid_check.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/pyramid.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

namespace prescreen::imaging::render {

namespace {

// Destination rows per step between cancellation checks and progress reports.
constexpr int kRowsPerStep = 128;

template <typename T>
T mean4(T a, T b, T c, T d) {
    if constexpr (std::is_floating_point_v<T>)
        return (a + b + c + d) * T(0.25);
    else
        return static_cast<T>((static_cast<std::uint32_t>(a) + b + c + d + 2) / 4);
}

/// Destination rows [y0, y1) of the 2×2 mean of `src`, an odd last row / column paired with
/// itself.
template <typename T>
void halveRows(const ImageView& src, const ImageView& dst, int y0, int y1) {
    const int lastX = src.width - 1;
    for (int y = y0; y < y1; ++y) {
        const T* top = src.row<const T>(2 * y);
        const T* bottom = src.row<const T>(std::min(2 * y + 1, src.height - 1));
        T* out = dst.row<T>(y);
        const int pairs = src.width / 2;
        for (int x = 0; x < pairs; ++x)
            out[x] = mean4(top[2 * x], top[2 * x + 1], bottom[2 * x], bottom[2 * x + 1]);
        if (pairs < dst.width)
            out[pairs] = mean4(top[lastX], top[lastX], bottom[lastX], bottom[lastX]);
    }
}

void halve(const ImageView& src, const ImageView& dst, int y0, int y1) {
    const int rows = y1 - y0;
    cv::parallel_for_(cv::Range(0, rows), [&](const cv::Range& range) {
        switch (src.format) {
        case PixelFormat::Gray8:
            halveRows<std::uint8_t>(src, dst, y0 + range.start, y0 + range.end);
            break;
        case PixelFormat::Gray16:
            halveRows<std::uint16_t>(src, dst, y0 + range.start, y0 + range.end);
            break;
        case PixelFormat::Float32:
            halveRows<float>(src, dst, y0 + range.start, y0 + range.end);
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
        for (const ImageView& finer : pyramid.levels_[level - 1]) {
            Image& coarser =
                pyramid.owned_.emplace_back(finer.format, sizes[level].first, sizes[level].second);
            for (int y = 0; y < coarser.height(); y += kRowsPerStep) {
                if (stop.stop_requested())
                    return std::nullopt;
                const int y1 = std::min(coarser.height(), y + kRowsPerStep);
                halve(finer, coarser.view(), y, y1);
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
