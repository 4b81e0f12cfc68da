// The cargo phantom and how it is displayed (issue 16): a loaded container must show its
// structure on first open, LOG data must not be transformed twice, HDR must show thin walls
// and dense pallets at once.
#include <prescreen/imaging/materials/phantom.h>
#include <prescreen/imaging/render/attenuation.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/pyramid.h>
#include <prescreen/imaging/render/tone_map.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

using namespace prescreen::imaging;
using namespace prescreen::imaging::materials;
using namespace prescreen::imaging::render;

namespace {

const Phantom& cargo() {
    static const Phantom phantom = generatePhantom({PhantomKind::Cargo, 5, 0, 0});
    return phantom;
}

const Plane& high() {
    return *cargo().scan.views.front().find(PlaneKind::HighEnergy);
}

/// The container's load: the truth's pallet boxes, shrunk by 4 pixels (no edges).
std::vector<PixelRect> pallets() {
    std::vector<PixelRect> boxes;
    for (const auto& object : cargo().truth.objects)
        if (object.box.width > 100)
            boxes.push_back(
                {object.box.x + 4, object.box.y + 4, object.box.width - 8, object.box.height - 8});
    return boxes;
}

double meanGrey(const Image& image, const PixelRect& r) {
    double sum = 0;
    for (int y = r.y; y < r.y + r.height; ++y)
        for (int x = r.x; x < r.x + r.width; ++x)
            sum += image.at<std::uint8_t>(x, y);
    return sum / (static_cast<double>(r.width) * r.height);
}

Image attenuationDisplay(const Plane& plane) {
    const Transmission t = transmissionOf(plane);
    REQUIRE(t.linear);
    return makeAttenuationLut(plane, t, autoAttenuationWindow(plane, t)).apply(plane.pixels.view());
}

} // namespace

TEST_CASE("the cargo phantom is as dense and noisy as a loaded container",
          "[materials][phantom][cargo]") {
    const auto& truth = cargo().truth;
    const Plane& plane = high();
    CHECK(plane.kvp == 6000);
    CHECK(plane.intensityRelationship == IntensityRelationship::Linear);
    REQUIRE(truth.gaps.size() >= 5);
    // Within the container, more than half of the pixels below 0.5 % transmission; the load
    // reaches 1e-4 (a few photons).
    std::vector<double> transmissions;
    const auto& in = truth.interior;
    for (int y = in.y; y < in.y + in.height; y += 2)
        for (int x = in.x; x < in.x + in.width; x += 2)
            transmissions.push_back(plane.pixels.at<std::uint16_t>(x, y) / truth.airHigh);
    std::sort(transmissions.begin(), transmissions.end());
    const double below =
        static_cast<double>(std::lower_bound(transmissions.begin(), transmissions.end(), 0.005) -
                            transmissions.begin()) /
        static_cast<double>(transmissions.size());
    INFO("share below 0.5 %: " << below);
    CHECK(below > 0.5);
    CHECK(transmissions[transmissions.size() / 100] < 2e-4);
    // Same seed, same pixels; another seed, another load.
    const Phantom again = generatePhantom({PhantomKind::Cargo, 5, 0, 0});
    const Plane& other = *again.scan.views.front().find(PlaneKind::HighEnergy);
    CHECK(std::equal(plane.pixels.row<std::uint16_t>(500),
                     plane.pixels.row<std::uint16_t>(500) + plane.pixels.width(),
                     other.pixels.row<std::uint16_t>(500)));
    CHECK_FALSE(generatePhantom({PhantomKind::Cargo, 6, 0, 0}).truth.gaps.front().x ==
                truth.gaps.front().x);
    CHECK(parsePhantomKind("cargo") == PhantomKind::Cargo);
}

