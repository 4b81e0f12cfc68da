#include "test_support.h"

#include <prescreen/core/risk.h>
#include <prescreen/core/scan_evidence.h>
#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/materials/analysis.h>
#include <prescreen/imaging/materials/phantom.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace prescreen;
using namespace prescreen::core;
using imaging::materials::generatePhantom;
using imaging::materials::PhantomKind;

namespace {

double fractionSum(const ScanEvidence& e) {
    return e.organicFraction + e.inorganicFraction + e.metalFraction + e.impenetrableFraction +
           e.undecidedFraction;
}

int impenetrableObjects(const imaging::materials::PhantomTruth& truth) {
    return static_cast<int>(std::count_if(truth.objects.begin(), truth.objects.end(),
                                          [](const auto& o) { return o.impenetrable; }));
}

/// A single-energy scan made of the phantom's high-energy plane alone.
imaging::Scan singleEnergyCopy(const imaging::Scan& scan) {
    const imaging::Plane& high = *scan.views.front().find(imaging::PlaneKind::HighEnergy);
    imaging::Plane plane;
    plane.kind = imaging::PlaneKind::Single;
    plane.pixels = high.pixels.clone();
    plane.pixelSpacingMm = high.pixelSpacingMm;
    plane.airValue = high.airValue;
    imaging::Scan single;
    single.metadata = scan.metadata;
    single.views.resize(1);
    single.views.front().planes.push_back(std::move(plane));
    return single;
}

} // namespace

TEST_CASE("parcel scans read from DICOS give the mass within its uncertainty", "[scan_evidence]") {
    test::TempDir folder;
    int withLead = 0, withoutLead = 0;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const auto phantom = generatePhantom({PhantomKind::Parcel, seed, 0, 0});
        const auto files = imaging::materials::writePhantom(phantom, folder.path());
        const auto scan = imaging::openScan(files.high); // finds the low-energy sibling
        const auto e = analyseScan(scan);
        const auto& truth = phantom.truth;
        INFO("seed " << seed << ": " << e.estimatedMassKg << " +- " << e.massUncertaintyKg
                     << " kg, truth " << truth.totalMassKg << ", regions "
                     << e.impenetrableRegions);
        CHECK(e.dualEnergy);
        CHECK(fractionSum(e) == Approx(1.0));
        CHECK(e.organicFraction > 0.5); // parcels hold mostly organic goods
        CHECK(e.massUncertaintyKg > 0);
        const int lead = impenetrableObjects(truth);
        if (lead == 0) {
            ++withoutLead;
            CHECK_FALSE(e.massLowerBoundOnly);
            CHECK(std::abs(e.estimatedMassKg - truth.totalMassKg) <= e.massUncertaintyKg);
            CHECK(e.massUncertaintyKg < 0.2 * truth.totalMassKg);
            CHECK(e.impenetrableRegions == 0);
            CHECK(e.largestImpenetrableAreaMm2 == 0);
        } else {
            ++withLead;
            CHECK(e.massLowerBoundOnly);
            CHECK(e.estimatedMassKg <= truth.totalMassKg + e.massUncertaintyKg);
            CHECK(e.impenetrableRegions >= 1);
            CHECK(e.impenetrableRegions <= lead);
            CHECK(e.largestImpenetrableAreaMm2 >= 100);
            CHECK(e.impenetrableFraction > 0);
        }
    }
    CHECK(withoutLead >= 2);
    CHECK(withLead >= 1);
}

TEST_CASE("pallets and containers: lower bounds and their own impenetrable frame",
          "[scan_evidence]") {
    for (const auto kind : {PhantomKind::Pallet, PhantomKind::Container}) {
        for (const std::uint64_t seed : {1u, 2u}) {
            const auto phantom =
                generatePhantom({kind, seed, kind == PhantomKind::Container ? 3000 : 0, 0});
            const auto e = analyseScan(phantom.scan);
            INFO(imaging::materials::phantomKindName(kind)
                 << " seed " << seed << ": " << e.estimatedMassKg << " +- " << e.massUncertaintyKg
                 << " kg, truth " << phantom.truth.totalMassKg);
            CHECK(e.dualEnergy);
            CHECK(e.massLowerBoundOnly);
            CHECK(e.estimatedMassKg <= phantom.truth.totalMassKg + e.massUncertaintyKg);
            CHECK(e.estimatedMassKg > 0.3 * phantom.truth.totalMassKg);
            CHECK(e.impenetrableRegions >= 1);
            CHECK(fractionSum(e) == Approx(1.0));
        }
    }
}

