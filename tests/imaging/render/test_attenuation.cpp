#include "render_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/attenuation.h>
#include <prescreen/imaging/render/pyramid.h>
#include <prescreen/imaging/render/tone_map.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::render;

namespace {

constexpr double kAir = 40000;

/// A photon-counting transmission image: left quarter air, the rest attenuation a(x, y), with
/// Poisson noise of `gain` stored units per photon (normal approximation, exact enough here).
Plane transmissionPlane(int width, int height, double gain,
                        const std::function<double(int, int)>& attenuation,
                        std::uint64_t seed = 1) {
    std::mt19937_64 random(seed);
    std::normal_distribution<double> unit;
    return test::makePlane(width, height, [&](int x, int y) {
        const double a = x < width / 4 ? 0.0 : attenuation(x, y);
        const double photons = kAir / gain * std::exp(-a);
        const double n = std::max(0.0, photons + std::sqrt(photons) * unit(random));
        return static_cast<std::uint16_t>(std::clamp(std::lround(n * gain), 0L, 65535L));
    });
}

double mean(const std::vector<double>& values) {
    double sum = 0;
    for (const double v : values)
        sum += v;
    return sum / static_cast<double>(values.size());
}

double standardDeviation(const std::vector<double>& values) {
    const double m = mean(values);
    double sum = 0;
    for (const double v : values)
        sum += (v - m) * (v - m);
    return std::sqrt(sum / static_cast<double>(values.size()));
}

} // namespace

TEST_CASE("display scale names round-trip", "[render][attenuation]") {
    for (const auto scale : {DisplayScale::Linear, DisplayScale::Attenuation, DisplayScale::Hdr})
        CHECK(parseDisplayScale(displayScaleName(scale)) == scale);
    CHECK_FALSE(parseDisplayScale("log"));
}

TEST_CASE("the file's Pixel Intensity Relationship decides first", "[render][attenuation]") {
    Plane plane = transmissionPlane(256, 128, 1, [](int, int) { return 3.0; });
    plane.kind = PlaneKind::HighEnergy;
    plane.intensityRelationship = IntensityRelationship::Linear;
    plane.airValue = 41000;
    const Transmission lin = transmissionOf(plane);
    CHECK(lin.linear);
    CHECK(lin.fromFile);
    CHECK(lin.airValue == 41000);
    CHECK(defaultDisplayScale(plane, lin, true) == DisplayScale::Attenuation);

    plane.intensityRelationship = IntensityRelationship::Logarithmic;
    const Transmission log = transmissionOf(plane);
    CHECK_FALSE(log.linear);
    CHECK_THAT(log.reason, Catch::Contains("LOG"));
    CHECK(defaultDisplayScale(plane, log, true) == DisplayScale::Linear);
    // Never transformed twice: the attenuation table refuses LOG data.
    CHECK_THROWS_AS(makeAttenuationLut(plane, log, Window{2, 4}), Error);
    CHECK_THROWS_AS(autoAttenuationWindow(plane, log), Error);

    plane.intensityRelationship = IntensityRelationship::Linear;
    plane.intensitySign = -1;
    CHECK_FALSE(transmissionOf(plane).linear);

    plane.intensitySign = 1;
    plane.kind = PlaneKind::ZEffective;
    CHECK_FALSE(transmissionOf(plane).linear);

    // A medical LIN image with its own window keeps the linear display outside DICOS.
    plane.kind = PlaneKind::Single;
    plane.windows.push_back({2000, 4000, "file"});
    CHECK(defaultDisplayScale(plane, transmissionOf(plane), false) == DisplayScale::Linear);
    CHECK(defaultDisplayScale(plane, transmissionOf(plane), true) == DisplayScale::Attenuation);

    CHECK_THROWS_AS(transmissionOf(Plane{}), Error);
}