TEST_CASE("the default display of a loaded container shows its structure",
          "[materials][cargo][render]") {
    const Plane& plane = high();
    const Transmission t = transmissionOf(plane);
    CHECK(defaultDisplayScale(plane, t, true) == DisplayScale::Attenuation);
    const Image shown = attenuationDisplay(plane);
    const Image linear = renderGrey(plane); // today's default: the linear automatic window

    // Many distinct grey levels inside the pallets; the linear display has almost none.
    std::set<int> levels, linearLevels;
    std::size_t darkLinear = 0, count = 0;
    for (const auto& r : pallets())
        for (int y = r.y; y < r.y + r.height; y += 3)
            for (int x = r.x; x < r.x + r.width; x += 3) {
                levels.insert(shown.at<std::uint8_t>(x, y));
                linearLevels.insert(linear.at<std::uint8_t>(x, y));
                darkLinear += linear.at<std::uint8_t>(x, y) <= 3 ? 1 : 0;
                ++count;
            }
    INFO("attenuation levels " << levels.size() << ", linear levels " << linearLevels.size());
    CHECK(levels.size() >= 100);
    CHECK(static_cast<double>(darkLinear) / static_cast<double>(count) > 0.5);

    // Pallet gaps: found from the rendered image alone, as the columns of the load band that
    // are much brighter than the columns around them.
    const auto& truth = cargo().truth;
    for (const auto& gap : truth.gaps) {
        const PixelRect left{gap.x - 3 * gap.width - 8, gap.y, 2 * gap.width, gap.height};
        const PixelRect right{gap.x + gap.width + 8, gap.y, 2 * gap.width, gap.height};
        const PixelRect inside{gap.x + 1, gap.y, std::max(1, gap.width - 2), gap.height};
        INFO("gap at x " << gap.x << " width " << gap.width);
        CHECK(meanGrey(shown, inside) > meanGrey(shown, left) + 40);
        CHECK(meanGrey(shown, inside) > meanGrey(shown, right) + 40);
    }
    // A detector over the whole load band: columns brighter than both neighbourhoods by 40.
    int top = plane.pixels.height(), bottom = 0;
    for (const auto& gap : truth.gaps) {
        top = std::min(top, gap.y);
        bottom = std::max(bottom, gap.y + gap.height);
    }
    const int bandTop = (top + bottom) / 2 - 10, bandBottom = bandTop + 20;
    std::vector<double> profile(static_cast<std::size_t>(shown.width()), 0.0);
    for (int x = 0; x < shown.width(); ++x)
        for (int y = bandTop; y < bandBottom; ++y)
            profile[static_cast<std::size_t>(x)] += shown.at<std::uint8_t>(x, y) / 20.0;
    int found = 0;
    for (const auto& gap : truth.gaps) {
        if (gap.y > bandTop || gap.y + gap.height < bandBottom)
            continue; // this gap does not cross the band
        const double centre = profile[static_cast<std::size_t>(gap.x + gap.width / 2)];
        const double before = profile[static_cast<std::size_t>(gap.x - gap.width - 10)];
        const double after = profile[static_cast<std::size_t>(gap.x + 2 * gap.width + 10)];
        found += centre > before + 40 && centre > after + 40 ? 1 : 0;
    }
    CHECK(found >= 3);
}

TEST_CASE("LOG data of the same load is not transformed twice", "[materials][cargo][render]") {
    // The high plane stored logarithmically: value = 5000 · A (higher = denser), LOG.
    const Plane& lin = high();
    Plane log;
    log.kind = PlaneKind::HighEnergy;
    log.intensityRelationship = IntensityRelationship::Logarithmic;
    log.photometric = Photometric::Monochrome1; // higher values are darker, as the data say
    log.pixels = Image(PixelFormat::Gray16, lin.pixels.width(), lin.pixels.height());
    const double air = cargo().truth.airHigh;
    for (int y = 0; y < lin.pixels.height(); ++y)
        for (int x = 0; x < lin.pixels.width(); ++x) {
            const double a = std::log(
                air / std::max(0.5, static_cast<double>(lin.pixels.at<std::uint16_t>(x, y))));
            log.pixels.at<std::uint16_t>(x, y) =
                static_cast<std::uint16_t>(std::clamp(std::lround(5000 * a), 0L, 65535L));
        }
    const Transmission t = transmissionOf(log);
    CHECK_FALSE(t.linear);
    CHECK(defaultDisplayScale(log, t, true) == DisplayScale::Linear);
    CHECK_THROWS(makeAttenuationLut(log, t, Window{5, 10}));
    // Shown as stored, it looks like the LIN data's attenuation display (same monotone scale):
    // pallet means rank the same, and the gaps stay brighter than the pallets.
    const Image fromLin = attenuationDisplay(lin);
    const Image fromLog = renderGrey(log);
    const auto boxes = pallets();
    for (std::size_t i = 0; i + 1 < boxes.size(); ++i) {
        const double a = meanGrey(fromLin, boxes[i]) - meanGrey(fromLin, boxes[i + 1]);
        const double b = meanGrey(fromLog, boxes[i]) - meanGrey(fromLog, boxes[i + 1]);
        if (std::abs(a) > 20)
            CHECK(a * b > 0);
    }
    // Were −ln applied again to these values, the load would crush into the top few greys.
    const auto& gap = cargo().truth.gaps.front();
    CHECK(meanGrey(fromLog, {gap.x + 1, gap.y, gap.width - 2, gap.height}) >
          meanGrey(fromLog, boxes.front()) + 40);
}

