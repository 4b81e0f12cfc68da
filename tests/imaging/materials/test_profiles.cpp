// Calibration profiles: the built-in set, the MeV physics behind the linac profiles, choosing a
// profile from a scan's DICOS attributes, and site profiles from a folder.

#include "test_support.h"

#include <prescreen/error.h>
#include <prescreen/imaging/materials/npy.h>
#include <prescreen/imaging/materials/phantom.h>
#include <prescreen/imaging/materials/profile.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace prescreen::imaging;
using namespace prescreen::imaging::materials;

namespace {

Scan scanWith(double kvpHigh, double kvpLow, std::string manufacturer = {},
              std::string model = {}) {
    Scan scan;
    scan.metadata.manufacturer = std::move(manufacturer);
    scan.metadata.deviceModel = std::move(model);
    View view;
    for (const auto& [kind, kvp] :
         {std::pair{PlaneKind::HighEnergy, kvpHigh}, std::pair{PlaneKind::LowEnergy, kvpLow}}) {
        Plane plane;
        plane.kind = kind;
        if (kvp > 0)
            plane.kvp = kvp;
        view.planes.push_back(std::move(plane));
    }
    scan.views.push_back(std::move(view));
    return scan;
}

const Calibration& builtin(const std::string& id) {
    for (const auto& c : builtinProfiles())
        if (c.profile.id == id)
            return c;
    FAIL("no built-in profile " << id);
    throw 0;
}

} // namespace

TEST_CASE("three built-in profiles with names and energies", "[materials][profiles]") {
    const auto& profiles = builtinProfiles();
    REQUIRE(profiles.size() == 3);
    CHECK(profiles[0].profile.id == "parcel-160kv");
    CHECK(profiles[1].profile.id == "linac-6-4mev");
    CHECK(profiles[2].profile.id == "linac-9-6mev");
    for (const auto& c : profiles) {
        CHECK_FALSE(c.profile.name.empty());
        CHECK_NOTHROW(validateCalibration(c, c.profile.id));
    }
    CHECK(profiles[1].profile.highEnergyKeV == 6000);
    CHECK(profiles[1].profile.lowEnergyKeV == 4000);
    CHECK(profiles[2].profile.highEnergyKeV == 9000);
}

TEST_CASE("R rises with Z at 160 kV and falls with Z at MeV", "[materials][profiles]") {
    for (const double a : {0.5, 1.0, 2.0, 4.0}) {
        INFO("A_high " << a);
        const auto& parcel = builtin("parcel-160kv");
        CHECK(parcel.boundaryRatio(18, a) > parcel.boundaryRatio(10, a));
        for (const char* id : {"linac-6-4mev", "linac-9-6mev"}) {
            INFO(id);
            const auto& c = builtin(id);
            // Pair production: the high-Z reference attenuates the high energy relatively more.
            CHECK(c.boundaryRatio(18, a) < c.boundaryRatio(10, a));
            CHECK(c.reference("steel").ratioAt(a) < c.boundaryRatio(18, a));
            CHECK(c.reference("sugar").ratioAt(a) > c.boundaryRatio(10, a));
            // The MeV ratios stay within a few percent of 1: why MeV needs its own calibration.
            CHECK(c.reference("sugar").ratioAt(a) < 1.25);
            CHECK(c.reference("steel").ratioAt(a) > 1.05);
        }
    }
}

