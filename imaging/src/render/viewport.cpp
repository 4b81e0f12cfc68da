#include <prescreen/error.h>
#include <prescreen/imaging/detail/opencv.h>
#include <prescreen/imaging/render/viewport.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace prescreen::imaging::render {

namespace {

constexpr int kMaxOutputSide = 16384;

void checkViewport(const Pyramid& pyramid, const Viewport& v) {
    if (pyramid.levelCount() == 0)
        throw Error(ErrorCode::InvalidArgument, "viewport: the pyramid is empty (not built)");
    if (v.width < 1 || v.height < 1 || v.width > kMaxOutputSide || v.height > kMaxOutputSide)
        throw Error(ErrorCode::InvalidArgument, "viewport: output size " + std::to_string(v.width) +
                                                    "x" + std::to_string(v.height) +
                                                    " is outside 1..16384");
    if (!std::isfinite(v.zoom) || v.zoom <= 0)
        throw Error(ErrorCode::InvalidArgument,
                    "viewport: zoom " + std::to_string(v.zoom) + " is not a finite number > 0");
    if (!std::isfinite(v.centerX) || !std::isfinite(v.centerY))
        throw Error(ErrorCode::InvalidArgument, "viewport: centre (" + std::to_string(v.centerX) +
                                                    ", " + std::to_string(v.centerY) +
                                                    ") is not finite");
}

/// One axis of the mapping output pixel → full-resolution image coordinate.
struct Axis {
    double center;
    int outputSize;
    double zoom;
    int imageSize;

    double sample(int o) const { return center + (o + 0.5 - outputSize / 2.0) / zoom; }

    /// Output pixels [first, last] whose sample lies in [0, imageSize); first > last if none.
    std::pair<int, int> visible() const {
        const double lo = std::ceil((0.0 - center) * zoom + outputSize / 2.0 - 0.5);
        const double hi = std::ceil((imageSize - center) * zoom + outputSize / 2.0 - 0.5) - 1;
        int first = static_cast<int>(std::clamp(lo, -1.0, static_cast<double>(outputSize)));
        int last = static_cast<int>(std::clamp(hi, -1.0, static_cast<double>(outputSize)));
        first = std::max(first, 0);
        last = std::min(last, outputSize - 1);
        // Rounding at the edges: settle on the exact predicate.
        while (first <= last && sample(first) < 0)
            ++first;
        while (first > 0 && sample(first - 1) >= 0 && sample(first - 1) < imageSize)
            --first;
        while (last >= first && sample(last) >= imageSize)
            --last;
        while (last + 1 < outputSize && last >= first && sample(last + 1) < imageSize)
            ++last;
        return {first, last};
    }
};

void fill(const ImageView& out, const std::array<std::uint8_t, 3>& colour) {
    cv::Mat mat = detail::asMat(out);
    if (out.format == PixelFormat::Rgb8) {
        mat.setTo(cv::Scalar(colour[0], colour[1], colour[2]));
        return;
    }
    const int grey = (colour[0] + colour[1] + colour[2] + 1) / 3;
    mat.setTo(cv::Scalar(grey));
}

void nearest(const ImageView& crop, const ImageView& out, const std::vector<int>& xs,
             const std::vector<int>& ys) {
    const int channels = crop.format == PixelFormat::Rgb8 ? 3 : 1;
    for (int y = 0; y < out.height; ++y) {
        const std::uint8_t* in = crop.row<const std::uint8_t>(ys[static_cast<std::size_t>(y)]);
        std::uint8_t* row = out.row<std::uint8_t>(y);
        for (int x = 0; x < out.width; ++x)
            std::memcpy(row + channels * x, in + channels * xs[static_cast<std::size_t>(x)],
                        static_cast<std::size_t>(channels));
    }
}

} // namespace

