#include "render_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/density_slice.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::render;
using prescreen::test::everyCodePlane;
using prescreen::test::identityWindow;

TEST_CASE("density slicing colours exactly the band and leaves the rest grey", "[density]") {
    const Plane plane = everyCodePlane();
    const DensitySlice slice{100, 200, {255, 0, 0}, 1.0};
    const Image out =
        makeDensitySliceLut(plane, slice, identityWindow()).apply(plane.pixels.view());
    REQUIRE(out.format() == PixelFormat::Rgb8);
    for (int code = 0; code < 512; ++code) {
        const std::uint8_t* p = out.row<std::uint8_t>(code / 256) + 3 * (code % 256);
        const std::array<int, 3> rgb{p[0], p[1], p[2]};
        const int g = std::min(code, 255);
        if (code >= 100 && code <= 200)
            REQUIRE(rgb == std::array<int, 3>{255, 0, 0});
        else
            REQUIRE(rgb == std::array<int, 3>{g, g, g});
    }
}

TEST_CASE("density slicing blends with the grey by opacity", "[density]") {
    const Plane plane = everyCodePlane();
    const DisplayLut lut =
        makeDensitySliceLut(plane, {100, 200, {255, 0, 0}, 0.5}, identityWindow());
    CHECK(lut.rgb(150) == std::array<std::uint8_t, 3>{203, 75, 75}); // 202.5 rounds up
    CHECK(lut.rgb(201) == std::array<std::uint8_t, 3>{201, 201, 201});
}

TEST_CASE("the density band is in rescaled units", "[density]") {
    Plane plane = everyCodePlane();
    plane.rescaleSlope = 0.5;
    plane.rescaleIntercept = -10; // band 0..10 ⇔ stored 20..40
    const DisplayLut lut = makeDensitySliceLut(plane, {0, 10, {0, 0, 255}, 1.0}, identityWindow());
    CHECK(lut.rgb(19)[2] != 255);
    CHECK(lut.rgb(20) == std::array<std::uint8_t, 3>{0, 0, 255});
    CHECK(lut.rgb(40) == std::array<std::uint8_t, 3>{0, 0, 255});
    CHECK(lut.rgb(41)[0] == lut.rgb(41)[2]);
}

TEST_CASE("bad density slices give prescreen::Error", "[density][errors]") {
    Plane plane = everyCodePlane();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_WITH(makeDensitySliceLut(plane, {5, 4}), Catch::Contains("lower <= upper"));
    CHECK_THROWS_WITH(makeDensitySliceLut(plane, {nan, 4}), Catch::Contains("band"));
    CHECK_THROWS_WITH(makeDensitySliceLut(plane, {0, 4, {1, 2, 3}, 1.5}),
                      Catch::Contains("opacity"));
    plane.photometric = Photometric::PaletteColor;
    CHECK_THROWS_WITH(makeDensitySliceLut(plane, {0, 4}), Catch::Contains("PALETTE COLOR"));
}
