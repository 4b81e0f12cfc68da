#include "render_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/pyramid.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <stop_token>
#include <vector>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::render;
using prescreen::test::makePlane;

namespace {

// A 16 × 16 block at (208, 96) on a flat background: blocks on multiples of 16 stay exact
// (and in place) down to level 4.
Plane withBlock(std::uint16_t background, std::uint16_t block) {
    return makePlane(1000, 600, [=](int x, int y) {
        return x >= 208 && x < 224 && y >= 96 && y < 112 ? block : background;
    });
}

} // namespace

TEST_CASE("pyramid levels halve (rounding up) until the longer side is <= 256", "[pyramid]") {
    const Plane plane =
        makePlane(513, 257, [](int x, int y) { return static_cast<std::uint16_t>(x + y); });
    const auto pyramid = buildPyramid({plane.pixels.view()});
    REQUIRE(pyramid);
    REQUIRE(pyramid->levelCount() == 3);
    CHECK(pyramid->planeCount() == 1);
    CHECK(pyramid->width(1) == 257);
    CHECK(pyramid->height(1) == 129);
    CHECK(pyramid->width(2) == 129);
    CHECK(pyramid->height(2) == 65);
    CHECK(pyramid->plane(0, 0).data == plane.pixels.view().data); // level 0 is not copied

    const Plane small = makePlane(256, 100, [](int, int) { return std::uint16_t{1}; });
    CHECK(buildPyramid({small.pixels.view()})->levelCount() == 1);
    CHECK(buildPyramid({small.pixels.view()}, {16})->levelCount() == 5); // 256 128 64 32 16
}

TEST_CASE("each level is the rounded 2x2 mean; an odd edge is averaged with itself", "[pyramid]") {
    const Plane plane = makePlane(
        5, 3, [](int x, int y) { return static_cast<std::uint16_t>(1000 * y + 7 * x * x); });
    const auto pyramid = buildPyramid({plane.pixels.view()}, {1});
    REQUIRE(pyramid);
    const ImageView& l1 = pyramid->plane(1, 0);
    REQUIRE(l1.width == 3);
    REQUIRE(l1.height == 2);
    const auto p = [&](int x, int y) {
        return int{plane.pixels.at<std::uint16_t>(x, y)};
    };
    CHECK(l1.row<std::uint16_t>(0)[0] == (p(0, 0) + p(1, 0) + p(0, 1) + p(1, 1) + 2) / 4);
    CHECK(l1.row<std::uint16_t>(0)[1] == (p(2, 0) + p(3, 0) + p(2, 1) + p(3, 1) + 2) / 4);
    CHECK(l1.row<std::uint16_t>(0)[2] == (2 * p(4, 0) + 2 * p(4, 1) + 2) / 4);
    CHECK(l1.row<std::uint16_t>(1)[0] == (2 * p(0, 2) + 2 * p(1, 2) + 2) / 4);
    CHECK(l1.row<std::uint16_t>(1)[2] == p(4, 2));
}

TEST_CASE("the planes of a view stay aligned level by level", "[pyramid]") {
    const Plane high = withBlock(1000, 60000);
    const Plane low = withBlock(500, 30000);
    const auto pyramid = buildPyramid({high.pixels.view(), low.pixels.view()});
    REQUIRE(pyramid);
    REQUIRE(pyramid->planeCount() == 2);
    REQUIRE(pyramid->levelCount() == 3);
    for (int level = 0; level < pyramid->levelCount(); ++level) {
        const ImageView& a = pyramid->plane(level, 0);
        const ImageView& b = pyramid->plane(level, 1);
        REQUIRE(a.width == b.width);
        REQUIRE(a.height == b.height);
        const int s = 1 << level;
        for (int y = 0; y < a.height; ++y)
            for (int x = 0; x < a.width; ++x) {
                const bool inside = x * s >= 208 && x * s < 224 && y * s >= 96 && y * s < 112;
                REQUIRE(a.row<std::uint16_t>(y)[x] == (inside ? 60000 : 1000));
                REQUIRE(b.row<std::uint16_t>(y)[x] == (inside ? 30000 : 500));
            }
    }
}