TEST_CASE("a single-energy scan tells impenetrable regions only", "[scan_evidence]") {
    // Pallet seed 4 holds lead objects besides its deck.
    const auto phantom = generatePhantom({PhantomKind::Pallet, 4, 0, 0});
    const auto dual = analyseScan(phantom.scan);
    const auto single = analyseScan(singleEnergyCopy(phantom.scan));
    CHECK_FALSE(single.dualEnergy);
    CHECK(single.estimatedMassKg == 0);
    CHECK(single.massUncertaintyKg == 0);
    CHECK(fractionSum(single) == 0);
    // The finder reads the high-energy plane only, so both paths find the same regions.
    CHECK(single.impenetrableRegions == dual.impenetrableRegions);
    CHECK(single.largestImpenetrableAreaMm2 == dual.largestImpenetrableAreaMm2);
    CHECK(single.impenetrableRegions > 1);
}

TEST_CASE("scans that cannot be measured are refused with a reason", "[scan_evidence]") {
    auto phantom = generatePhantom({PhantomKind::Parcel, 1, 400, 300});
    imaging::Scan noSpacing = singleEnergyCopy(phantom.scan);
    noSpacing.views.front().planes.front().pixelSpacingMm.reset();
    CHECK_THROWS_WITH(analyseScan(noSpacing), Catch::Contains("no pixel spacing"));

    for (auto& plane : phantom.scan.views.front().planes)
        plane.pixelSpacingMm.reset();
    CHECK_THROWS_WITH(analyseScan(phantom.scan), Catch::Contains("no pixel spacing"));

    imaging::Scan empty;
    CHECK_THROWS_AS(analyseScan(empty), Error);
    imaging::Scan zOnly;
    zOnly.views.resize(1);
    zOnly.views.front().planes.resize(1);
    zOnly.views.front().planes.front().kind = imaging::PlaneKind::ZEffective;
    CHECK_THROWS_WITH(analyseScan(zOnly), Catch::Contains("no view has"));
}

TEST_CASE("scan evidence drives the mass and composition rules", "[scan_evidence][risk]") {
    const auto phantom = generatePhantom({PhantomKind::Parcel, 1, 0, 0});
    const auto evidence = analyseScan(phantom.scan);
    REQUIRE_FALSE(evidence.massLowerBoundOnly);
    Manifest manifest;
    manifest.origin = "NL";
    manifest.lines = {{"610910", "cotton T-shirts", 50, "PCS", 0, 400, "CAD"}};
    const auto fired = [&](double declaredKg) {
        manifest.lines.front().weightKg = declaredKg;
        const auto a = RuleSet::builtin().assess({manifest, {5}, evidence});
        for (const auto& f : a.factors) {
            if (f.ruleId == "scan-heavier-than-declared")
                return f.evidence;
        }
        return std::string();
    };
    CHECK(fired(phantom.truth.totalMassKg).empty());
    const std::string evidenceText = fired(phantom.truth.totalMassKg / 3);
    INFO(evidenceText);
    CHECK(evidenceText.find("X-ray estimate ") != std::string::npos);
    CHECK(evidenceText.find(" ± ") != std::string::npos);
}

TEST_CASE("a single-energy radiograph from WG-04", "[scan_evidence]") {
    const auto file = test::requireSharedData("dicom/wg04/RG2_UNC.dcm");
    const auto scan = imaging::readScanFile(file);
    const auto first = analyseScan(scan);
    const auto again = analyseScan(scan);
    CHECK_FALSE(first.dualEnergy);
    CHECK(first.estimatedMassKg == 0);
    CHECK(fractionSum(first) == 0);
    // The same as imaging's finder at the calibration's impenetrable level over the one plane.
    const auto& plane = scan.views.front().planes.front();
    REQUIRE(plane.pixelSpacingMm);
    const imaging::materials::MaterialRenderer renderer;
    const auto pixels = plane.pixels.view();
    const double air =
        plane.airValue ? *plane.airValue : imaging::materials::estimateAirValue(pixels);
    const auto regions = imaging::materials::findDenseRegions(
        renderer, {pixels, pixels, air, air}, *plane.pixelSpacingMm,
        {renderer.calibration().impenetrableAttenuation, 100});
    CHECK(first.impenetrableRegions == static_cast<int>(regions.size()));
    CHECK((first.impenetrableRegions > 0) == (first.largestImpenetrableAreaMm2 >= 100));
    CHECK(again.impenetrableRegions == first.impenetrableRegions);
    CHECK(again.largestImpenetrableAreaMm2 == first.largestImpenetrableAreaMm2);

    // Without mass or material facts, only the greyscale rules can fire.
    Manifest manifest;
    manifest.lines = {{"610910", "cotton T-shirts", 1, "PCS", 0.5, 40, "CAD"}};
    const auto a = RuleSet::builtin().assess({manifest, {5}, first});
    for (const auto& f : a.factors) {
        INFO(f.ruleId);
        const bool greyscaleRule =
            f.ruleId.rfind("scan-", 0) != 0 || f.ruleId.find("impenetrable") != std::string::npos;
        CHECK(greyscaleRule);
    }
}