TEST_CASE("HDR shows the thin container wall and the dense pallets at once",
          "[materials][cargo][render]") {
    const Plane& plane = high();
    const Transmission t = transmissionOf(plane);
    const Window window = autoAttenuationWindow(plane, t);
    const auto pyramid = buildPyramid({plane.pixels.view()});
    REQUIRE(pyramid);
    const auto curves = LocalToneMap::build(*pyramid, 0, plane, t).curves(window);
    const ImageView& level0 = pyramid->plane(0, 0);
    const Image hdr = curves.apply(level0, level0, 0);
    const Image flat = attenuationDisplay(plane);

    // The wall just below the roof rail, above every pallet: corrugation stripes (3 cm of
    // every 10 cm, twice the steel) against the plain wall. Grey spread (P95 − P5) of a row.
    const auto& truth = cargo().truth;
    int loadTop = plane.pixels.height();
    for (const auto& box : pallets())
        loadTop = std::min(loadTop, box.y);
    const int row = (truth.interior.y + loadTop) / 2;
    REQUIRE(loadTop - truth.interior.y > 6);
    const auto spread = [&](const Image& image, int y, int x0, int x1) {
        std::vector<int> v;
        for (int x = x0; x < x1; ++x)
            v.push_back(image.at<std::uint8_t>(x, y));
        std::sort(v.begin(), v.end());
        return v[v.size() * 95 / 100] - v[v.size() * 5 / 100];
    };
    const int x0 = truth.interior.x + 40, x1 = truth.interior.x + truth.interior.width - 40;
    INFO("wall spread: flat " << spread(flat, row, x0, x1) << ", HDR " << spread(hdr, row, x0, x1));
    CHECK(spread(flat, row, x0, x1) < 10);
    CHECK(spread(hdr, row, x0, x1) >= 25);

    // Dense pallets keep their internal structure (carton seams, density variation).
    int structured = 0;
    const auto boxes = pallets();
    for (const auto& box : boxes) {
        const int y = box.y + box.height / 2;
        structured += spread(hdr, y, box.x, box.x + box.width) >= 30 ? 1 : 0;
    }
    CHECK(structured * 2 >= static_cast<int>(boxes.size()));
}

TEST_CASE("starved-pixel smoothing quiets the dense load and keeps the gaps",
          "[materials][cargo][render]") {
    const Plane& plane = high();
    const Transmission t = transmissionOf(plane);
    CHECK(t.gain == Approx(2).epsilon(0.2)); // the phantom's 2 stored units per photon
    const Image smoothed = smoothStarved(plane.pixels.view(), t, 0);
    const auto lut = makeAttenuationLut(plane, t, autoAttenuationWindow(plane, t));
    const Image before = lut.apply(plane.pixels.view());
    const Image after = lut.apply(smoothed.view());
    // Noise: mean absolute difference of horizontal neighbours in the densest pallet.
    const auto roughness = [](const Image& image, const PixelRect& r) {
        double sum = 0;
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y += 2)
            for (int x = r.x; x + 1 < r.x + r.width; ++x, ++n)
                sum += std::abs(image.at<std::uint8_t>(x, y) - image.at<std::uint8_t>(x + 1, y));
        return sum / n;
    };
    PixelRect densest{};
    double darkest = 256;
    for (const auto& box : pallets())
        if (meanGrey(before, box) < darkest) {
            darkest = meanGrey(before, box);
            densest = box;
        }
    INFO("roughness before " << roughness(before, densest) << ", after "
                             << roughness(after, densest));
    CHECK(roughness(after, densest) < 0.7 * roughness(before, densest));
    for (const auto& gap : cargo().truth.gaps) {
        const PixelRect inside{gap.x + 2, gap.y, std::max(1, gap.width - 4), gap.height};
        CHECK(meanGrey(after, inside) == Approx(meanGrey(before, inside)).margin(3));
    }
}
