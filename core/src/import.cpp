#include <prescreen/core/import.h>
#include <prescreen/core/scan_evidence.h>
#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/tdr/tdr.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace prescreen::core {
namespace {

struct OpenedScan {
    imaging::Scan scan;
    bool used = false;
};

std::vector<ScanSource> sourcesOf(const imaging::Scan& scan) {
    std::vector<ScanSource> sources;
    std::set<std::filesystem::path> seen;
    for (const auto& view : scan.views)
        for (const auto& plane : view.planes)
            if (!plane.sourceFile.empty() && seen.insert(plane.sourceFile).second)
                sources.push_back({plane.sourceFile, plane.sopInstanceUid,
                                   scan.metadata.sopClassUid, scan.metadata.scanInstanceUid});
    for (const auto& file : scan.files)
        if (seen.insert(file).second)
            sources.push_back({file, "", scan.metadata.sopClassUid, scan.metadata.scanInstanceUid});
    return sources;
}

constexpr const char* kTdrSopClass = "1.2.840.10008.5.1.4.1.1.501.3";

/// A scanner's MACHINE report found among the scan paths.
struct MachineReport {
    std::filesystem::path file;
    imaging::tdr::Report report;
    bool used = false;
};

/// Reads `file` as a MACHINE TDR; nullopt for anything else (images, other reports, junk).
std::optional<MachineReport> machineReport(const std::filesystem::path& file) {
    try {
        auto report = imaging::tdr::readReport(file);
        if (report.tdrType == "MACHINE")
            return MachineReport{file, std::move(report)};
    } catch (const Error&) {
    }
    return std::nullopt;
}

/// Whether a MACHINE report belongs to a scan: the same scan (Study Instance UID) or a reference
/// to one of its image instances.
bool reportsOn(const imaging::tdr::Report& report, const imaging::Scan& scan) {
    if (!report.studyInstanceUid.empty() &&
        report.studyInstanceUid == scan.metadata.scanInstanceUid)
        return true;
    std::set<std::string> instances;
    for (const auto& view : scan.views)
        for (const auto& plane : view.planes)
            if (!plane.sopInstanceUid.empty())
                instances.insert(plane.sopInstanceUid);
    const auto refers = [&](const std::vector<imaging::tdr::ImageReference>& images) {
        return std::any_of(images.begin(), images.end(), [&](const auto& image) {
            return instances.count(image.sopInstanceUid) > 0;
        });
    };
    return refers(report.images) ||
           std::any_of(report.threats.begin(), report.threats.end(),
                       [&](const auto& pto) { return refers(pto.images); });
}

// Valid records lose their place in the file, so they are named by cargo control number.
std::string recordName(const Manifest& manifest) {
    return "CCN " + manifest.cargoControlNumber;
}

} // namespace

