#include "render_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/grey.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::render;
using prescreen::test::makePlane;

namespace {

// 1000 distinct stored values first..first+999, each once, in scrambled order.
Plane thousandValues(int first) {
    return makePlane(100, 10, [first](int x, int y) {
        const int i = (y * 100 + x) * 337 % 1000; // 337 is coprime with 1000: a permutation
        return static_cast<std::uint16_t>(first + i);
    });
}

} // namespace

TEST_CASE("the automatic window spans the 0.5 and 99.5 percentiles of the stored pixels",
          "[auto-window]") {
    // Ranks floor(0.005 · 999) = 4 and ceil(0.995 · 999) = 995 of 1000..1999.
    const Plane plane = thousandValues(1000);
    const Window w = autoWindow(plane);
    CHECK(w.center == 1499.5);
    CHECK(w.width == 991.0);

    const ResolvedWindow resolved = resolveWindow(plane, {});
    CHECK(resolved.automatic);
    CHECK(resolved.function == VoiFunction::LinearExact);
    const DisplayLut lut = makeGreyLut(plane);
    CHECK(lut.grey(1003) == 0);
    CHECK(lut.grey(1004) == 0);
    CHECK(lut.grey(1500) == std::lround((0.5 / 991 + 0.5) * 255));
    CHECK(lut.grey(1995) == 255);
    CHECK(lut.grey(1999) == 255);

    const Window all = autoWindow(plane, 0, 100);
    CHECK(all.center == 1499.5);
    CHECK(all.width == 999.0);
}

TEST_CASE("the automatic window is in rescaled units, also for a negative slope", "[auto-window]") {
    Plane plane = thousandValues(1000);
    plane.rescaleSlope = -2;
    plane.rescaleIntercept = 10;
    const Window w = autoWindow(plane);
    CHECK(w.center == Approx((-1998.0 - 3980.0) / 2));
    CHECK(w.width == Approx(3980.0 - 1998.0));
    CHECK(makeGreyLut(plane).grey(1004) == 255); // highest modality value
    CHECK(makeGreyLut(plane).grey(1995) == 0);
}

TEST_CASE("the automatic window orders signed and masked pixels by the value they encode",
          "[auto-window]") {
    Plane plane = makePlane(100, 10, [](int x, int y) {
        const int v = (y * 100 + x) * 337 % 1000 - 500; // −500..499
        return static_cast<std::uint16_t>(v & 0xFFFF);
    });
    plane.signedPixels = true;
    const Window w = autoWindow(plane);
    CHECK(w.center == Approx((-496 + 495) / 2.0));
    CHECK(w.width == 991.0);

    Plane masked = thousandValues(1000);
    for (int y = 0; y < 10; ++y)
        for (int x = 0; x < 100; ++x)
            masked.pixels.at<std::uint16_t>(x, y) |= 0xF000; // garbage above Bits Stored
    masked.bitsStored = 12;
    CHECK(autoWindow(masked).center == 1499.5);
}

TEST_CASE("a flat plane gets a window one stored step wide", "[auto-window]") {
    Plane plane = makePlane(16, 16, [](int, int) { return std::uint16_t{700}; });
    plane.rescaleSlope = 0.25;
    const Window w = autoWindow(plane);
    CHECK(w.center == 175.0);
    CHECK(w.width == 0.25);
    CHECK_NOTHROW(renderGrey(plane));
}

TEST_CASE("bad percentiles or an empty plane give prescreen::Error", "[auto-window][errors]") {
    const Plane plane = thousandValues(0);
    CHECK_THROWS_WITH(autoWindow(plane, 60, 40), Catch::Contains("percentiles"));
    CHECK_THROWS_WITH(autoWindow(plane, -1, 50), Catch::Contains("percentiles"));
    CHECK_THROWS_WITH(autoWindow(plane, 0, 100.5), Catch::Contains("percentiles"));
    CHECK_THROWS_AS(autoWindow(plane, std::numeric_limits<double>::quiet_NaN(), 50), Error);
    CHECK_THROWS_WITH(autoWindow(Plane{}), Catch::Contains("no gray16 pixels"));
}
