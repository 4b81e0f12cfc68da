#include "phantom_support.h"
#include "test_support.h"

#include <prescreen/error.h>
#include <prescreen/imaging/dicom_header.h>
#include <prescreen/imaging/materials/analysis.h>
#include <prescreen/imaging/materials/classify.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

using namespace prescreen::imaging;
using namespace prescreen::imaging::materials;

namespace {

bool samePixels(const Image& a, const Image& b) {
    if (a.width() != b.width() || a.height() != b.height())
        return false;
    for (int y = 0; y < a.height(); ++y) {
        if (std::memcmp(a.row<std::uint8_t>(y), b.row<std::uint8_t>(y),
                        static_cast<std::size_t>(a.width()) * 2) != 0)
            return false;
    }
    return true;
}

const Plane& plane(const Phantom& p, PlaneKind kind) {
    return *p.scan.views.front().find(kind);
}

} // namespace

TEST_CASE("classification recovers each phantom object's class", "[materials][phantom]") {
    const MaterialRenderer renderer;
    for (const auto kind : {PhantomKind::Parcel, PhantomKind::Pallet, PhantomKind::Container}) {
        for (const std::uint64_t seed : {1u, 2u, 3u, 42u}) {
            const auto phantom = generatePhantom(prescreen::test::smallOptions(kind, seed));
            const auto input = dualEnergyInput(phantom.scan.views.front());
            Image classes(PixelFormat::Gray8, input.high.width, input.high.height);
            renderer.classMap(input, classes.view());
            for (const auto& a : prescreen::test::objectAccuracy(phantom, classes.view())) {
                INFO(phantomKindName(kind)
                     << " seed " << seed << " object " << a.object->id << " " << a.object->material
                     << " " << a.object->thicknessCm << " cm: " << a.fractionExpected * 100 << " % "
                     << materialClassName(a.object->expectedClass()));
                REQUIRE(a.interiorPixels > 0);
                CHECK(a.fractionExpected >= 0.9);
            }
        }
    }
}

TEST_CASE("a phantom is deterministic per seed", "[materials][phantom]") {
    const auto a = generatePhantom({PhantomKind::Parcel, 7, 600, 400});
    const auto b = generatePhantom({PhantomKind::Parcel, 7, 600, 400});
    const auto c = generatePhantom({PhantomKind::Parcel, 8, 600, 400});
    CHECK(
        samePixels(plane(a, PlaneKind::HighEnergy).pixels, plane(b, PlaneKind::HighEnergy).pixels));
    CHECK(samePixels(plane(a, PlaneKind::LowEnergy).pixels, plane(b, PlaneKind::LowEnergy).pixels));
    CHECK(groundTruthJson(a.truth) == groundTruthJson(b.truth));
    CHECK(a.scan.metadata.scanInstanceUid == b.scan.metadata.scanInstanceUid);
    CHECK_FALSE(
        samePixels(plane(a, PlaneKind::HighEnergy).pixels, plane(c, PlaneKind::HighEnergy).pixels));
    CHECK(a.scan.metadata.scanInstanceUid != c.scan.metadata.scanInstanceUid);
}

TEST_CASE("a phantom scan carries what the decoder and analysis need", "[materials][phantom]") {
    const auto p = generatePhantom({PhantomKind::Pallet, 3, 0, 0});
    REQUIRE(p.scan.views.size() == 1);
    const auto& view = p.scan.views.front();
    REQUIRE(view.isDualEnergy());
    const auto& high = plane(p, PlaneKind::HighEnergy);
    CHECK(high.pixels.width() == 1600);
    CHECK(high.pixels.height() == 1400);
    CHECK(high.airValue.value_or(0) == Approx(p.truth.airHigh));
    REQUIRE(high.pixelSpacingMm);
    CHECK((*high.pixelSpacingMm)[0] == Approx(1.2));
    CHECK(p.truth.objects.size() >= 8);
    double sum = 0;
    for (const auto& o : p.truth.objects) {
        CHECK(o.massKg == Approx(o.densityGcm3 * o.thicknessCm * o.pixels * 1.2 * 1.2 / 1e5));
        sum += o.massKg;
    }
    CHECK(p.truth.objectsMassKg == Approx(sum));
    CHECK(p.truth.totalMassKg > p.truth.objectsMassKg);
}

TEST_CASE("phantom sizes are checked", "[materials][phantom]") {
    CHECK_THROWS_AS(generatePhantom({PhantomKind::Parcel, 1, 100, 1000}), prescreen::Error);
    CHECK_THROWS_AS(generatePhantom({PhantomKind::Parcel, 1, 20000, 1000}), prescreen::Error);
}

