#pragma once
// What HQ's operators do besides serving (prescreen-hq import / officer / rules / demo): each
// validates its input, changes the store in one transaction per record and says what it did.

#include <prescreen/core/password.h>
#include <prescreen/hq/store.h>

#include <filesystem>
#include <string>
#include <vector>

namespace prescreen::core::hq {

/// True for "*" and for names a workstation certificate CN may have (letters, digits, '.', '-',
/// '_', 1 to 64 characters).
bool isValidSite(const std::string& site);

struct CaseImportReport {
    int casesAdded = 0;
    int scanFiles = 0;                 ///< files copied into the scan folder and registered
    std::vector<std::string> problems; ///< records or files not imported, with file and field
    std::vector<std::string> warnings; ///< imported, but worth a word (a case without scans)
};

/// Adds the manifests' cases to the feed for `site` ("*": every site). Scans (files, or folders
/// searched recursively) are matched to manifests by scan link id (DICOS OOI ID or Itinerary
/// ID), copied into the content-addressed `scanFolder` and registered by their path relative to
/// it (serve with the same ServerOptions::scanFolder). Bad records are reported
/// and skipped; the rest are added.
CaseImportReport importCases(HqStore& store, const std::string& site,
                             const std::filesystem::path& manifestFile,
                             const std::vector<std::filesystem::path>& scanPaths,
                             const std::filesystem::path& scanFolder);

/// Adds or replaces an officer in the directory (and the feed). Throws prescreen::Error
/// (InvalidArgument) for a bad badge, no role, or a password outside 8 to 1,024 bytes.
std::int64_t putOfficer(HqStore& store, const std::string& badge, const std::string& name,
                        Roles roles, bool active, const std::string& password,
                        PasswordCost cost = PasswordCost::interactive());

/// Publishes a rules file to `site` after core::RuleSet::parse accepted it; returns the feed
/// seq. Throws prescreen::Error (BadFormat) naming the file, rule and field otherwise.
std::int64_t publishRules(HqStore& store, const std::filesystem::path& file,
                          const std::string& site = "*");

} // namespace prescreen::core::hq