ViewportResult renderViewport(const Pyramid& pyramid, const Viewport& viewport,
                              const RenderFunction& render) {
    checkViewport(pyramid, viewport);
    if (!render)
        throw Error(ErrorCode::InvalidArgument, "viewport: no render function given");

    ViewportResult result;
    while (result.level + 1 < pyramid.levelCount() &&
           viewport.zoom * std::ldexp(1.0, result.level + 1) <= 1.0)
        ++result.level;
    const double scale = std::ldexp(1.0, result.level); // full-resolution pixels per level pixel
    const double levelZoom = viewport.zoom * scale;
    result.nearest = levelZoom >= 2.0;

    const Axis ax{viewport.centerX, viewport.width, viewport.zoom, pyramid.width(0)};
    const Axis ay{viewport.centerY, viewport.height, viewport.zoom, pyramid.height(0)};
    const auto [x0, x1] = ax.visible();
    const auto [y0, y1] = ay.visible();
    if (x0 > x1 || y0 > y1) {
        result.image = Image(PixelFormat::Gray8, viewport.width, viewport.height);
        fill(result.image.view(), viewport.background);
        return result;
    }

    // The level pixels under the visible samples, plus one pixel of margin for interpolation.
    const int levelWidth = pyramid.width(result.level);
    const int levelHeight = pyramid.height(result.level);
    const auto levelPixel = [scale](double coordinate) {
        return static_cast<int>(std::floor(coordinate / scale));
    };
    const int sx0 = std::max(0, levelPixel(ax.sample(x0)) - 1);
    const int sx1 = std::min(levelWidth - 1, levelPixel(ax.sample(x1)) + 1);
    const int sy0 = std::max(0, levelPixel(ay.sample(y0)) - 1);
    const int sy1 = std::min(levelHeight - 1, levelPixel(ay.sample(y1)) + 1);
    result.sourceRect = PixelRect{sx0, sy0, sx1 - sx0 + 1, sy1 - sy0 + 1};
    const PixelRect& rect = result.sourceRect;

    std::vector<ImageView> crops;
    for (int i = 0; i < pyramid.planeCount(); ++i)
        crops.push_back(
            pyramid.plane(result.level, i).region(rect.x, rect.y, rect.width, rect.height));
    Image rendered = render(std::span<const ImageView>(crops), result.level);
    if (rendered.empty() ||
        (rendered.format() != PixelFormat::Gray8 && rendered.format() != PixelFormat::Rgb8) ||
        rendered.width() != rect.width || rendered.height() != rect.height)
        throw Error(ErrorCode::InvalidArgument,
                    "viewport: the render function returned a " +
                        std::string(pixelFormatName(rendered.format())) + " image of " +
                        std::to_string(rendered.width()) + "x" + std::to_string(rendered.height()) +
                        " for a " + std::to_string(rect.width) + "x" + std::to_string(rect.height) +
                        " crop; it must return gray8 or rgb8 of the crop's size");

    result.image = Image(rendered.format(), viewport.width, viewport.height);
    fill(result.image.view(), viewport.background);
    const ImageView target = result.image.view().region(x0, y0, x1 - x0 + 1, y1 - y0 + 1);

    if (result.nearest) {
        std::vector<int> xs(static_cast<std::size_t>(target.width));
        std::vector<int> ys(static_cast<std::size_t>(target.height));
        for (int x = 0; x < target.width; ++x)
            xs[static_cast<std::size_t>(x)] =
                std::clamp(levelPixel(ax.sample(x0 + x)) - rect.x, 0, rect.width - 1);
        for (int y = 0; y < target.height; ++y)
            ys[static_cast<std::size_t>(y)] =
                std::clamp(levelPixel(ay.sample(y0 + y)) - rect.y, 0, rect.height - 1);
        nearest(rendered.view(), target, xs, ys);
        return result;
    }

    // Bilinear: target pixel (tx, ty) samples the crop at pixel-centre coordinates
    // (sample(x0 + tx) / scale − 0.5 − rect.x, likewise for y).
    const double step = 1.0 / levelZoom;
    const double offsetX = ax.sample(x0) / scale - 0.5 - rect.x;
    const double offsetY = ay.sample(y0) / scale - 0.5 - rect.y;
    const cv::Matx23d toSource(step, 0, offsetX, 0, step, offsetY);
    cv::Mat destination = detail::asMat(target);
    cv::warpAffine(detail::asMat(rendered), destination, toSource,
                   cv::Size(target.width, target.height), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                   cv::BORDER_REPLICATE);
    return result;
}

} // namespace prescreen::imaging::render