TEST_CASE("a phantom is written as a DICOS DX pair and a truth sidecar", "[materials][phantom]") {
    const prescreen::test::TempDir dir;
    const auto p = generatePhantom({PhantomKind::Parcel, 5, 400, 300});
    const auto files = writePhantom(p, dir.path() / "out");
    const auto value = [](const DicomHeader& h, std::uint16_t g, std::uint16_t e) {
        const auto a = findAttribute(h, g, e);
        return a ? a->value : std::string("(absent)");
    };
    const auto high = readDicomHeader(files.high);
    const auto low = readDicomHeader(files.low);
    CHECK(high.transferSyntaxUid == "1.2.840.10008.1.2.1");
    CHECK(value(high, 0x0008, 0x0016) == "1.2.840.10008.5.1.4.1.1.501.2.2");
    CHECK(value(high, 0x0020, 0x000D) == value(low, 0x0020, 0x000D));
    CHECK(value(high, 0x0020, 0x000D) == p.truth.scanInstanceUid);
    CHECK(value(high, 0x0008, 0x0008) == "ORIGINAL\\HIGH ENERGY");
    CHECK(value(low, 0x0008, 0x0008) == "ORIGINAL\\LOW ENERGY");
    CHECK(value(high, 0x6100, 0x0030) == "2");
    CHECK(value(low, 0x6100, 0x0030) == "1");
    CHECK(value(high, 0x6100, 0x0032) == "2");
    CHECK(value(high, 0x6100, 0x0024) == "1");
    CHECK(value(high, 0x0010, 0x0020) == p.truth.objectId);
    CHECK(value(high, 0x4010, 0x1051) == p.truth.itineraryId);
    CHECK(value(high, 0x4010, 0x1058) == p.truth.carrierId);
    CHECK(value(high, 0x0018, 0x0060) == "160");
    CHECK(value(high, 0x0028, 0x0030) == "0.6\\0.6");
    CHECK(value(high, 0x0028, 0x0004) == "MONOCHROME2");
    CHECK(value(high, 0x0028, 0x0100) == "16");
    CHECK(value(high, 0x0008, 0x0070) == "Prescreen phantom");
    CHECK(value(high, 0x0008, 0x0020) != "(absent)");
    CHECK(value(high, 0x0008, 0x0030) != "(absent)");

    std::ifstream in(files.truth);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str() == groundTruthJson(p.truth));
    CHECK(text.str().find("\"totalMassKg\"") != std::string::npos);
    CHECK(text.str().find("\"polygonPx\"") != std::string::npos);
}

TEST_CASE("report: per-object accuracy and mass error over many phantoms", "[.report]") {
    const MaterialRenderer renderer;
    for (const auto kind : {PhantomKind::Parcel, PhantomKind::Pallet, PhantomKind::Container}) {
        double worst = 1, sum = 0, worstMass = 0;
        int objects = 0, lead = 0;
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            const auto phantom = generatePhantom({kind, seed, 0, 0});
            const auto input = dualEnergyInput(phantom.scan.views.front());
            Image classes(PixelFormat::Gray8, input.high.width, input.high.height);
            renderer.classMap(input, classes.view());
            const double kgPerGcm2 =
                phantom.truth.pixelSpacingMm[0] * phantom.truth.pixelSpacingMm[1] / 1e5;
            for (const auto& a : prescreen::test::objectAccuracy(phantom, classes.view())) {
                worst = std::min(worst, a.fractionExpected);
                sum += a.fractionExpected;
                ++objects;
                if (a.object->impenetrable) {
                    ++lead;
                    continue;
                }
                const auto mask = prescreen::test::objectMask(phantom, a.object->id);
                const auto m =
                    analyseMaterials(renderer, input, phantom.truth.pixelSpacingMm, mask.view());
                const double truth = a.object->massKg + phantom.truth.packagingCoverGcm2 *
                                                            a.object->pixels * kgPerGcm2;
                worstMass = std::max(worstMass, std::abs(m.mass.massKg / truth - 1));
            }
        }
        std::printf("%-9s seeds 1-10: %d objects (%d impenetrable), interior pixels in the "
                    "expected class: mean %.2f %%, worst object %.2f %%; worst object mass "
                    "error %.1f %%\n",
                    phantomKindName(kind), objects, lead, 100 * sum / objects, 100 * worst,
                    100 * worstMass);
    }
}
