#pragma once
// Phantom dual-energy scans for tests and demos: a parcel, pallet or container with objects of
// known material, thickness and position placed from a seed (same seed => identical pixels),
// detector noise, and the ground truth. Returned in memory (a Scan with one view holding HIGH
// and LOW planes) and writable as two DICOS DX files plus a JSON sidecar.

#include <prescreen/imaging/image.h>
#include <prescreen/imaging/materials/analysis.h>
#include <prescreen/imaging/scan.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::imaging::materials {

/// Parcel, pallet and container are 160 kV baggage-scanner phantoms; Cargo is a loaded 40-ft
/// sea container on a truck scanned by a 6 / 4 MeV linear accelerator: steel walls, chassis,
/// wheels and engine, pallets dense enough to reach 1e-4 transmission with gaps between them,
/// hidden dense items overlapping the load, and Poisson photon noise (docs/materials.md).
enum class PhantomKind { Parcel, Pallet, Container, Cargo };

/// "parcel", "pallet", "container", "cargo"
const char* phantomKindName(PhantomKind kind) noexcept;
std::optional<PhantomKind> parsePhantomKind(std::string_view name) noexcept;

struct PhantomOptions {
    PhantomKind kind = PhantomKind::Parcel;
    std::uint64_t seed = 1;
    /// columns; 0 = the kind's default (parcel 2000, pallet 1600, container 6000, cargo 3400)
    int width = 0;
    /// rows; 0 = the kind's default (parcel 1000, pallet 1400, container 2000, cargo 1040)
    int height = 0;
};

struct PhantomObject {
    int id = 0; ///< 1-based; the value of its pixels in PhantomTruth::objectIds
    std::string material;
    MaterialClass materialClass = MaterialClass::Organic;
    double zEff = 0;
    double densityGcm3 = 0;
    double thicknessCm = 0; ///< slab thickness along the beam
    PixelRect box;
    std::vector<std::array<int, 2>> polygon; ///< outline, pixel coordinates {x, y}
    std::int64_t pixels = 0;
    double massKg = 0; ///< ρ · t · (pixels × pixel area)
    /// Its pixels transmit less than the impenetrable level: expect that class, not its own.
    bool impenetrable = false;
    /// The class its interior should show: Impenetrable if `impenetrable`, else materialClass.
    MaterialClass expectedClass() const noexcept;
};

struct PhantomTruth {
    PhantomKind kind = PhantomKind::Parcel;
    std::string profile; ///< the profile id whose physics made the pixels
    std::uint64_t seed = 0;
    std::string scanInstanceUid, objectId, itineraryId, carrierId;
    PixelSpacingMm pixelSpacingMm{};
    double airHigh = 0, airLow = 0;
    std::string packagingMaterial; ///< the box / cover material
    double packagingCoverGcm2 = 0; ///< its mass thickness over the interior (both faces)
    PixelRect interior;            ///< the inside of the box
    std::vector<PhantomObject> objects;
    double objectsMassKg = 0;
    double packagingMassKg = 0; ///< cover, walls and base as imaged
    double totalMassKg = 0;
    Image objectIds; ///< Gray16: 0 outside objects, else the object's id
    /// Cargo: the gaps between neighbouring pallets where both stand (air between the walls).
    std::vector<PixelRect> gaps;
};

struct Phantom {
    Scan scan; ///< one view, planes HIGH then LOW, with airValue, kvp and pixelSpacingMm set
    PhantomTruth truth;
};

/// Generates the phantom; throws prescreen::Error (InvalidArgument) for a size below 200 × 200
/// or above 16384 × 16384.
Phantom generatePhantom(const PhantomOptions& options);
/// The same with the physics of a built-in profile (profile.h): "parcel-160kv" is the above; a
/// linac profile uses its bremsstrahlung beam, 10^6 photons per open-beam pixel, KVP = its
/// endpoints, and objects 6 times thicker (cargo loads, still penetrable at MeV). Throws
/// prescreen::Error (InvalidArgument) for another id.
Phantom generatePhantom(const PhantomOptions& options, const std::string& profile);

/// The ground-truth sidecar (objects, masses, the scan's ids) as JSON text.
std::string groundTruthJson(const PhantomTruth& truth);

struct PhantomFiles {
    std::filesystem::path high, low, truth;
};

/// Writes <kind>-<seed>-high.dcm, <kind>-<seed>-low.dcm (DICOS DX, explicit VR little endian)
/// and <kind>-<seed>-truth.json into `folder` (created if missing). Throws prescreen::Error (Io).
PhantomFiles writePhantom(const Phantom& phantom, const std::filesystem::path& folder);

} // namespace prescreen::imaging::materials
