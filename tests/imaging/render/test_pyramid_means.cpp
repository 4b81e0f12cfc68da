// The pyramid's 2×2 means, pixel for pixel against a reference computed here one pixel at a time:
// signed planes (int16 bit patterns in Gray16), and rows wide enough to use the block kernels as
// well as their remainders and an odd last column / row.

#include "render_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/pyramid.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::render;

namespace {

/// Pixels as plain numbers, row by row, for the reference.
struct Grid {
    int width = 0;
    int height = 0;
    std::vector<long> values;
    long at(int x, int y) const {
        return values[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                      static_cast<std::size_t>(x)];
    }
};

/// floor(n / 4) for any sign (integer division truncates towards zero).
long floorQuarter(long n) {
    return n >= 0 ? n / 4 : -((-n + 3) / 4);
}

/// The next coarser level by definition: round-half-up mean of each 2×2 block, an odd last row or
/// column taking its own pixels twice.
Grid referenceHalve(const Grid& fine) {
    Grid coarse{(fine.width + 1) / 2, (fine.height + 1) / 2, {}};
    for (int y = 0; y < coarse.height; ++y)
        for (int x = 0; x < coarse.width; ++x) {
            const int x0 = 2 * x;
            const int y0 = 2 * y;
            const int x1 = std::min(x0 + 1, fine.width - 1);
            const int y1 = std::min(y0 + 1, fine.height - 1);
            const long sum = fine.at(x0, y0) + fine.at(x1, y0) + fine.at(x0, y1) + fine.at(x1, y1);
            coarse.values.push_back(floorQuarter(sum + 2));
        }
    return coarse;
}

template <typename T, typename Signed = T>
Grid gridOf(const ImageView& view) {
    Grid grid{view.width, view.height, {}};
    for (int y = 0; y < view.height; ++y)
        for (int x = 0; x < view.width; ++x)
            grid.values.push_back(static_cast<Signed>(view.row<const T>(y)[x]));
    return grid;
}

/// Every pixel of `level` of plane 0 against `expected`, reporting the first difference.
template <typename T, typename Signed = T>
void requireLevel(const Pyramid& pyramid, int level, const Grid& expected) {
    const Grid actual = gridOf<T, Signed>(pyramid.plane(level, 0));
    REQUIRE(actual.width == expected.width);
    REQUIRE(actual.height == expected.height);
    for (int y = 0; y < expected.height; ++y)
        for (int x = 0; x < expected.width; ++x) {
            INFO("level " << level << " pixel (" << x << ", " << y << ")");
            REQUIRE(actual.at(x, y) == expected.at(x, y));
        }
}

/// Signed test values: small ones either side of zero (where an unsigned mean of the bit patterns
/// goes wrong), a few at the int16 extremes, and sums that land on every remainder mod 4.
std::int16_t signedValue(int x, int y) {
    if ((x * 7 + y * 3) % 29 == 0)
        return (x + y) % 2 == 0 ? std::int16_t{-32768} : std::int16_t{32767};
    return static_cast<std::int16_t>((x * 5 + y * 11) % 9 - 4);
}

} // namespace

TEST_CASE("a signed plane averages as int16 across zero", "[pyramid][signed]") {
    // -1 and +1 above, -1 and +1 below: the mean is 0, where unsigned bit patterns give 0x8000.
    const Plane zero = test::makePlane(
        2, 2, [](int x, int) { return static_cast<std::uint16_t>(x == 0 ? 0xFFFF : 0x0001); });
    const auto pyramid = buildPyramid({zero.pixels.view()}, {1, {true}});
    REQUIRE(pyramid);
    CHECK(static_cast<std::int16_t>(pyramid->plane(1, 0).row<const std::uint16_t>(0)[0]) == 0);

    // 203 × 45 signed pixels: two full blocks of 32 pairs and a remainder in each row of level 0,
    // odd widths and heights from level 0 down.
    const Plane plane = test::makePlane(
        203, 45, [](int x, int y) { return static_cast<std::uint16_t>(signedValue(x, y)); });
    const auto signedPyramid = buildPyramid({plane.pixels.view()}, {1, {true}});
    REQUIRE(signedPyramid);
    REQUIRE(signedPyramid->levelCount() >= 3);
    Grid expected = gridOf<std::uint16_t, std::int16_t>(plane.pixels.view());
    for (int level = 1; level < signedPyramid->levelCount(); ++level) {
        expected = referenceHalve(expected);
        requireLevel<std::uint16_t, std::int16_t>(*signedPyramid, level, expected);
    }
}

