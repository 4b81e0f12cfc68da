#pragma once
// `prescreen-hq demo DIR`: everything a newcomer needs to see HQ work, in one folder.

#include <filesystem>
#include <string>
#include <vector>

namespace prescreen::core::hq {

struct HqDemoCredential {
    std::string badge;
    std::string roles;
    std::string password; ///< demo only
};

struct HqDemoReport {
    std::filesystem::path database; ///< DIR/hq.db
    std::filesystem::path pki;      ///< DIR/pki: ca.crt, crl.pem, hq.*, ws-demo-01.*, ...
    std::filesystem::path scans;    ///< DIR/hq-scans
    int cases = 0;
    int scanFiles = 0;
    std::vector<HqDemoCredential> officers;
    std::vector<std::string> problems;
};

/// Builds DIR (which must not hold a demo already: Conflict): the demo PKI by running
/// `makePkiScript` (packaging/make-pki.sh), a demo workstation site's phantom scans and
/// manifests (core::buildDemoSite in DIR/site), and hq.db with the same officers (so a
/// workstation built by `prescreen-cli demo-site` pushes under known badges) and the cases
/// addressed to every site. Throws prescreen::Error saying which step failed.
HqDemoReport buildHqDemo(const std::filesystem::path& folder,
                         const std::filesystem::path& makePkiScript);

/// Runs packaging/make-pki.sh OUTDIR [--workstation CN]... without a shell; throws
/// prescreen::Error (Io) with its exit status if it fails.
void runMakePki(const std::filesystem::path& script, const std::filesystem::path& outDir,
                const std::vector<std::string>& workstations = {});

} // namespace prescreen::core::hq
