#include <prescreen/error.h>
#include <prescreen/imaging/detail/opencv.h>
#include <prescreen/imaging/render/viewport.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
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
    // At one output pixel per source pixel (zoom 1, 1/2, 1/4 ... at their level) rows are copied
    // whole.
    bool contiguous = true;
    for (std::size_t x = 1; x < xs.size() && contiguous; ++x)
        contiguous = xs[x] == xs[x - 1] + 1;
    for (int y = 0; y < out.height; ++y) {
        const std::uint8_t* in = crop.row<const std::uint8_t>(ys[static_cast<std::size_t>(y)]);
        std::uint8_t* row = out.row<std::uint8_t>(y);
        if (contiguous) {
            std::memcpy(row, in + channels * xs.front(),
                        static_cast<std::size_t>(channels) * static_cast<std::size_t>(out.width));
            continue;
        }
        for (int x = 0; x < out.width; ++x)
            std::memcpy(row + channels * x, in + channels * xs[static_cast<std::size_t>(x)],
                        static_cast<std::size_t>(channels));
    }
}

// Bilinear resampling for the viewport's axis-aligned mapping (output pixel t samples the source
// at offset + t * step, pixel centres, edges replicated), in 1/16 pixel steps (OpenCV's
// INTER_LINEAR uses 1/32; finer steps are invisible on a display). cv::warpAffine does the same
// for any affine map and measured 3.5 ns per output pixel on one core (7 ms a 1920 x 1080
// frame). This one is separable: each needed source row is blended horizontally once into a
// 16-bit row (kept while the next output row needs it too), then two such rows blend vertically
// in 16-bit arithmetic (at most 255 * 16 * 16 + 128 < 2^16), a loop the compiler vectorises
// eight values at a time.
constexpr std::uint16_t kSteps = 16;

struct Tap {
    int first = 0;            ///< byte offset of the left (upper) sample
    int second = 0;           ///< byte offset of the right (lower) sample
    std::uint16_t weight = 0; ///< of `second`, 0..15 (16ths)
};

std::vector<Tap> taps(int count, double offset, double step, int size, int unit) {
    std::vector<Tap> out(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const double f = std::clamp(offset + i * step, 0.0, static_cast<double>(size - 1));
        int a = static_cast<int>(f);
        auto weight = static_cast<std::uint16_t>(std::lround((f - a) * kSteps));
        if (weight == kSteps) {
            ++a;
            weight = 0;
        }
        const int b = std::min(a + 1, size - 1);
        out[static_cast<std::size_t>(i)] = {a * unit, b * unit, weight};
    }
    return out;
}

template <int Channels>
void blendRow(const std::uint8_t* in, const std::vector<Tap>& xs, std::uint16_t* out) {
    for (std::size_t x = 0; x < xs.size(); ++x) {
        const Tap& t = xs[x];
        const auto keep = static_cast<std::uint16_t>(kSteps - t.weight);
        for (int c = 0; c < Channels; ++c)
            out[x * Channels + static_cast<std::size_t>(c)] =
                static_cast<std::uint16_t>(in[t.first + c] * keep + in[t.second + c] * t.weight);
    }
}

template <int Channels>
void bilinear(const ImageView& src, const ImageView& dst, double offsetX, double offsetY,
              double step) {
    const auto xs = taps(dst.width, offsetX, step, src.width, Channels);
    const auto ys = taps(dst.height, offsetY, step, src.height, 1);
    const std::size_t rowValues = static_cast<std::size_t>(dst.width) * Channels;
    // Two horizontally blended source rows and which source row each holds (-1: none yet).
    std::vector<std::uint16_t> blended[2] = {std::vector<std::uint16_t>(rowValues),
                                             std::vector<std::uint16_t>(rowValues)};
    int held[2] = {-1, -1};
    const auto row = [&](int sourceRow, int avoid) -> const std::uint16_t* {
        for (int i = 0; i < 2; ++i)
            if (held[i] == sourceRow)
                return blended[i].data();
        const int slot = held[0] == avoid ? 1 : 0;
        blendRow<Channels>(src.row<const std::uint8_t>(sourceRow), xs, blended[slot].data());
        held[slot] = sourceRow;
        return blended[slot].data();
    };
    for (int y = 0; y < dst.height; ++y) {
        const Tap& t = ys[static_cast<std::size_t>(y)];
        const std::uint16_t* upper = row(t.first, -1);
        const std::uint16_t* lower = row(t.second, t.first);
        std::uint8_t* out = dst.row<std::uint8_t>(y);
        const std::uint16_t w = t.weight;
        const auto keep = static_cast<std::uint16_t>(kSteps - w);
        for (std::size_t i = 0; i < rowValues; ++i)
            out[i] = static_cast<std::uint8_t>(
                static_cast<std::uint16_t>(upper[i] * keep + lower[i] * w + 128) >> 8);
    }
}

} // namespace

ViewportResult renderViewport(const Pyramid& pyramid, const Viewport& viewport,
                              const RenderFunction& render) {
    checkViewport(pyramid, viewport);
    if (!render)
        throw Error(ErrorCode::InvalidArgument, "viewport: no render function given");

    ViewportResult result;
    // The level whose pixels are nearest the screen's in size (as mipmapping picks the nearest
    // level): at most 1.41 output pixels per level pixel, so the crop rendered holds at most
    // twice the output's pixels at any zoom (the finer level would need up to four times).
    while (result.level + 1 < pyramid.levelCount() &&
           viewport.zoom * std::ldexp(1.0, result.level + 1) <= std::numbers::sqrt2)
        ++result.level;
    const double scale = std::ldexp(1.0, result.level); // full-resolution pixels per level pixel
    const double levelZoom = viewport.zoom * scale;
    // From 2x up, pixels are shown as blocks. At exactly one output pixel per level pixel they
    // are shown as they are (crisp at 1:1, whatever the fraction of the centre) and copied, not
    // interpolated.
    const bool oneToOne = std::abs(levelZoom - 1.0) < 1e-9;
    result.nearest = levelZoom >= 2.0 || oneToOne;

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
    if (x0 > 0 || y0 > 0 || x1 < viewport.width - 1 || y1 < viewport.height - 1)
        fill(result.image.view(), viewport.background); // the scan does not cover it all
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
    if (rendered.format() == PixelFormat::Rgb8)
        bilinear<3>(rendered.view(), target, offsetX, offsetY, step);
    else
        bilinear<1>(rendered.view(), target, offsetX, offsetY, step);
    return result;
}

} // namespace prescreen::imaging::render