TEST_CASE("without the attribute, linear transmission is told from the pixels",
          "[render][attenuation]") {
    // A ramp of attenuation 0.1 .. 5 with photon noise (3 stored units per photon).
    const auto ramp = [](int x, int) {
        return 0.1 + 4.9 * (x - 128) / 384.0;
    };
    const Plane linear = transmissionPlane(512, 256, 3, ramp);
    const Transmission t = transmissionOf(linear);
    INFO(t.reason);
    CHECK(t.linear);
    CHECK_FALSE(t.fromFile);
    CHECK(t.airValue == Approx(kAir).epsilon(0.01));
    CHECK(t.gain == Approx(3).epsilon(0.15));

    // The same object stored logarithmically (value = 12000 · ln(photons), air bright): the
    // noise now grows where the signal falls, so it is not taken for linear data.
    std::mt19937_64 random(2);
    std::normal_distribution<double> unit;
    const Plane logarithmic = test::makePlane(512, 256, [&](int x, int y) {
        const double a = x < 128 ? 0.0 : ramp(x, y);
        const double photons = kAir / 3 * std::exp(-a);
        const double n = std::max(1.0, photons + std::sqrt(photons) * unit(random));
        return static_cast<std::uint16_t>(std::lround(6000 * std::log(n)));
    });
    const Transmission l = transmissionOf(logarithmic);
    INFO(l.reason);
    CHECK_FALSE(l.linear);

    // No open-beam plateau at all (a smooth ramp of values): shown as stored.
    const Plane ramped = test::makePlane(
        512, 256, [](int x, int y) { return static_cast<std::uint16_t>(x * 100 + y); });
    CHECK_FALSE(transmissionOf(ramped).linear);
}

TEST_CASE("the automatic attenuation window covers the object, not the air",
          "[render][attenuation]") {
    // Left quarter air; the object 5 .. 7 in attenuation.
    Plane plane =
        transmissionPlane(400, 200, 1, [](int x, int) { return 5 + 2 * (x - 100) / 300.0; });
    plane.intensityRelationship = IntensityRelationship::Linear;
    plane.airValue = kAir;
    const Transmission t = transmissionOf(plane);
    const Window window = autoAttenuationWindow(plane, t);
    CHECK(window.center - window.width / 2 == Approx(5).margin(0.2));
    CHECK(window.center + window.width / 2 == Approx(7).margin(0.25));

    const DisplayLut lut = makeAttenuationLut(plane, t, window);
    CHECK(lut.grey(40000) == 255); // air: white
    INFO("window " << window.center << "/" << window.width);
    const double low = window.center - window.width / 2;
    CHECK(int{lut.grey(static_cast<std::uint16_t>(kAir * std::exp(-6)))} ==
          Approx(255 * (1 - (6 - low) / window.width)).margin(2));
    CHECK(lut.grey(0) == 0); // no photons: black
    const DisplayLut inverted = makeAttenuationLut(plane, t, window, 1.0, true);
    CHECK(inverted.grey(40000) == 0);
    // Linear in A: equal steps of attenuation are equal steps of grey.
    const auto greyAt = [&](double a) {
        return lut.grey(static_cast<std::uint16_t>(std::lround(kAir * std::exp(-a))));
    };
    CHECK(greyAt(5.5) - greyAt(6.0) == Approx(greyAt(6.0) - greyAt(6.5)).margin(2));

    CHECK_THROWS_AS(makeAttenuationLut(plane, t, Window{2, 0}), Error);
    CHECK_THROWS_AS(makeAttenuationLut(plane, t, Window{2, 1}, 0.0), Error);
    CHECK_THROWS_AS(autoAttenuationWindow(plane, t, 60, 40), Error);
}

TEST_CASE("photon-starved pixels are smoothed, others kept, edges kept", "[render][attenuation]") {
    // Right half at 1e-3 (40 stored, 40 photons: starved), a step to 3e-3 half-way down;
    // left half bright.
    const Plane plane = transmissionPlane(256, 128, 1, [](int x, int y) {
        return x < 128 ? 1.0 : (y < 64 ? std::log(1000.0) : std::log(1000.0 / 3));
    });
    Transmission t;
    t.linear = true;
    t.airValue = kAir;
    t.gain = 1;
    const Image smoothed = smoothStarved(plane.pixels.view(), t, 0);
    std::vector<double> before, after;
    for (int y = 10; y < 54; ++y)
        for (int x = 140; x < 250; ++x) {
            before.push_back(plane.pixels.at<std::uint16_t>(x, y));
            after.push_back(smoothed.at<std::uint16_t>(x, y));
        }
    CHECK(standardDeviation(after) < 0.6 * standardDeviation(before));
    CHECK(mean(after) == Approx(mean(before)).epsilon(0.05));
    // Bright pixels untouched.
    for (int y = 0; y < 128; y += 7)
        for (int x = 40; x < 96; x += 5)
            CHECK(smoothed.at<std::uint16_t>(x, y) == plane.pixels.at<std::uint16_t>(x, y));
    // The step stays a step: two rows either side differ by the full 40 → 120.
    CHECK(smoothed.at<std::uint16_t>(200, 61) < 70);
    CHECK(smoothed.at<std::uint16_t>(200, 66) > 90);
    // At pyramid level 2 each pixel averages 16: 40 stored values are 640 photons, not starved.
    const Image coarse = smoothStarved(plane.pixels.view(), t, 2);
    CHECK(coarse.at<std::uint16_t>(200, 30) == plane.pixels.at<std::uint16_t>(200, 30));

    CHECK_THROWS_AS(smoothStarved(plane.pixels.view(), t, -1), Error);
    CHECK_THROWS_AS(smoothStarved(plane.pixels.view(), t, 0, {100, 4}), Error);
}