TEST_CASE("float and 8-bit planes make pyramids too", "[pyramid]") {
    Image f(PixelFormat::Float32, 600, 10);
    for (int x = 0; x < 600; ++x)
        f.at<float>(x, 0) = static_cast<float>(x);
    const auto pyramid = buildPyramid({f.view()});
    REQUIRE(pyramid->levelCount() == 3);
    CHECK(pyramid->plane(1, 0).row<float>(0)[3] == Approx((6 + 7) / 4.0));
    const Image g(PixelFormat::Gray8, 300, 300);
    CHECK(buildPyramid({g.view()})->levelCount() == 2);
}

TEST_CASE("progress rises to 1 and a requested stop yields no pyramid", "[pyramid]") {
    const Plane plane =
        makePlane(2048, 1024, [](int x, int) { return static_cast<std::uint16_t>(x); });
    std::vector<double> seen;
    REQUIRE(buildPyramid({plane.pixels.view()}, {}, [&](double f) { seen.push_back(f); }));
    REQUIRE(seen.size() > 4);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(seen.front() > 0.0);
    CHECK(seen.back() == 1.0);

    std::stop_source stop;
    stop.request_stop();
    CHECK_FALSE(buildPyramid({plane.pixels.view()}, {}, {}, stop.get_token()));
}

TEST_CASE("PyramidBuilder builds off the calling thread", "[pyramid]") {
    const Plane plane =
        makePlane(2048, 1024, [](int x, int) { return static_cast<std::uint16_t>(x); });
    PyramidBuilder builder({plane.pixels.view()});
    std::atomic<int> calls{0};
    builder.start([&](double) { ++calls; });
    auto pyramid = builder.result();
    REQUIRE(pyramid);
    CHECK(pyramid->levelCount() == 4);
    CHECK(builder.progress() == 1.0);
    CHECK(calls > 0);
    CHECK_THROWS_WITH(builder.result(), Catch::Contains("result() before start()"));
}

TEST_CASE("PyramidBuilder can be cancelled mid-way and destroyed while running", "[pyramid]") {
    const Plane plane =
        makePlane(2048, 2048, [](int x, int) { return static_cast<std::uint16_t>(x); });
    PyramidBuilder builder({plane.pixels.view()});
    // Cancel from inside the first progress report: deterministic, later steps must not run.
    std::atomic<double> last{0.0};
    builder.start([&](double f) {
        last = f;
        builder.cancel();
    });
    CHECK_FALSE(builder.result());
    CHECK(last < 0.5);
    CHECK(builder.progress() < 0.5);

    {
        PyramidBuilder abandoned({plane.pixels.view()});
        abandoned.start();
    } // the destructor cancels and joins: no crash, no leak
    PyramidBuilder never({plane.pixels.view()});
    CHECK_THROWS_AS(never.result(), Error);
    CHECK_FALSE(never.ready());
}

TEST_CASE("bad pyramid input gives prescreen::Error synchronously", "[pyramid][errors]") {
    const Plane a = makePlane(64, 32, [](int, int) { return std::uint16_t{1}; });
    const Plane b = makePlane(64, 33, [](int, int) { return std::uint16_t{1}; });
    const Image rgb(PixelFormat::Rgb8, 64, 32);
    CHECK_THROWS_WITH(buildPyramid({}), Catch::Contains("no planes"));
    CHECK_THROWS_WITH(buildPyramid({ImageView{}}), Catch::Contains("plane 0 is empty"));
    CHECK_THROWS_WITH(buildPyramid({a.pixels.view(), b.pixels.view()}),
                      Catch::Contains("must be aligned"));
    CHECK_THROWS_WITH(buildPyramid({rgb.view()}), Catch::Contains("rgb8"));
    CHECK_THROWS_WITH(buildPyramid({a.pixels.view()}, {0}), Catch::Contains("coarsest side"));
    CHECK_THROWS_WITH(PyramidBuilder({a.pixels.view(), b.pixels.view()}),
                      Catch::Contains("must be aligned"));
    CHECK_THROWS_WITH(Pyramid{}.width(0), Catch::Contains("does not exist"));
}
