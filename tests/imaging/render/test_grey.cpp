#include "render_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/grey.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::render;
using prescreen::test::everyCodePlane;
using prescreen::test::identityWindow;
using prescreen::test::makePlane;

namespace {

std::uint8_t clampByte(double m) {
    return static_cast<std::uint8_t>(m <= 0 ? 0 : m > 255 ? 255 : m);
}

} // namespace

TEST_CASE("MONOCHROME2 through an identity window renders stored values as they are", "[grey]") {
    const Plane plane = everyCodePlane();
    const Image out = renderGrey(plane, identityWindow());
    REQUIRE(out.format() == PixelFormat::Gray8);
    REQUIRE(out.width() == 256);
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x)
            REQUIRE(out.at<std::uint8_t>(x, y) == clampByte(y * 256 + x));
}

TEST_CASE("MONOCHROME1 inverts; invert inverts again", "[grey]") {
    Plane plane = everyCodePlane();
    plane.photometric = Photometric::Monochrome1;
    GreySettings settings = identityWindow();
    const DisplayLut mono1 = makeGreyLut(plane, settings);
    settings.invert = true;
    const DisplayLut both = makeGreyLut(plane, settings);
    for (int v = 0; v < 65536; ++v) {
        const auto code = static_cast<std::uint16_t>(v);
        REQUIRE(mono1.grey(code) == 255 - clampByte(v));
        REQUIRE(both.grey(code) == clampByte(v));
    }
}

TEST_CASE("rescale slope and intercept apply before the window", "[grey]") {
    Plane plane = everyCodePlane();
    plane.rescaleSlope = 2;
    plane.rescaleIntercept = -100;
    const DisplayLut lut = makeGreyLut(plane, identityWindow());
    for (int v = 0; v < 1000; ++v)
        REQUIRE(lut.grey(static_cast<std::uint16_t>(v)) == clampByte(2.0 * v - 100));
    CHECK(modalityValue(plane, 60) == 20.0);
}

TEST_CASE("signed pixels are read as two's complement", "[grey]") {
    Plane plane = everyCodePlane();
    plane.signedPixels = true;
    GreySettings settings;
    settings.window = Window{0, 256}; // LINEAR: m → m + 128 on −127..127
    const DisplayLut lut = makeGreyLut(plane, settings);
    CHECK(lut.grey(0xFFFF) == 127); // −1
    CHECK(lut.grey(0xFF81) == 1);   // −127
    CHECK(lut.grey(0x8000) == 0);   // −32768
    CHECK(lut.grey(0x0000) == 128);
    CHECK(lut.grey(0x007F) == 255);
    CHECK(modalityValue(plane, 0x8000) == -32768.0);
}

TEST_CASE("bits above Bits Stored are masked; signed values sign-extend from that bit", "[grey]") {
    Plane plane = everyCodePlane();
    plane.bitsStored = 12;
    GreySettings settings;
    settings.window = Window{2048, 4096};
    settings.voiFunction = VoiFunction::LinearExact; // m → m · 255 / 4096
    const DisplayLut lut = makeGreyLut(plane, settings);
    CHECK(lut.grey(0xF123) == lut.grey(0x0123));
    CHECK(lut.grey(0x0123) == std::lround(0x123 * 255.0 / 4096));
    CHECK(modalityValue(plane, 0xF123) == 0x123);

    plane.signedPixels = true;
    settings.window = Window{0, 4096}; // m → (m / 4096 + 0.5) · 255
    const DisplayLut signedLut = makeGreyLut(plane, settings);
    CHECK(modalityValue(plane, 0x0FFF) == -1.0);
    CHECK(modalityValue(plane, 0xFFFF) == -1.0); // already sign-extended by the decoder
    CHECK(modalityValue(plane, 0x0800) == -2048.0);
    CHECK(signedLut.grey(0x0FFF) == std::lround((-1 / 4096.0 + 0.5) * 255));
    CHECK(signedLut.grey(0x0800) == 0);
    CHECK(signedLut.grey(0x07FF) == 255);
}

TEST_CASE("gamma applies v^(1/gamma) after MONOCHROME1 and before invert", "[grey]") {
    Plane plane = everyCodePlane();
    GreySettings settings = identityWindow();
    settings.gamma = 2.0;
    const DisplayLut lut = makeGreyLut(plane, settings);
    plane.photometric = Photometric::Monochrome1;
    const DisplayLut mono1 = makeGreyLut(plane, settings);
    settings.invert = true;
    const DisplayLut inverted = makeGreyLut(plane, settings);
    for (int v = 0; v <= 255; ++v) {
        const auto code = static_cast<std::uint16_t>(v);
        REQUIRE(lut.grey(code) == std::lround(std::sqrt(v / 255.0) * 255));
        REQUIRE(mono1.grey(code) == std::lround(std::sqrt(1 - v / 255.0) * 255));
        REQUIRE(inverted.grey(code) == std::lround((1 - std::sqrt(1 - v / 255.0)) * 255));
    }
    CHECK(lut.grey(64) == 128); // sqrt(64 / 255) · 255 = 127.75
}

TEST_CASE("the plane's own window is used unless the settings give one", "[grey]") {
    Plane plane = everyCodePlane();
    plane.windows.push_back({1000, 100, "file"});
    const ResolvedWindow fromFile = resolveWindow(plane, {});
    CHECK(fromFile.window.center == 1000);
    CHECK(fromFile.window.width == 100);
    CHECK_FALSE(fromFile.automatic);
    CHECK(makeGreyLut(plane).grey(949) == 0);
    CHECK(makeGreyLut(plane).grey(1050) == 255);
    CHECK(makeGreyLut(plane, identityWindow()).grey(100) == 100);
}

