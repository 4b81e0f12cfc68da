#include "phantom_scene.h"
#include "tables.h"

#include <prescreen/error.h>
#include <prescreen/imaging/materials/calibration.h>
#include <prescreen/imaging/materials/phantom.h>
#include <prescreen/imaging/materials/profile.h>

#include <cmath>
#include <random>

namespace prescreen::imaging::materials {
namespace {

constexpr double kReadNoiseCounts = 3.0;

/// The physics of one profile's phantom (see PhantomOptions::profile).
struct Physics {
    MaterialTable table;
    double gain = 1; ///< stored units per photon: variance = gain * I + read noise^2
    double kvpHigh = 160, kvpLow = 160;
    double thicknessScale = 1;
    double impenetrable = 0; ///< A_high from which an object is expected impenetrable
};

Physics physicsFor(const std::string& profile, double airHigh) {
    if (profile.empty() || profile == "parcel-160kv")
        return {
            builtinMaterialTable(), 1, 160, 160, 1, builtinCalibration().impenetrableAttenuation};
    for (const auto& c : builtinProfiles()) {
        if (c.profile.id != profile || c.profile.highEnergyKeV < 1000)
            continue;
        auto spectrum = *builtinMevMaterialTable().beam.spectrum;
        spectrum.highEndpointKeV = c.profile.highEnergyKeV;
        spectrum.lowEndpointKeV = c.profile.lowEnergyKeV;
        Physics physics{withBremsstrahlung(builtinMevMaterialTable(), spectrum),
                        airHigh / 1e6, // 10^6 photons per open-beam pixel
                        c.profile.highEnergyKeV,
                        c.profile.lowEnergyKeV,
                        6,
                        0};
        physics.impenetrable =
            detail::floorAttenuation({airHigh, physics.gain, kReadNoiseCounts * kReadNoiseCounts});
        return physics;
    }
    throw Error(ErrorCode::InvalidArgument,
                "phantom profile '" + profile +
                    "' is not a built-in profile (parcel-160kv, linac-6-4mev, linac-9-6mev)");
}

/// Mean transmission of each detector for every pixel key: keys 0-3 are the packaging zones,
/// key 4 + i is object i on the cover.
struct Transmissions {
    std::vector<double> high, low;
};

Transmissions transmissions(const detail::Scene& scene, const MaterialTable& table) {
    Transmissions t;
    const auto add = [&](std::vector<Layer> layers) {
        const auto a = modelAttenuation(table.beam, layers);
        t.high.push_back(std::exp(-a.high));
        t.low.push_back(std::exp(-a.low));
    };
    const auto layer = [&](const detail::Packaging& p) {
        return Layer{&table.find(p.material), p.massThicknessGcm2};
    };
    add({});
    add({layer(scene.cover)});
    add({layer(scene.wall)});
    add({scene.base.material.empty() ? Layer{&table.find("wood"), 0} : layer(scene.base)});
    for (const auto& object : scene.objects)
        add({layer(scene.cover),
             Layer{&table.find(object.material), object.densityGcm3 * object.thicknessCm}});
    return t;
}

std::uint16_t noisy(double mean, double gain, std::mt19937_64& random,
                    std::normal_distribution<double>& unit) {
    const double value =
        mean + std::sqrt(gain * mean + kReadNoiseCounts * kReadNoiseCounts) * unit(random);
    return static_cast<std::uint16_t>(std::clamp(std::lround(value), 0L, 65535L));
}

} // namespace

std::string detail::phantomUid(std::uint64_t seed, PhantomKind kind, std::uint64_t role) {
    const auto value =
        detail::mixSeed(seed ^ detail::mixSeed((static_cast<std::uint64_t>(kind) << 8) | role));
    return "2.25." + std::to_string(value);
}

void detail::writePhantomScan(const PhantomOptions& options, const std::string& deviceModel,
                              const PixelSpacingMm& spacing, PhantomPlane high, PhantomPlane low,
                              Phantom& phantom) {
    auto& truth = phantom.truth;
    const std::string kind = phantomKindName(options.kind);
    const std::string seed = std::to_string(options.seed);
    truth.scanInstanceUid = phantomUid(options.seed, options.kind, 1);
    truth.objectId = "PHANTOM-" + kind + "-" + seed;
    truth.itineraryId = "ITN-PHANTOM-" + seed;
    truth.carrierId = "PHANTOM-CARRIER";

    auto& meta = phantom.scan.metadata;
    meta.scanInstanceUid = truth.scanInstanceUid;
    meta.sopClassUid = "1.2.840.10008.5.1.4.1.1.501.2.2";
    meta.modality = "DX";
    meta.isDicos = true;
    meta.objectId = truth.objectId;
    meta.objectType = kind;
    meta.itineraryId = truth.itineraryId;
    meta.carrierId = truth.carrierId;
    meta.scanDateTime = "2026-01-15T08:30:00";
    meta.manufacturer = "Prescreen phantom";
    meta.deviceModel = deviceModel;
    meta.description = "Prescreen phantom " + kind + " seed " + seed;

    View view;
    view.index = 1;
    view.description = "SIDE";
    const auto add = [&](PlaneKind planeKind, PhantomPlane source, std::uint64_t role) {
        Plane plane;
        plane.kind = planeKind;
        plane.pixels = std::move(source.pixels);
        plane.pixelSpacingMm = spacing;
        plane.kvp = source.kvp;
        plane.energyKeV = source.energyKeV;
        plane.airValue = source.air;
        plane.intensityRelationship = IntensityRelationship::Linear;
        plane.sopInstanceUid = phantomUid(options.seed, options.kind, role);
        plane.seriesInstanceUid = phantomUid(options.seed, options.kind, role + 10);
        view.planes.push_back(std::move(plane));
    };
    add(PlaneKind::HighEnergy, std::move(high), 2);
    add(PlaneKind::LowEnergy, std::move(low), 3);
    phantom.scan.views.push_back(std::move(view));
}

MaterialClass PhantomObject::expectedClass() const noexcept {
    return impenetrable ? MaterialClass::Impenetrable : materialClass;
}

Phantom generatePhantom(const PhantomOptions& options) {
    if (options.kind == PhantomKind::Cargo)
        return detail::generateCargoPhantom(options);
    return generatePhantom(options, "parcel-160kv");
}

Phantom generatePhantom(const PhantomOptions& options, const std::string& profile) {
    // The cargo phantom has its own fixed 6/4 MeV physics (phantom_cargo.cpp).
    if (options.kind == PhantomKind::Cargo)
        return detail::generateCargoPhantom(options);
    const auto physics = physicsFor(profile, detail::Scene{}.airHigh);
    const auto& table = physics.table;
    auto scene = detail::buildScene(options, table, physics.thicknessScale);
    const auto t = transmissions(scene, table);
    const double impenetrable = physics.impenetrable;

    Image high(PixelFormat::Gray16, scene.width, scene.height);
    Image low(PixelFormat::Gray16, scene.width, scene.height);
    detail::forRowBands(scene.height, [&](int y0, int y1) {
        for (int y = y0; y < y1; ++y) {
            // One generator per row: identical pixels whatever the thread schedule.
            std::mt19937_64 random(
                detail::mixSeed(options.seed * 0x100000001B3ull + static_cast<std::uint64_t>(y)));
            std::normal_distribution<double> unit(0.0, 1.0);
            const auto* zone = scene.zones.row<std::uint8_t>(y);
            const auto* id = scene.objectIds.row<std::uint16_t>(y);
            auto* h = high.row<std::uint16_t>(y);
            auto* l = low.row<std::uint16_t>(y);
            for (int x = 0; x < scene.width; ++x) {
                const std::size_t key = id[x] != 0 ? 3u + id[x] : zone[x];
                h[x] = noisy(scene.airHigh * t.high[key], physics.gain, random, unit);
                l[x] = noisy(scene.airLow * t.low[key], physics.gain, random, unit);
            }
        }
    });

    Phantom phantom;
    auto& truth = phantom.truth;
    truth.kind = options.kind;
    truth.profile = profile;
    truth.seed = options.seed;
    truth.pixelSpacingMm = scene.spacing;
    truth.airHigh = scene.airHigh;
    truth.airLow = scene.airLow;
    truth.packagingMaterial = scene.cover.material;
    truth.packagingCoverGcm2 = scene.cover.massThicknessGcm2;
    truth.interior = scene.interior;
    const double kgPerGcm2 = scene.spacing[0] * scene.spacing[1] / 100.0 / 1000.0;
    std::array<std::int64_t, 4> zonePixels{};
    std::vector<std::int64_t> objectPixels(scene.objects.size() + 1, 0);
    for (int y = 0; y < scene.height; ++y) {
        const auto* zone = scene.zones.row<std::uint8_t>(y);
        const auto* id = scene.objectIds.row<std::uint16_t>(y);
        for (int x = 0; x < scene.width; ++x) {
            ++zonePixels[zone[x]];
            ++objectPixels[id[x]];
        }
    }
    for (auto& object : scene.objects) {
        object.pixels = objectPixels[static_cast<std::size_t>(object.id)];
        object.massKg = object.densityGcm3 * object.thicknessCm *
                        static_cast<double>(object.pixels) * kgPerGcm2;
        object.impenetrable =
            -std::log(t.high[static_cast<std::size_t>(3 + object.id)]) >= impenetrable;
        truth.objectsMassKg += object.massKg;
    }
    truth.packagingMassKg =
        (static_cast<double>(zonePixels[detail::ZoneCover]) * scene.cover.massThicknessGcm2 +
         static_cast<double>(zonePixels[detail::ZoneWall]) * scene.wall.massThicknessGcm2 +
         static_cast<double>(zonePixels[detail::ZoneBase]) * scene.base.massThicknessGcm2) *
        kgPerGcm2;
    truth.totalMassKg = truth.objectsMassKg + truth.packagingMassKg;
    truth.objects = std::move(scene.objects);
    truth.objectIds = std::move(scene.objectIds);

    detail::writePhantomScan(
        options, "phantom " + truth.profile, scene.spacing,
        {std::move(high), scene.airHigh, physics.kvpHigh, table.beam.highEffectiveKeV},
        {std::move(low), scene.airLow, physics.kvpLow, table.beam.lowEffectiveKeV}, phantom);
    return phantom;
}

} // namespace prescreen::imaging::materials
