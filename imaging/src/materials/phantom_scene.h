#pragma once
// The geometry of a phantom before pixels: box, packaging zones and objects (imaging-internal).

#include <prescreen/imaging/materials/material_table.h>
#include <prescreen/imaging/materials/phantom.h>

#include <cstdint>
#include <string>
#include <vector>

namespace prescreen::imaging::materials::detail {

/// Zone codes of Scene::zones: what packaging the beam crosses at a pixel.
enum Zone : std::uint8_t { ZoneAir = 0, ZoneCover = 1, ZoneWall = 2, ZoneBase = 3 };

/// One packaging slab: a material and its mass thickness along the beam.
struct Packaging {
    std::string material;
    double massThicknessGcm2 = 0;
};

struct Scene {
    int width = 0, height = 0;
    PixelSpacingMm spacing{};
    double kvp = 160;
    double airHigh = 60000, airLow = 45000; ///< open-beam counts per pixel
    PixelRect interior;
    Packaging cover; ///< both faces of the box, over the whole interior
    Packaging wall;  ///< the box's sides seen edge-on (ZoneWall)
    Packaging base;  ///< pallet deck and blocks (ZoneBase)
    Image zones;     ///< Gray8 Zone per pixel
    Image objectIds; ///< Gray16 object id per pixel, 0 = none
    std::vector<PhantomObject> objects;
};

/// Lays out the box and objects from the options' seed (deterministic); object thicknesses are
/// the 160 kV ranges times `thicknessScale`.
Scene buildScene(const PhantomOptions& options, const MaterialTable& table,
                 double thicknessScale = 1);

/// The cargo phantom (phantom_cargo.cpp): its own scene and physics, 6 / 4 MeV.
Phantom generateCargoPhantom(const PhantomOptions& options);

/// The scan's and planes' UIDs of a phantom, from its seed, kind and role.
std::string phantomUid(std::uint64_t seed, PhantomKind kind, std::uint64_t role);

/// One energy plane of a phantom: stored linear transmission, its open-beam value and energies.
struct PhantomPlane {
    Image pixels;
    double air = 0;
    double kvp = 0;
    double energyKeV = 0;
};

/// Fills in what every phantom's scan carries: the truth's ids (scan UID, object, itinerary,
/// carrier) and the scan's metadata, then one SIDE view of the high and low planes (LIN, with
/// `spacing`). `deviceModel` names the physics ("linac 6/4 MeV").
void writePhantomScan(const PhantomOptions& options, const std::string& deviceModel,
                      const PixelSpacingMm& spacing, PhantomPlane high, PhantomPlane low,
                      Phantom& phantom);

/// Splits a 64-bit seed into well-mixed streams (splitmix64), for per-row noise generators.
std::uint64_t mixSeed(std::uint64_t value) noexcept;

} // namespace prescreen::imaging::materials::detail