TEST_CASE("unsigned, 8-bit and float means are exact on wide rows", "[pyramid]") {
    SECTION("gray16") {
        const Plane plane = test::makePlane(331, 9, [](int x, int y) {
            return static_cast<std::uint16_t>((x * 40503 + y * 9973) % 65536);
        });
        const auto pyramid = buildPyramid({plane.pixels.view()}, {1});
        REQUIRE(pyramid);
        Grid expected = gridOf<std::uint16_t>(plane.pixels.view());
        for (int level = 1; level < pyramid->levelCount(); ++level) {
            expected = referenceHalve(expected);
            requireLevel<std::uint16_t>(*pyramid, level, expected);
        }
    }
    SECTION("gray8") {
        const Image image = test::makeImage(PixelFormat::Gray8, 331, 9, [](int x, int y, int) {
            return static_cast<std::uint8_t>((x * 97 + y * 31) % 256);
        });
        const auto pyramid = buildPyramid({image.view()}, {1});
        REQUIRE(pyramid);
        Grid expected = gridOf<std::uint8_t>(image.view());
        for (int level = 1; level < pyramid->levelCount(); ++level) {
            expected = referenceHalve(expected);
            requireLevel<std::uint8_t>(*pyramid, level, expected);
        }
    }
    SECTION("float32, summed left to right then quartered") {
        Image image(PixelFormat::Float32, 131, 3);
        for (int y = 0; y < 3; ++y)
            for (int x = 0; x < 131; ++x)
                image.at<float>(x, y) = static_cast<float>(x * 0.37 - y * 1.9 + 0.01 * x * x);
        const auto pyramid = buildPyramid({image.view()}, {64});
        REQUIRE(pyramid);
        const ImageView& level1 = pyramid->plane(1, 0);
        REQUIRE(level1.width == 66);
        const auto p = [&](int x, int y) {
            return image.at<float>(std::min(x, 130), y);
        };
        for (int y = 0; y < level1.height; ++y)
            for (int x = 0; x < level1.width; ++x) {
                const int yb = std::min(2 * y + 1, 2);
                const float mean =
                    (p(2 * x, 2 * y) + p(2 * x + 1, 2 * y) + p(2 * x, yb) + p(2 * x + 1, yb)) *
                    0.25f;
                INFO("pixel (" << x << ", " << y << ")");
                REQUIRE(level1.row<const float>(y)[x] == mean);
            }
    }
}

TEST_CASE("signedPlanes must name every plane and only gray16 ones", "[pyramid][errors]") {
    const Plane a = test::makePlane(64, 32, [](int, int) { return std::uint16_t{1}; });
    const Image f(PixelFormat::Float32, 64, 32);
    CHECK_THROWS_WITH(buildPyramid({a.pixels.view(), a.pixels.view()}, {16, {true}}),
                      Catch::Contains("signedPlanes has 1 entries for 2 planes"));
    CHECK_THROWS_WITH(PyramidBuilder({a.pixels.view()}, {16, {true, false}}),
                      Catch::Contains("signedPlanes has 2 entries for 1 planes"));
    CHECK_THROWS_WITH(buildPyramid({f.view()}, {16, {true}}),
                      Catch::Contains("plane 0 is marked signed but is float32"));
    CHECK(buildPyramid({f.view()}, {16, {false}}));
    CHECK(buildPyramid({a.pixels.view(), a.pixels.view()}, {16, {false, true}}));
}
