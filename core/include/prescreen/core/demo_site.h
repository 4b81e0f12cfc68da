#pragma once
// A realistic demo site for newcomers, trainers and tests: officers of every role, phantom
// dual-energy scans with manifests (consistent ones, under-declared weights, commodities the
// X-ray contradicts, risky origins, trusted traders), assessed by the built-in rules, and a few
// historical decisions with examination results and a training set.

#include <filesystem>
#include <string>
#include <vector>

namespace prescreen::core {

struct DemoSiteOptions {
    int cases = 12;         ///< shipments to create (at least 4)
    unsigned long seed = 1; ///< same seed, same scans and manifests
    /// Password hashing cost; the demo normally uses the real (interactive) cost.
    bool fastPasswords = false;
};

struct DemoCredential {
    std::string badge;
    std::string roles;
    std::string password;
};

struct DemoSiteReport {
    std::filesystem::path database;
    int casesCreated = 0;
    int low = 0, medium = 0, high = 0;       ///< cases per risk level
    std::vector<DemoCredential> credentials; ///< demo only: printed and in DEMO-CREDENTIALS.txt
    std::vector<std::string> problems;       ///< anything that did not import
};

/// Builds the site in `folder` (created; must not hold a database already — Conflict).
/// Phantom scans are written to folder/incoming/, imported into the scan cache, and removed;
/// their ground truth stays in folder/truth/ and the manifests in folder/manifests.json.
DemoSiteReport buildDemoSite(const std::filesystem::path& folder, const DemoSiteOptions& options);

} // namespace prescreen::core
