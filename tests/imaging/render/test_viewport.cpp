#include "render_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/viewport.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::render;
using prescreen::test::makePlane;

namespace {

std::uint8_t lowByte(std::uint16_t v) {
    return static_cast<std::uint8_t>(v & 0xFF);
}

// Renders plane 0 of a crop as its stored values' low byte, counting calls.
struct LowByteRenderer {
    int calls = 0;
    std::vector<PixelRect> crops;
    RenderFunction function() {
        return [this](std::span<const ImageView> planes, int) {
            ++calls;
            const ImageView& p = planes[0];
            Image out(PixelFormat::Gray8, p.width, p.height);
            for (int y = 0; y < p.height; ++y)
                for (int x = 0; x < p.width; ++x)
                    out.at<std::uint8_t>(x, y) = lowByte(p.row<const std::uint16_t>(y)[x]);
            return out;
        };
    }
};

Plane pattern(int width, int height) {
    return makePlane(width, height,
                     [](int x, int y) { return static_cast<std::uint16_t>(x * 7 + y * 13); });
}

std::uint8_t levelPixel(const Pyramid& pyramid, int level, int x, int y) {
    return lowByte(pyramid.plane(level, 0).row<const std::uint16_t>(y)[x]);
}

} // namespace

TEST_CASE("zoom 1 centred on the image reproduces it pixel for pixel", "[viewport]") {
    const Plane plane = pattern(1024, 512);
    const auto pyramid = buildPyramid({plane.pixels.view()});
    LowByteRenderer renderer;
    const auto result = renderViewport(*pyramid, {1024, 512, 1.0, 512, 256}, renderer.function());
    CHECK(result.level == 0);
    CHECK(result.nearest); // 1:1 is copied, not interpolated
    CHECK(result.sourceRect.x == 0);
    CHECK(result.sourceRect.width == 1024);
    CHECK(result.sourceRect.height == 512);
    REQUIRE(result.image.format() == PixelFormat::Gray8);
    for (int y = 0; y < 512; ++y)
        for (int x = 0; x < 1024; ++x)
            REQUIRE(result.image.at<std::uint8_t>(x, y) == levelPixel(*pyramid, 0, x, y));
}

TEST_CASE("zoom 1 off the pixel grid still shows each pixel as it is, not blurred",
          "[viewport]") {
    const Plane plane = pattern(1024, 512);
    const auto pyramid = buildPyramid({plane.pixels.view()});
    LowByteRenderer renderer;
    const Viewport v{300, 200, 1.0, 400.3, 250.6};
    const auto result = renderViewport(*pyramid, v, renderer.function());
    CHECK(result.nearest);
    for (int oy = 0; oy < 200; ++oy)
        for (int ox = 0; ox < 300; ++ox) {
            const auto x = static_cast<int>(std::floor(v.centerX + (ox + 0.5 - 150)));
            const auto y = static_cast<int>(std::floor(v.centerY + (oy + 0.5 - 100)));
            REQUIRE(result.image.at<std::uint8_t>(ox, oy) == levelPixel(*pyramid, 0, x, y));
        }
}

TEST_CASE("magnifying 4x is nearest neighbour of the point each output pixel shows", "[viewport]") {
    const Plane plane = pattern(1024, 512);
    const auto pyramid = buildPyramid({plane.pixels.view()});
    LowByteRenderer renderer;
    const Viewport v{64, 48, 4.0, 100.3, 50.7};
    const auto result = renderViewport(*pyramid, v, renderer.function());
    CHECK(result.level == 0);
    CHECK(result.nearest);
    for (int oy = 0; oy < 48; ++oy)
        for (int ox = 0; ox < 64; ++ox) {
            const auto x = static_cast<int>(std::floor(v.centerX + (ox + 0.5 - 32) / 4));
            const auto y = static_cast<int>(std::floor(v.centerY + (oy + 0.5 - 24) / 4));
            REQUIRE(result.image.at<std::uint8_t>(ox, oy) == levelPixel(*pyramid, 0, x, y));
        }
    // Samples x from 92.425 to 108.175: pixels 92..108, plus one each side; y 44..56 likewise.
    CHECK(result.sourceRect.x == 91);
    CHECK(result.sourceRect.width == 19);
    CHECK(result.sourceRect.y == 43);
    CHECK(result.sourceRect.height == 15);
}

