#pragma once
// Bringing shipments onto the site: manifests matched to their scans by the scan link id (the
// DICOS OOI ID or Itinerary ID), each scan analysed, each shipment risk-assessed and stored as a
// case. One bad record or file is reported and skipped; the rest still import.

#include <prescreen/core/manifest.h>
#include <prescreen/core/risk.h>
#include <prescreen/core/service.h>
#include <prescreen/imaging/materials/profile.h>

#include <filesystem>
#include <string>
#include <vector>

namespace prescreen::core {

struct ImportReport {
    int manifestsRead = 0; ///< valid manifest records offered
    int casesCreated = 0;
    int scansAttached = 0;  ///< scans (not files) matched to a created case
    int machineReports = 0; ///< scanners' MACHINE TDRs attached with their scans
    std::vector<Case> created;
    std::vector<ManifestProblem> problems; ///< manifest, scan and store errors: nothing imported
    std::vector<std::string> warnings;     ///< imported, but worth a look (no scan, analysis off)
};

/// Opens every scan path (files or folders), matches scans to the batch's valid records by
/// scan link id, attaches the scanners' MACHINE threat reports found among the paths or beside
/// an image file to the scan they report on (same Study Instance UID or a referenced image),
/// assesses risk with `rules`, and ingests each record as a case. Problems already in `batch` are
/// carried into the report.
/// Each scan is analysed with the calibration profile `profiles` choose for it.
ImportReport importShipments(
    Service& service, const ManifestBatch& batch,
    const std::vector<std::filesystem::path>& scanPaths, const RuleSet& rules,
    const imaging::materials::ProfileSet& profiles = imaging::materials::builtinProfiles());

} // namespace prescreen::core
