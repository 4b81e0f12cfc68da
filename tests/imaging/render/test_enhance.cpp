#include "render_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/enhance.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::render;
using prescreen::test::makeImage;

namespace {

double standardDeviation(const Image& image, int x0, int y0, int w, int h, int channel = 0) {
    const int channels = image.format() == PixelFormat::Rgb8 ? 3 : 1;
    double sum = 0;
    double squares = 0;
    for (int y = y0; y < y0 + h; ++y)
        for (int x = x0; x < x0 + w; ++x) {
            const double v = image.row<std::uint8_t>(y)[x * channels + channel];
            sum += v;
            squares += v * v;
        }
    const double n = static_cast<double>(w) * h;
    return std::sqrt(squares / n - (sum / n) * (sum / n));
}

// A dark, low-contrast texture on the left, a bright one on the right.
Image lowContrast(PixelFormat format) {
    return makeImage(format, 256, 256, [](int x, int y, int c) {
        const int base = x < 128 ? 40 : 200;
        return static_cast<std::uint8_t>(base + (x * 3 + y * 5) % 7 + c);
    });
}

} // namespace

TEST_CASE("CLAHE raises local contrast in a low-contrast texture", "[enhance]") {
    const Image in = lowContrast(PixelFormat::Gray8);
    const Image out = localContrast(in.view());
    REQUIRE(out.format() == PixelFormat::Gray8);
    const double before = standardDeviation(in, 16, 16, 96, 96);
    const double after = standardDeviation(out, 16, 16, 96, 96);
    CHECK(before == Approx(2.0).margin(0.1));
    // Clip limit 2 lets each grey level's mapping step grow to about 3 (measured 3.0 and 2.7).
    CHECK(after > 2.5 * before);
    CHECK(standardDeviation(out, 144, 16, 96, 96) > 2.5 * standardDeviation(in, 144, 16, 96, 96));
    // A higher clip limit allows more.
    const Image stronger = localContrast(in.view(), {6.0, 8, 8});
    CHECK(standardDeviation(stronger, 16, 16, 96, 96) > after);
}

TEST_CASE("CLAHE of a colour image changes the luma and keeps the hue", "[enhance]") {
    const Image in = makeImage(PixelFormat::Rgb8, 128, 128, [](int x, int y, int c) {
        const int luma = 100 + (x + 2 * y) % 9; // orange-ish, R > G > B
        return static_cast<std::uint8_t>(c == 0 ? luma + 60 : c == 1 ? luma : luma - 60);
    });
    const Image out = localContrast(in.view(), {3.0, 4, 4});
    REQUIRE(out.format() == PixelFormat::Rgb8);
    CHECK(standardDeviation(out, 8, 8, 100, 100, 1) > 2 * standardDeviation(in, 8, 8, 100, 100, 1));
    for (int y = 0; y < 128; y += 9)
        for (int x = 0; x < 128; x += 7) {
            const std::uint8_t* p = out.row<std::uint8_t>(y) + 3 * x;
            CHECK(p[0] > p[1]);
            CHECK(p[1] > p[2]);
        }
}

TEST_CASE("unsharp mask overshoots at an edge and leaves flat areas alone", "[enhance]") {
    const Image in =
        makeImage(PixelFormat::Gray8, 64, 16, [](int x, int, int) { return x < 32 ? 100 : 150; });
    const Image out = unsharpMask(in.view(), {1.0, 2.0});
    for (int y = 0; y < 16; ++y) {
        CHECK(out.at<std::uint8_t>(0, y) == 100);
        CHECK(out.at<std::uint8_t>(63, y) == 150);
        CHECK(out.at<std::uint8_t>(31, y) < 100);
        CHECK(out.at<std::uint8_t>(32, y) > 150);
    }
    const int step = out.at<std::uint8_t>(32, 8) - out.at<std::uint8_t>(31, 8);
    CHECK(step > 70); // from 50

    const Image none = unsharpMask(in.view(), {0.0, 2.0});
    for (int x = 0; x < 64; ++x)
        CHECK(none.at<std::uint8_t>(x, 5) == in.at<std::uint8_t>(x, 5));

    const Image colour = makeImage(PixelFormat::Rgb8, 64, 8,
                                   [](int x, int, int c) { return x < 32 ? 100 + c : 150 + c; });
    const Image sharpened = unsharpMask(colour.view(), {1.0, 2.0});
    CHECK(sharpened.row<std::uint8_t>(4)[3 * 31 + 2] < 102);
    CHECK(sharpened.row<std::uint8_t>(4)[3 * 32 + 2] > 152);
}

TEST_CASE("bad enhancement arguments give prescreen::Error", "[enhance][errors]") {
    const Image gray = lowContrast(PixelFormat::Gray8);
    const Image wide(PixelFormat::Gray16, 16, 16);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_WITH(localContrast(wide.view()), Catch::Contains("gray16"));
    CHECK_THROWS_WITH(localContrast(ImageView{}), Catch::Contains("empty"));
    CHECK_THROWS_WITH(localContrast(gray.view(), {0.0, 8, 8}), Catch::Contains("clip limit"));
    CHECK_THROWS_WITH(localContrast(gray.view(), {nan, 8, 8}), Catch::Contains("clip limit"));
    CHECK_THROWS_WITH(localContrast(gray.view(), {2.0, 0, 8}), Catch::Contains("tiles"));
    CHECK_THROWS_WITH(unsharpMask(gray.view(), {1.0, 0.0}), Catch::Contains("radius"));
    CHECK_THROWS_WITH(unsharpMask(gray.view(), {-1.0, 2.0}), Catch::Contains("amount"));
    CHECK_THROWS_WITH(unsharpMask(gray.view(), {nan, 2.0}), Catch::Contains("amount"));
    CHECK_THROWS_WITH(unsharpMask(wide.view()), Catch::Contains("gray16"));
}