TEST_CASE("PALETTE COLOR maps through the palette, clamped at both ends", "[grey]") {
    Plane plane = everyCodePlane();
    plane.photometric = Photometric::PaletteColor;
    plane.palette = PaletteLut{10,
                               {0x0000, 0xFF00, 0x8000, 0x1234},
                               {0x0100, 0x0000, 0x80FF, 0xFFFF},
                               {0xFFFF, 0x0200, 0x0000, 0x4321}};
    const Image out = renderGrey(plane);
    REQUIRE(out.format() == PixelFormat::Rgb8);
    const auto rgb = [&](int code) {
        const std::uint8_t* p = out.row<std::uint8_t>(code / 256) + 3 * (code % 256);
        return std::array<int, 3>{p[0], p[1], p[2]};
    };
    CHECK(rgb(0) == std::array<int, 3>{0, 1, 255});
    CHECK(rgb(10) == std::array<int, 3>{0, 1, 255});
    CHECK(rgb(11) == std::array<int, 3>{255, 0, 2});
    CHECK(rgb(12) == std::array<int, 3>{128, 128, 0});
    CHECK(rgb(13) == std::array<int, 3>{0x12, 255, 0x43});
    CHECK(rgb(60000) == std::array<int, 3>{0x12, 255, 0x43});

    GreySettings inverted;
    inverted.invert = true;
    CHECK(makeGreyLut(plane, inverted).rgb(11) == std::array<std::uint8_t, 3>{0, 255, 253});
}

TEST_CASE("the table applied in parallel equals per-pixel lookup, also on a sub-view", "[grey]") {
    std::mt19937 random(7);
    const Plane plane = makePlane(
        1031, 777, [&](int, int) { return static_cast<std::uint16_t>(random() & 0xFFFF); });
    GreySettings settings;
    settings.window = Window{30000, 20000};
    settings.voiFunction = VoiFunction::Sigmoid;
    const DisplayLut lut = makeGreyLut(plane, settings);
    const Image out = lut.apply(plane.pixels.view());
    for (int y = 0; y < plane.pixels.height(); ++y)
        for (int x = 0; x < plane.pixels.width(); ++x)
            REQUIRE(out.at<std::uint8_t>(x, y) == lut.grey(plane.pixels.at<std::uint16_t>(x, y)));

    const ImageView part = plane.pixels.view().region(13, 200, 301, 99);
    const Image cropped = lut.apply(part);
    for (int y = 0; y < part.height; ++y)
        for (int x = 0; x < part.width; ++x)
            REQUIRE(cropped.at<std::uint8_t>(x, y) == out.at<std::uint8_t>(13 + x, 200 + y));
}

TEST_CASE("bad planes and settings give prescreen::Error naming the problem", "[grey][errors]") {
    Plane plane = everyCodePlane();
    GreySettings settings = identityWindow();

    settings.gamma = 0;
    CHECK_THROWS_WITH(makeGreyLut(plane, settings), Catch::Contains("gamma"));
    settings.gamma = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_WITH(makeGreyLut(plane, settings), Catch::Contains("gamma"));
    settings.gamma = 1;

    plane.bitsStored = 0;
    CHECK_THROWS_WITH(makeGreyLut(plane, settings), Catch::Contains("Bits Stored 0"));
    plane.bitsStored = 17;
    CHECK_THROWS_WITH(makeGreyLut(plane, settings), Catch::Contains("Bits Stored 17"));
    plane.bitsStored = 16;

    plane.rescaleSlope = std::numeric_limits<double>::infinity();
    CHECK_THROWS_WITH(makeGreyLut(plane, settings), Catch::Contains("rescale"));
    plane.rescaleSlope = 1;

    settings.window = Window{100, 0.5};
    CHECK_THROWS_WITH(makeGreyLut(plane, settings), Catch::Contains("LINEAR"));
    settings.window = Window{100, 50};

    plane.photometric = Photometric::PaletteColor;
    CHECK_THROWS_WITH(makeGreyLut(plane, settings), Catch::Contains("no palette"));
    plane.palette = PaletteLut{0, {1, 2}, {1}, {1, 2}};
    CHECK_THROWS_WITH(makeGreyLut(plane, settings), Catch::Contains("palette tables"));
    plane.photometric = Photometric::Monochrome2;

    CHECK_THROWS_WITH(renderGrey(Plane{}, settings), Catch::Contains("no pixels"));
    CHECK_THROWS_WITH(makeGreyLut(Plane{}), Catch::Contains("automatic window"));

    const DisplayLut lut = makeGreyLut(plane, settings);
    const Image grey8(PixelFormat::Gray8, 4, 4);
    CHECK_THROWS_WITH(lut.apply(grey8.view()), Catch::Contains("gray8"));
    CHECK_THROWS_WITH(lut.apply(ImageView{}), Catch::Contains("empty"));
    const Image wrongSize(PixelFormat::Gray8, 3, 3);
    CHECK_THROWS_WITH(lut.apply(plane.pixels.view(), wrongSize.view()),
                      Catch::Contains("destination"));
    CHECK_THROWS_AS(DisplayLut(PixelFormat::Float32), Error);
}