ImportReport importShipments(Service& service, const ManifestBatch& batch,
                             const std::vector<std::filesystem::path>& scanPaths,
                             const RuleSet& rules, const imaging::materials::ProfileSet& profiles) {
    ImportReport report;
    report.problems = batch.problems;
    report.manifestsRead = static_cast<int>(batch.records.size());

    std::vector<OpenedScan> scans;
    std::vector<MachineReport> machines;
    std::set<std::filesystem::path> seenReports;
    const auto addMachine = [&](const std::filesystem::path& file) {
        std::error_code error;
        const auto canonical = std::filesystem::weakly_canonical(file, error);
        if (!seenReports.insert(error ? file : canonical).second)
            return false;
        if (auto found = machineReport(file)) {
            machines.push_back(std::move(*found));
            return true;
        }
        return false;
    };
    for (const auto& path : scanPaths) {
        try {
            if (std::filesystem::is_directory(path)) {
                auto contents = imaging::openFolder(path);
                for (auto& scan : contents.scans)
                    scans.push_back({std::move(scan)});
                // Scan folders often hold sidecars (ground truth, notes): worth a word only.
                // A scanner's MACHINE report is taken with its scan below.
                for (const auto& skipped : contents.skipped)
                    if (!addMachine(skipped.file))
                        report.warnings.push_back(skipped.file.string() +
                                                  ": skipped, not a scan: " + skipped.reason);
            } else if (addMachine(path)) {
                continue; // a report named on its own
            } else {
                scans.push_back({imaging::openScan(path)});
                // Reports written beside the image file (the scanner's export folder).
                std::error_code error;
                for (const auto& entry : std::filesystem::directory_iterator(
                         path.parent_path().empty() ? std::filesystem::path(".")
                                                    : path.parent_path(),
                         error))
                    if (entry.is_regular_file(error) && entry.path() != path)
                        addMachine(entry.path());
            }
        } catch (const Error& error) {
            report.problems.push_back({path.string(), "", "", error.what()});
        }
    }
    // A scan may be reached twice (a file and its folder): keep one per scan instance.
    std::multimap<std::string, std::size_t> byLink;
    std::set<std::string> instances;
    for (std::size_t i = 0; i < scans.size(); ++i) {
        const auto& metadata = scans[i].scan.metadata;
        if (!metadata.scanInstanceUid.empty() && !instances.insert(metadata.scanInstanceUid).second)
            scans[i].used = true;
        for (const auto& link : {metadata.objectId, metadata.itineraryId})
            if (!link.empty())
                byLink.emplace(link, i);
    }

    for (std::size_t r = 0; r < batch.records.size(); ++r) {
        const auto& manifest = batch.records[r];
        const auto name = recordName(manifest);
        std::vector<ScanSource> sources;
        std::optional<ScanEvidence> evidence;
        int matched = 0;
        auto [first, last] = byLink.equal_range(manifest.scanLinkId);
        std::set<std::size_t> indices;
        for (auto it = first; it != last; ++it)
            indices.insert(it->second);
        for (const auto index : indices) {
            auto& opened = scans[index];
            if (opened.used)
                continue;
            opened.used = true;
            ++matched;
            for (auto& source : sourcesOf(opened.scan))
                sources.push_back(std::move(source));
            for (auto& machine : machines)
                if (!machine.used && reportsOn(machine.report, opened.scan)) {
                    machine.used = true;
                    ++report.machineReports;
                    sources.push_back({machine.file, machine.report.sopInstanceUid, kTdrSopClass,
                                       machine.report.studyInstanceUid});
                }
            if (!evidence) {
                try {
                    evidence = analyseScan(opened.scan, profiles);
                } catch (const Error& error) {
                    report.warnings.push_back(name + ": scan not analysed, risk from the " +
                                              "manifest only: " + error.what());
                }
            }
        }
        if (matched == 0)
            report.warnings.push_back(name + ": no scan with link id \"" + manifest.scanLinkId +
                                      "\" among the scan paths; imported without a scan");
        try {
            const RiskInput input{manifest,
                                  {service.importerShipmentCount(manifest.importer.businessNumber)},
                                  evidence};
            report.created.push_back(service.ingestCase(manifest, sources, rules.assess(input)));
            ++report.casesCreated;
            report.scansAttached += matched;
        } catch (const Error& error) {
            report.problems.push_back({"", name, "", error.what()});
        }
    }
    for (const auto& machine : machines)
        if (!machine.used)
            report.warnings.push_back(machine.file.string() +
                                      ": MACHINE threat report for a scan not imported (study " +
                                      machine.report.studyInstanceUid + "); not imported");
    for (const auto& opened : scans)
        if (!opened.used)
            report.warnings.push_back(
                "scan " + opened.scan.metadata.scanInstanceUid + " (" +
                (opened.scan.files.empty() ? std::string("?") : opened.scan.files[0].string()) +
                ", link id \"" + opened.scan.metadata.objectId +
                "\") matches no manifest; not imported");
    return report;
}

} // namespace prescreen::core