TEST_CASE("zooming out reads the coarsest level with enough detail", "[viewport]") {
    const Plane plane = pattern(1024, 512);
    const auto pyramid = buildPyramid({plane.pixels.view()}, {64});
    REQUIRE(pyramid->levelCount() == 5);
    LowByteRenderer renderer;

    // zoom 0.25 = one level-2 pixel per output pixel, on the pixel grid: an exact copy.
    const auto quarter = renderViewport(*pyramid, {256, 128, 0.25, 512, 256}, renderer.function());
    CHECK(quarter.level == 2);
    CHECK(quarter.nearest);
    CHECK(quarter.sourceRect.width == 256);
    CHECK(quarter.sourceRect.height == 128);
    for (int y = 0; y < 128; ++y)
        for (int x = 0; x < 256; ++x)
            REQUIRE(quarter.image.at<std::uint8_t>(x, y) == levelPixel(*pyramid, 2, x, y));

    // The level nearest in pixel size: zoom * 2^L <= sqrt(2).
    CHECK(renderViewport(*pyramid, {100, 100, 0.3, 512, 256}, renderer.function()).level == 2);
    CHECK(renderViewport(*pyramid, {100, 100, 0.36, 512, 256}, renderer.function()).level == 1);
    CHECK(renderViewport(*pyramid, {100, 100, 0.7, 512, 256}, renderer.function()).level == 1);
    CHECK(renderViewport(*pyramid, {100, 100, 0.71, 512, 256}, renderer.function()).level == 0);
    CHECK(renderViewport(*pyramid, {100, 100, 0.5, 512, 256}, renderer.function()).level == 1);
    CHECK(renderViewport(*pyramid, {100, 100, 0.49, 512, 256}, renderer.function()).level == 1);
    CHECK(renderViewport(*pyramid, {100, 100, 0.24, 512, 256}, renderer.function()).level == 2);
    CHECK(renderViewport(*pyramid, {100, 100, 0.125, 512, 256}, renderer.function()).level == 3);
    CHECK(renderViewport(*pyramid, {100, 100, 1.5, 512, 256}, renderer.function()).level == 0);
    const auto tiny = renderViewport(*pyramid, {100, 100, 0.001, 512, 256}, renderer.function());
    CHECK(tiny.level == 4); // clamped to the coarsest
    CHECK(tiny.sourceRect.width <= pyramid->width(4));
}

TEST_CASE("bilinear minification of a smooth ramp lands on the ramp", "[viewport]") {
    const Plane ramp =
        makePlane(2000, 100, [](int x, int) { return static_cast<std::uint16_t>(x / 8); });
    const auto pyramid = buildPyramid({ramp.pixels.view()});
    LowByteRenderer renderer;
    const Viewport v{300, 20, 0.3, 1000, 50};
    const auto result = renderViewport(*pyramid, v, renderer.function());
    CHECK(result.level == 2); // 0.3 * 4 = 1.2 output pixels per level pixel
    for (int ox = 10; ox < 290; ox += 7) {
        const double x = v.centerX + (ox + 0.5 - 150) / 0.3;
        // floor(x / 8) is x / 8 − 0.5 on average; steps and rounding add up to ±1.
        CHECK(result.image.at<std::uint8_t>(ox, 10) == Approx(x / 8 - 0.5).margin(1.5));
    }
}

