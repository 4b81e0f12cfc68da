#include "phantom_support.h"

#include <prescreen/error.h>
#include <prescreen/imaging/materials/analysis.h>

#include <catch2/catch.hpp>

#include <cmath>

using namespace prescreen::imaging;
using namespace prescreen::imaging::materials;

TEST_CASE("object masses fall within the stated uncertainty", "[materials][analysis]") {
    const MaterialRenderer renderer;
    for (const auto kind : {PhantomKind::Parcel, PhantomKind::Pallet, PhantomKind::Container}) {
        for (const std::uint64_t seed : {1u, 2u, 3u}) {
            const auto phantom = generatePhantom(prescreen::test::smallOptions(kind, seed));
            const auto input = dualEnergyInput(phantom.scan.views.front());
            const auto& truth = phantom.truth;
            const double kgPerGcm2 = truth.pixelSpacingMm[0] * truth.pixelSpacingMm[1] / 1e5;
            for (const auto& object : truth.objects) {
                const auto mask = prescreen::test::objectMask(phantom, object.id);
                const auto result =
                    analyseMaterials(renderer, input, truth.pixelSpacingMm, mask.view());
                // The region holds the object and the packaging cover in front of / behind it.
                const double expected =
                    object.massKg + truth.packagingCoverGcm2 * object.pixels * kgPerGcm2;
                INFO(phantomKindName(kind)
                     << " seed " << seed << " object " << object.id << " " << object.material << " "
                     << object.thicknessCm << " cm: estimate " << result.mass.massKg << " +- "
                     << result.mass.uncertaintyKg << " kg, truth " << expected);
                CHECK(result.mass.objectPixels == object.pixels);
                if (object.impenetrable) {
                    CHECK(result.mass.lowerBoundOnly());
                    CHECK(result.mass.massKg <= expected);
                } else {
                    CHECK_FALSE(result.mass.lowerBoundOnly());
                    CHECK(std::abs(result.mass.massKg - expected) <= result.mass.uncertaintyKg);
                    CHECK(result.mass.uncertaintyKg < 0.4 * expected);
                }
            }
        }
    }
}

TEST_CASE("the whole parcel's mass and composition", "[materials][analysis]") {
    const MaterialRenderer renderer;
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 12 && checked < 4; ++seed) {
        const auto phantom = generatePhantom({PhantomKind::Parcel, seed, 0, 0});
        const auto input = dualEnergyInput(phantom.scan.views.front());
        const auto result = analyseMaterials(renderer, input, phantom.truth.pixelSpacingMm);
        if (result.mass.lowerBoundOnly())
            continue; // lead in it: the total is a lower bound only
        ++checked;
        INFO("seed " << seed << ": " << result.mass.massKg << " +- " << result.mass.uncertaintyKg
                     << " kg, truth " << phantom.truth.totalMassKg);
        CHECK(std::abs(result.mass.massKg - phantom.truth.totalMassKg) <=
              result.mass.uncertaintyKg);
        const auto& c = result.composition;
        double fractions = 0;
        for (int i = 1; i < kMaterialClassCount; ++i)
            fractions += c.pixelFraction(static_cast<MaterialClass>(i));
        CHECK(fractions == Approx(1.0));
        CHECK(c.massFraction(MaterialClass::Organic) > 0);
        CHECK(c.massFraction(MaterialClass::Metal) > 0);
        CHECK(c.massFraction(MaterialClass::Background) == 0);
    }
    CHECK(checked >= 2);
}

TEST_CASE("dense and impenetrable regions are found", "[materials][analysis]") {
    const MaterialRenderer renderer;
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        const auto phantom = generatePhantom({PhantomKind::Pallet, seed, 0, 0});
        const auto input = dualEnergyInput(phantom.scan.views.front());
        const auto spacing = phantom.truth.pixelSpacingMm;
        const auto impenetrable = findDenseRegions(
            renderer, input, spacing, {renderer.calibration().impenetrableAttenuation, 500});
        // The pallet's deck and blocks are impenetrable edge-on, and so is every lead object.
        CHECK_FALSE(impenetrable.empty());
        for (std::size_t i = 1; i < impenetrable.size(); ++i)
            CHECK(impenetrable[i - 1].areaMm2 >= impenetrable[i].areaMm2);
        for (const auto& object : phantom.truth.objects) {
            if (!object.impenetrable)
                continue;
            bool found = false;
            for (const auto& r : impenetrable) {
                found =
                    found || (r.box.x <= object.box.x + 5 && r.box.y <= object.box.y + 5 &&
                              r.box.x + r.box.width >= object.box.x + object.box.width - 5 &&
                              r.box.y + r.box.height >= object.box.y + object.box.height - 5 &&
                              r.impenetrableFraction > 0.9 &&
                              r.meanAttenuation >= renderer.calibration().impenetrableAttenuation);
            }
            INFO("seed " << seed << " lead object " << object.id);
            CHECK(found);
        }
    }
}

TEST_CASE("analysis rejects bad input", "[materials][analysis]") {
    const MaterialRenderer renderer;
    Image high(PixelFormat::Gray16, 10, 10), low(PixelFormat::Gray16, 11, 10);
    Image mask(PixelFormat::Gray8, 5, 5);
    const DualEnergyInput good{high.view(), high.view(), 100, 100};
    CHECK_THROWS_AS(analyseMaterials(renderer, {high.view(), low.view(), 100, 100}, {1, 1}),
                    prescreen::Error);
    CHECK_THROWS_AS(analyseMaterials(renderer, good, {0, 1}), prescreen::Error);
    CHECK_THROWS_AS(analyseMaterials(renderer, good, {1, 1}, mask.view()), prescreen::Error);
    CHECK_THROWS_AS(findDenseRegions(renderer, {high.view(), high.view(), 0, 100}, {1, 1}),
                    prescreen::Error);
    CHECK_NOTHROW(analyseMaterials(renderer, good, {1, 1}));
}