TEST_CASE("the 9 / 6 MeV model agrees with the semiZ Geant4 calibration within 3 %",
          "[materials][profiles][semiz]") {
    const auto folder = prescreen::test::requireSharedData("calibration/semiZ");
    const auto alphaH = readNpy(folder / "alpha_H_calib.npy");
    const auto alphaL = readNpy(folder / "alpha_L_calib.npy");
    const auto lambda = readNpy(folder / "lmbda_calib.npy");
    auto spectrum = *builtinMevMaterialTable().beam.spectrum;
    spectrum.highEndpointKeV = 9000;
    spectrum.lowEndpointKeV = 6000;
    const auto table = withBremsstrahlung(builtinMevMaterialTable(), spectrum);
    // Columns: Z 6 (carbon; our nearest organic is polyethylene, Z 5.4), 26 (iron), 82 (lead).
    const std::array<const char*, 3> materials = {"polyethylene", "steel", "lead"};
    for (std::size_t column = 0; column < 3; ++column) {
        for (std::size_t row = 0; row < 100; row += 33) {
            const Layer layer{&table.find(materials[column]), lambda.at(row, column)};
            const auto a = modelAttenuation(table.beam, std::span<const Layer>(&layer, 1));
            const double measured = alphaL.at(row, column) / alphaH.at(row, column);
            INFO(materials[column] << " row " << row << ": model R " << a.low / a.high
                                   << ", semiZ R " << measured);
            CHECK(std::abs(a.low / a.high / measured - 1) < 0.03);
        }
    }
}

TEST_CASE("a profile is chosen from the scan's energies and scanner", "[materials][profiles]") {
    const auto& profiles = builtinProfiles();
    CHECK(selectProfile(profiles, scanWith(160, 160)).calibration->profile.id == "parcel-160kv");
    CHECK(selectProfile(profiles, scanWith(140, 140)).calibration->profile.id == "parcel-160kv");
    CHECK(selectProfile(profiles, scanWith(6000, 4000)).calibration->profile.id == "linac-6-4mev");
    CHECK(selectProfile(profiles, scanWith(9000, 6000)).calibration->profile.id == "linac-9-6mev");
    const auto unknown = selectProfile(profiles, scanWith(0, 0));
    CHECK(unknown.calibration->profile.id == "parcel-160kv");
    CHECK(unknown.reason.find("assumed") != std::string::npos);
    const auto far = selectProfile(profiles, scanWith(450, 450));
    CHECK(far.calibration == &profiles.front());
    CHECK(far.reason.find("no profile") != std::string::npos);
    CHECK_THROWS_AS(selectProfile({}, scanWith(160, 160)), prescreen::Error);

    const auto phantom = generatePhantom({PhantomKind::Parcel, 1, 400, 300}, "linac-9-6mev");
    CHECK(selectProfile(profiles, phantom.scan).calibration->profile.id == "linac-9-6mev");
}

TEST_CASE("a site profile from the data folder matches its scanner and can replace a built-in",
          "[materials][profiles]") {
    const prescreen::test::TempDir dir;
    const auto& folder = dir.path();
    auto site = builtin("linac-6-4mev");
    site.profile = {
        "site-acme-64", "ACME Cargo 6/4 (site calibration)", "ACME", "CX-6", 6000, 4000};
    std::ofstream(folder / "acme.json") << calibrationToJson(site);
    auto replaced = builtin("parcel-160kv");
    replaced.profile.name = "Parcel 160 kV (site measured)";
    std::ofstream(folder / "parcel.json") << calibrationToJson(replaced);
    std::ofstream(folder / "notes.txt") << "ignored";

    const auto profiles = loadProfiles(folder);
    REQUIRE(profiles.size() == 4);
    CHECK(profiles[0].profile.name == "Parcel 160 kV (site measured)");
    const auto choice = selectProfile(profiles, scanWith(6000, 4000, " acme ", "cx-6"));
    CHECK(choice.calibration->profile.id == "site-acme-64");
    CHECK(choice.reason.find("matches") != std::string::npos);
    // Another model of the same maker falls back to the energies.
    CHECK(selectProfile(profiles, scanWith(6000, 4000, "ACME", "CX-9")).calibration->profile.id ==
          "linac-6-4mev");
    CHECK(loadProfiles(folder / "absent").size() == 3);

    std::ofstream(folder / "zz-bad.json") << "{\"format\": \"prescreen-calibration\"}";
    try {
        loadProfiles(folder);
        FAIL("a bad site profile was accepted");
    } catch (const prescreen::Error& error) {
        CHECK(std::string(error.what()).find("zz-bad.json") != std::string::npos);
    }
}
