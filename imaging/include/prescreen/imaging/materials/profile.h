#pragma once
// Calibration profiles: one calibration per scanner type, recognised from a scan's DICOS
// attributes (Manufacturer, Manufacturer's Model Name, KVP / detector energies). Built in: a
// 160 kV parcel / baggage system and 6 / 4 MeV and 9 / 6 MeV linac cargo systems (modelled, see
// docs/materials.md); a site adds its own as calibration files with a "profile" object in its
// data folder (<data directory>/calibration/*.json), which win over the built-in ones.

#include <prescreen/imaging/materials/calibration.h>
#include <prescreen/imaging/scan.h>

#include <filesystem>
#include <string>
#include <vector>

namespace prescreen::imaging::materials {

/// An ordered set of profiles; the first is the default for scans that say nothing usable.
using ProfileSet = std::vector<Calibration>;

/// The built-in profiles, in this order: parcel-160kv (the default), linac-6-4mev, linac-9-6mev.
const ProfileSet& builtinProfiles();

/// The built-in profiles followed by every *.json calibration in `folder` (sorted by name), each
/// of which must carry a "profile" object; a site profile with a built-in id replaces it. A
/// missing folder adds nothing. Throws prescreen::Error (BadFormat) naming the file and field.
ProfileSet loadProfiles(const std::filesystem::path& folder);

/// The nominal energies a scan states, in keV: the highest and lowest KVP of its planes (a linac
/// writing 6 MV as KVP 6000), else the planes' detector energies; 0 when unknown.
struct ScanEnergies {
    double highKeV = 0;
    double lowKeV = 0;
};
ScanEnergies scanEnergies(const Scan& scan);

struct ProfileChoice {
    const Calibration* calibration = nullptr; ///< points into the ProfileSet
    std::string reason;                       ///< how it was chosen, for logs and the case view
};

/// Chooses a profile for a scan: a profile whose manufacturer and model both match (any case,
/// surrounding blanks ignored) wins, the closest in energy if several; else among profiles
/// without a manufacturer the one whose nominal energies are closest (ratio within a factor of
/// 1.5 of the stated high energy); else the set's first (default), saying so.
/// Throws prescreen::Error (InvalidArgument) for an empty set.
ProfileChoice selectProfile(const ProfileSet& profiles, const Scan& scan);

} // namespace prescreen::imaging::materials