TEST_CASE("bilinear magnification blends the four neighbours in 1/256 steps", "[viewport]") {
    // Level-0 pixel (x, y) has low byte (3x + 5y) mod 256 here; 1.25x magnification off the
    // grid: every output pixel is the weighted mean of the four level pixels around its sample.
    const Plane plane = makePlane(
        200, 100, [](int x, int y) { return static_cast<std::uint16_t>((3 * x + 5 * y) % 256); });
    const auto pyramid = buildPyramid({plane.pixels.view()});
    LowByteRenderer renderer;
    const Viewport v{120, 60, 1.25, 100.37, 50.81};
    const auto result = renderViewport(*pyramid, v, renderer.function());
    REQUIRE(result.level == 0);
    CHECK_FALSE(result.nearest);
    int checked = 0;
    for (int oy = 0; oy < 60; ++oy)
        for (int ox = 0; ox < 120; ++ox) {
            const double sx = v.centerX + (ox + 0.5 - 60) / 1.25 - 0.5;
            const double sy = v.centerY + (oy + 0.5 - 30) / 1.25 - 0.5;
            const int x = static_cast<int>(std::floor(sx));
            const int y = static_cast<int>(std::floor(sy));
            const double fx = sx - x, fy = sy - y;
            const auto p = [&](int px, int py) { return levelPixel(*pyramid, 0, px, py); };
            const double expected = (p(x, y) * (1 - fx) + p(x + 1, y) * fx) * (1 - fy) +
                                    (p(x, y + 1) * (1 - fx) + p(x + 1, y + 1) * fx) * fy;
            // Away from the mod-256 wrap, where neighbours jump by 255.
            if (std::abs(p(x + 1, y + 1) - p(x, y)) > 20)
                continue;
            REQUIRE(result.image.at<std::uint8_t>(ox, oy) == Approx(expected).margin(1.0));
            ++checked;
        }
    CHECK(checked > 6000);
}

TEST_CASE("off-image output pixels get the background and nothing is read for them", "[viewport]") {
    const Plane plane = pattern(1024, 512);
    const auto pyramid = buildPyramid({plane.pixels.view()});
    LowByteRenderer renderer;

    // Centred on the top-left corner: three quarters of the output are off the image.
    const auto corner =
        renderViewport(*pyramid, {100, 100, 1.0, 0, 0, {10, 20, 30}}, renderer.function());
    for (int y = 0; y < 100; ++y)
        for (int x = 0; x < 100; ++x) {
            const int expected = x < 50 || y < 50 ? 20 : levelPixel(*pyramid, 0, x - 50, y - 50);
            REQUIRE(corner.image.at<std::uint8_t>(x, y) == expected);
        }
    CHECK(corner.sourceRect.x == 0);
    CHECK(corner.sourceRect.width == 51);
    CHECK(corner.sourceRect.height == 51);

    // Entirely off: the renderer is not called at all.
    const int before = renderer.calls;
    const auto away =
        renderViewport(*pyramid, {64, 64, 2.0, -5000, 100, {10, 20, 30}}, renderer.function());
    CHECK(renderer.calls == before);
    CHECK(away.sourceRect.empty());
    CHECK(away.image.width() == 64);
    CHECK(away.image.at<std::uint8_t>(31, 31) == 20);

    // Past the bottom-right corner at 8x: the last pixel fills the visible part.
    const auto far = renderViewport(*pyramid, {64, 64, 8.0, 1024, 512}, renderer.function());
    CHECK(far.image.at<std::uint8_t>(31, 31) == levelPixel(*pyramid, 0, 1023, 511));
    CHECK(far.image.at<std::uint8_t>(32, 32) == 0);
    CHECK(far.sourceRect.x + far.sourceRect.width == 1024);
}

