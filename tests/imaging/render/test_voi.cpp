#include <prescreen/error.h>
#include <prescreen/imaging/render/grey.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::render;

TEST_CASE("LINEAR follows PS3.3 C.11.2.1.2.1 at and around the window edges", "[voi]") {
    // c = 40, w = 10: 0 up to x <= 35, 255 above x > 44, ((x − 39.5) / 9 + 0.5) · 255 between.
    const Window w{40, 10};
    CHECK(voiOutput(VoiFunction::Linear, w, -1e9) == 0.0);
    CHECK(voiOutput(VoiFunction::Linear, w, 35.0) == 0.0);
    CHECK(voiOutput(VoiFunction::Linear, w, 35.5) == Approx((35.5 - 39.5) / 9 * 255 + 127.5));
    CHECK(voiOutput(VoiFunction::Linear, w, 36.0) == Approx(255.0 / 9));
    CHECK(voiOutput(VoiFunction::Linear, w, 39.5) == Approx(127.5));
    CHECK(voiOutput(VoiFunction::Linear, w, 44.0) == Approx(255.0));
    CHECK(voiOutput(VoiFunction::Linear, w, 44.001) == 255.0);
    CHECK(voiOutput(VoiFunction::Linear, w, 1e9) == 255.0);

    // c = 128, w = 256 is the identity on 1..255.
    for (int x = 1; x <= 255; ++x)
        CHECK(voiOutput(VoiFunction::Linear, {128, 256}, x) == Approx(x).margin(1e-9));
    CHECK(voiOutput(VoiFunction::Linear, {128, 256}, 0) == 0.0);
    CHECK(voiOutput(VoiFunction::Linear, {128, 256}, 256) == 255.0);
}

TEST_CASE("LINEAR with width 1 is a threshold at center − 0.5", "[voi]") {
    CHECK(voiOutput(VoiFunction::Linear, {10, 1}, 9.5) == 0.0);
    CHECK(voiOutput(VoiFunction::Linear, {10, 1}, 9.51) == 255.0);
}

TEST_CASE("LINEAR_EXACT follows PS3.3 C.11.2.1.3.2 at and around the window edges", "[voi]") {
    const Window w{40, 10};
    CHECK(voiOutput(VoiFunction::LinearExact, w, 35.0) == 0.0);
    CHECK(voiOutput(VoiFunction::LinearExact, w, 35.5) == Approx(12.75));
    CHECK(voiOutput(VoiFunction::LinearExact, w, 36.0) == Approx(25.5));
    CHECK(voiOutput(VoiFunction::LinearExact, w, 40.0) == Approx(127.5));
    CHECK(voiOutput(VoiFunction::LinearExact, w, 45.0) == Approx(255.0));
    CHECK(voiOutput(VoiFunction::LinearExact, w, 45.001) == 255.0);
    // Sub-unit widths are allowed here (not for LINEAR).
    CHECK(voiOutput(VoiFunction::LinearExact, {0, 0.5}, 0.125) == Approx(191.25));
}

TEST_CASE("SIGMOID follows PS3.3 C.11.2.1.3.1 and is symmetric about the center", "[voi]") {
    const Window w{40, 10};
    CHECK(voiOutput(VoiFunction::Sigmoid, w, 40) == Approx(127.5));
    CHECK(voiOutput(VoiFunction::Sigmoid, w, 45) == Approx(255.0 / (1 + std::exp(-2.0))));
    CHECK(voiOutput(VoiFunction::Sigmoid, w, 35) == Approx(255.0 / (1 + std::exp(2.0))));
    for (double d : {0.5, 3.0, 12.0})
        CHECK(voiOutput(VoiFunction::Sigmoid, w, 40 + d) +
                  voiOutput(VoiFunction::Sigmoid, w, 40 - d) ==
              Approx(255.0));
    CHECK(voiOutput(VoiFunction::Sigmoid, w, 1e6) == Approx(255.0));
}

TEST_CASE("VOI windows a function does not accept are refused with a clear message", "[voi]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_WITH(voiOutput(VoiFunction::Linear, {40, 0.5}, 1),
                      Catch::Contains("not valid for LINEAR"));
    CHECK_THROWS_WITH(voiOutput(VoiFunction::LinearExact, {40, 0}, 1),
                      Catch::Contains("LINEAR_EXACT"));
    CHECK_THROWS_WITH(voiOutput(VoiFunction::Sigmoid, {40, -3}, 1), Catch::Contains("SIGMOID"));
    CHECK_THROWS_AS(voiOutput(VoiFunction::Linear, {nan, 10}, 1), Error);
    CHECK_THROWS_AS(
        voiOutput(VoiFunction::Sigmoid, {0, std::numeric_limits<double>::infinity()}, 1), Error);
}