TEST_CASE("HDR tone mapping shows a thin wall and a dense load at once", "[render][attenuation]") {
    // Top band: a thin wall, A 0.10 with stripes of 0.20; bottom band: a dense load, A 6 with
    // blocks of 6.6. The left quarter is air.
    const auto scene = [](int x, int y) {
        const bool stripe = (x / 8) % 2 == 0;
        if (y < 256)
            return stripe ? 0.20 : 0.10;
        return stripe ? 6.6 : 6.0;
    };
    Plane plane = transmissionPlane(1024, 512, 1, scene);
    plane.intensityRelationship = IntensityRelationship::Linear;
    plane.airValue = kAir;
    const Transmission t = transmissionOf(plane);
    const Window window = autoAttenuationWindow(plane, t);
    const auto pyramid = buildPyramid({plane.pixels.view()});
    REQUIRE(pyramid);
    const LocalToneMap map = LocalToneMap::build(*pyramid, 0, plane, t);
    CHECK(map.tilesY() == 8);
    CHECK(map.tilesX() == 16);
    const ImageView& level0 = pyramid->plane(0, 0);
    const Image hdr = map.curves(window).apply(level0, level0, 0);
    const Image flat = makeAttenuationLut(plane, t, window).apply(level0);

    // Stripe contrast: mean grey of stripe columns minus the others, per band.
    const auto contrast = [](const Image& image, int y0, int y1) {
        double stripes = 0, others = 0;
        int n = 0, m = 0;
        for (int y = y0; y < y1; ++y)
            for (int x = 512; x < 1000; ++x) {
                if ((x % 8) == 0 || (x % 8) == 7)
                    continue; // the blurred edges
                if ((x / 8) % 2 == 0) {
                    stripes += image.at<std::uint8_t>(x, y);
                    ++n;
                } else {
                    others += image.at<std::uint8_t>(x, y);
                    ++m;
                }
            }
        return others / m - stripes / n; // denser stripes are darker
    };
    const double wallFlat = contrast(flat, 64, 192);
    const double wallHdr = contrast(hdr, 64, 192);
    const double loadHdr = contrast(hdr, 320, 448);
    INFO("wall flat " << wallFlat << ", wall HDR " << wallHdr << ", load HDR " << loadHdr);
    CHECK(wallFlat < 8);
    CHECK(wallHdr > 40);
    CHECK(loadHdr > 40);

    // A crop: the same pixels as the whole, at the same place.
    const ImageView crop = level0.region(600, 300, 200, 100);
    const Image part = map.curves(window).apply(crop, level0, 0);
    for (int y = 0; y < 100; y += 9)
        for (int x = 0; x < 200; x += 11)
            CHECK(part.at<std::uint8_t>(x, y) == hdr.at<std::uint8_t>(600 + x, 300 + y));
    // A coarser level's crop maps onto the same tiles: close to the full-resolution result.
    const Image half = map.curves(window).apply(pyramid->plane(1, 0), pyramid->plane(1, 0), 1);
    double halfMean = 0, fullMean = 0;
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 40; ++x) {
            fullMean += hdr.at<std::uint8_t>(680 + x, 180 + y) / 1600.0;
            if (x < 20 && y < 20)
                halfMean += half.at<std::uint8_t>(340 + x, 90 + y) / 400.0;
        }
    CHECK(halfMean == Approx(fullMean).margin(6));

    const Plane other = test::makePlane(64, 64, [](int, int) { return std::uint16_t{1}; });
    CHECK_THROWS_AS(map.curves(window).apply(other.pixels.view(), level0, 0), Error);
    CHECK_THROWS_AS(map.curves(Window{1, -1}), Error);
    CHECK_THROWS_AS(LocalToneMap::build(*pyramid, 0, plane, Transmission{}), Error);
    CHECK_THROWS_AS(LocalToneMap().curves(window), Error);
}