TEST_CASE("only the needed source rectangle is read, the same one from every plane", "[viewport]") {
    const Plane high = pattern(4096, 2048);
    const Plane low =
        makePlane(4096, 2048, [](int x, int y) { return static_cast<std::uint16_t>(x ^ y); });
    const auto pyramid = buildPyramid({high.pixels.view(), low.pixels.view()});
    for (const double zoom : {2.0, 1.0, 0.7, 0.1, 0.013}) {
        PixelRect seen;
        int level = -1;
        const RenderFunction render = [&](std::span<const ImageView> crops, int l) {
            REQUIRE(crops.size() == 2);
            level = l;
            const ImageView& a = crops[0];
            const ImageView& b = crops[1];
            const ImageView& baseA = pyramid->plane(l, 0);
            const ImageView& baseB = pyramid->plane(l, 1);
            const auto offset = [](const ImageView& crop, const ImageView& base) {
                return crop.data - base.data;
            };
            CHECK(offset(a, baseA) == offset(b, baseB));
            seen = PixelRect{static_cast<int>(offset(a, baseA) % baseA.strideBytes / 2),
                             static_cast<int>(offset(a, baseA) / baseA.strideBytes), a.width,
                             a.height};
            return Image(PixelFormat::Rgb8, a.width, a.height);
        };
        const Viewport v{200, 100, zoom, 3000.5, 1000.25};
        const auto result = renderViewport(*pyramid, v, render);
        CAPTURE(zoom);
        CHECK(result.image.format() == PixelFormat::Rgb8);
        CHECK(level == result.level);
        CHECK(seen.x == result.sourceRect.x);
        CHECK(seen.y == result.sourceRect.y);
        CHECK(seen.width == result.sourceRect.width);
        CHECK(seen.height == result.sourceRect.height);
        // At most the visible extent in level pixels, plus a pixel of margin and one of rounding
        // on each side.
        const double levelZoom = zoom * (1 << result.level);
        CHECK(result.sourceRect.width <=
              std::min<double>(200 / levelZoom + 4, pyramid->width(result.level)));
        CHECK(result.sourceRect.height <=
              std::min<double>(100 / levelZoom + 4, pyramid->height(result.level)));
    }
}

TEST_CASE("bad viewports give prescreen::Error, never a crash", "[viewport][errors]") {
    const Plane plane = pattern(300, 200);
    const auto pyramid = buildPyramid({plane.pixels.view()});
    LowByteRenderer renderer;
    const auto fn = renderer.function();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    CHECK_THROWS_WITH(renderViewport(*pyramid, {0, 100, 1, 0, 0}, fn),
                      Catch::Contains("output size 0x100"));
    CHECK_THROWS_WITH(renderViewport(*pyramid, {10, -1, 1, 0, 0}, fn),
                      Catch::Contains("output size"));
    CHECK_THROWS_WITH(renderViewport(*pyramid, {10, 10, nan, 0, 0}, fn), Catch::Contains("zoom"));
    CHECK_THROWS_WITH(renderViewport(*pyramid, {10, 10, 0, 0, 0}, fn), Catch::Contains("zoom"));
    CHECK_THROWS_WITH(renderViewport(*pyramid, {10, 10, -2, 0, 0}, fn), Catch::Contains("zoom"));
    CHECK_THROWS_WITH(renderViewport(*pyramid, {10, 10, inf, 0, 0}, fn), Catch::Contains("zoom"));
    CHECK_THROWS_WITH(renderViewport(*pyramid, {10, 10, 1, nan, 0}, fn), Catch::Contains("centre"));
    CHECK_THROWS_WITH(renderViewport(Pyramid{}, {10, 10, 1, 0, 0}, fn),
                      Catch::Contains("pyramid is empty"));
    CHECK_THROWS_WITH(renderViewport(*pyramid, {10, 10, 1, 150, 100}, RenderFunction{}),
                      Catch::Contains("no render function"));
    const RenderFunction wrong = [](std::span<const ImageView>, int) {
        return Image(PixelFormat::Gray8, 3, 3);
    };
    CHECK_THROWS_WITH(renderViewport(*pyramid, {10, 10, 1, 150, 100}, wrong),
                      Catch::Contains("must return gray8 or rgb8 of the crop's size"));
    const RenderFunction empty = [](std::span<const ImageView>, int) {
        return Image{};
    };
    CHECK_THROWS_AS(renderViewport(*pyramid, {10, 10, 1, 150, 100}, empty), Error);
    // Extreme but valid: a huge zoom and a far centre still work.
    CHECK_NOTHROW(renderViewport(*pyramid, {10, 10, 1e9, 150, 100}, fn));
    CHECK_NOTHROW(renderViewport(*pyramid, {10, 10, 1e-9, 1e12, -1e12}, fn));
}
