#include <prescreen/core/manifest.h>
#include <prescreen/core/risk.h>
#include <prescreen/core/scan_cache.h>
#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/hq/admin.h>
#include <prescreen/imaging/decode/open_scan.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace prescreen::core::hq {
namespace {

struct ScanFileInfo {
    std::filesystem::path file;
    std::string sopInstanceUid;
    std::string sopClassUid;
    std::string studyInstanceUid;
};

std::vector<ScanFileInfo> filesOf(const imaging::Scan& scan) {
    std::vector<ScanFileInfo> files;
    std::set<std::filesystem::path> seen;
    for (const auto& view : scan.views)
        for (const auto& plane : view.planes)
            if (!plane.sourceFile.empty() && seen.insert(plane.sourceFile).second)
                files.push_back({plane.sourceFile, plane.sopInstanceUid, scan.metadata.sopClassUid,
                                 scan.metadata.scanInstanceUid});
    for (const auto& file : scan.files)
        if (seen.insert(file).second)
            files.push_back({file, "", scan.metadata.sopClassUid, scan.metadata.scanInstanceUid});
    return files;
}

// Every folder under `root` (itself included) that directly holds files, quarantine excluded.
std::vector<std::filesystem::path> foldersWithFiles(const std::filesystem::path& root) {
    std::set<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.path().filename() == "quarantine" && entry.is_directory())
            continue;
        if (entry.is_regular_file() &&
            entry.path().string().find("/quarantine/") == std::string::npos)
            folders.insert(entry.path().parent_path());
    }
    return {folders.begin(), folders.end()};
}

std::string readText(const std::filesystem::path& file, std::size_t maxBytes) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::NotFound, "cannot open " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    if (text.str().size() > maxBytes)
        throw Error(ErrorCode::InvalidArgument,
                    file.string() + " is larger than " + std::to_string(maxBytes) + " bytes");
    return text.str();
}

} // namespace

bool isValidSite(const std::string& site) {
    if (site == "*")
        return true;
    if (site.empty() || site.size() > 64)
        return false;
    for (char c : site)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_'))
            return false;
    return true;
}

CaseImportReport importCases(HqStore& store, const std::string& site,
                             const std::filesystem::path& manifestFile,
                             const std::vector<std::filesystem::path>& scanPaths,
                             const std::filesystem::path& scanFolder) {
    if (!isValidSite(site))
        throw Error(ErrorCode::InvalidArgument,
                    "site '" + site + "' is neither * nor a certificate CN");
    CaseImportReport report;
    const auto batch = readManifestFile(manifestFile);
    for (const auto& problem : batch.problems)
        report.problems.push_back(problem.toString());

    std::vector<imaging::Scan> scans;
    const auto openPath = [&](const std::filesystem::path& path) {
        try {
            if (std::filesystem::is_directory(path)) {
                for (const auto& folder : foldersWithFiles(path)) {
                    auto contents = imaging::openFolder(folder);
                    for (auto& scan : contents.scans)
                        scans.push_back(std::move(scan));
                    for (const auto& skipped : contents.skipped)
                        report.warnings.push_back(skipped.file.string() +
                                                  ": skipped, not a scan: " + skipped.reason);
                }
            } else {
                scans.push_back(imaging::openScan(path));
            }
        } catch (const std::exception& error) {
            report.problems.push_back(path.string() + ": " + error.what());
        }
    };
    for (const auto& path : scanPaths)
        openPath(path);
    std::multimap<std::string, std::size_t> byLink;
    std::set<std::string> instances;
    for (std::size_t i = 0; i < scans.size(); ++i) {
        const auto& metadata = scans[i].metadata;
        if (!metadata.scanInstanceUid.empty() && !instances.insert(metadata.scanInstanceUid).second)
            continue; // the same scan reached twice
        for (const auto& link : {metadata.objectId, metadata.itineraryId})
            if (!link.empty())
                byLink.emplace(link, i);
    }

    ScanCache cache(scanFolder);
    for (const auto& manifest : batch.records) {
        const auto name = manifestFile.string() + ": CCN " + manifest.cargoControlNumber;
        try {
            std::vector<ScanRecord> records;
            auto scanJson = nlohmann::json::array();
            std::set<std::size_t> used;
            const auto [first, last] = byLink.equal_range(manifest.scanLinkId);
            for (auto it = first; it != last; ++it) {
                if (!used.insert(it->second).second)
                    continue;
                for (const auto& file : filesOf(scans[it->second])) {
                    const auto cached = cache.add(file.file);
                    records.push_back({cached.sha256, cached.sizeBytes,
                                       cached.path.lexically_relative(scanFolder)});
                    scanJson.push_back({{"sha256", cached.sha256},
                                        {"size", cached.sizeBytes},
                                        {"fileName", file.file.filename().string()},
                                        {"sopInstanceUid", file.sopInstanceUid},
                                        {"sopClassUid", file.sopClassUid},
                                        {"studyInstanceUid", file.studyInstanceUid}});
                }
            }
            if (records.empty())
                report.warnings.push_back(name + ": no scan with link id '" + manifest.scanLinkId +
                                          "'; the case has no scans");
            const auto caseId = newUuid();
            store.addCase(
                site, caseId,
                {{"caseId", caseId}, {"manifest", manifestToJson(manifest)}, {"scans", scanJson}},
                records);
            ++report.casesAdded;
            report.scanFiles += static_cast<int>(records.size());
        } catch (const Error& error) {
            report.problems.push_back(name + ": " + error.what());
        }
    }
    return report;
}

std::int64_t putOfficer(HqStore& store, const std::string& badge, const std::string& name,
                        Roles roles, bool active, const std::string& password, PasswordCost cost) {
    if (!isValidSite(badge) || badge == "*")
        throw Error(ErrorCode::InvalidArgument,
                    "badge '" + badge + "' must be 1 to 64 letters, digits, . - or _");
    if (name.empty() || name.size() > 200)
        throw Error(ErrorCode::InvalidArgument, "officer " + badge +
                                                    ": name must be 1 to 200 "
                                                    "characters");
    if (roles.bits() == 0)
        throw Error(ErrorCode::InvalidArgument, "officer " + badge + " needs at least one role");
    if (password.size() < 8 || password.size() > 1024)
        throw Error(ErrorCode::InvalidArgument,
                    "officer " + badge + ": password must be 8 to 1,024 bytes");
    return store.putOfficer({badge, name, roles, active, hashPassword(password, cost)});
}

std::int64_t publishRules(HqStore& store, const std::filesystem::path& file,
                          const std::string& site) {
    if (!isValidSite(site))
        throw Error(ErrorCode::InvalidArgument,
                    "site '" + site + "' is neither * nor a certificate CN");
    const auto text = readText(file, 4u << 20);
    const auto rules = RuleSet::parse(text, file.string());
    return store.appendFeed(site, "rules", rules.version(), nlohmann::json::parse(text));
}

} // namespace prescreen::core::hq
