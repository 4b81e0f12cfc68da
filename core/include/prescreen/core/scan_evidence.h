#pragma once
// From a decoded scan to the facts the risk engine weighs: mass, composition and impenetrable
// regions, through imaging's calibrated dual-energy analysis.

#include <prescreen/core/risk.h>
#include <prescreen/imaging/materials/profile.h>
#include <prescreen/imaging/scan.h>

namespace prescreen::core {

/// Analyses the first view with a high- and low-energy plane (whole object) with the calibration
/// profile `profiles` choose for the scan (imaging::materials::selectProfile) and the noise
/// measured in its pixels; the evidence names the profile. A single-energy scan gives
/// dualEnergy = false and only what greyscale can tell (impenetrable regions). Throws
/// prescreen::Error (Unsupported) when no plane has a pixel spacing or no view can be analysed;
/// callers then assess the manifest alone.
ScanEvidence
analyseScan(const imaging::Scan& scan,
            const imaging::materials::ProfileSet& profiles = imaging::materials::builtinProfiles());

} // namespace prescreen::core
