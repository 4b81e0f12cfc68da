#pragma once
// The sync tests' world: a demo PKI (made once per run by packaging/make-pki.sh, workstation
// certificates ws-a, ws-b, ws-c), a real HQ server in-process on loopback, and workstations
// (store, cache, service) configured to reach it directly or through a FaultProxy.

#include <prescreen/core/service.h>
#include <prescreen/hq/server.h>
#include <prescreen/hq/sqlite_store.h>
#include <prescreen/sync/config.h>

#include <memory>
#include <string>
#include <test_support.h>

namespace prescreen::test::sync {

inline constexpr const char* kHqPassword = "hq-password-1";

/// The demo PKI folder.
const std::filesystem::path& pki();

/// HQ with a directory of officers: OFFA, OFFB, OFFC (officer), SUPA (supervisor).
struct Hq {
    TempDir dir;
    std::unique_ptr<core::hq::SqliteHqStore> store;
    std::unique_ptr<core::hq::Server> server;

    explicit Hq(const std::string& certificate = "hq");
    unsigned short port() const { return server->port(); }
    /// A case for `site` with scan files of the given sizes (random bytes); returns the HQ ids
    /// and fills `shas` with the files' SHA-256.
    std::string addCase(const std::string& site, const std::string& ccn,
                        const std::vector<std::size_t>& scanSizes,
                        std::vector<std::string>* shas = nullptr);
    /// decisions stored at HQ (all sites)
    std::int64_t count(const std::string& sql);
};

struct Workstation {
    TempDir dir;
    core::Store store{dir / "prescreen.sqlite3"};
    core::ScanCache cache{core::ScanCache::folderFor(store.file())};
    core::Service service{store, cache, core::systemClock(), core::PasswordCost::minimum()};
    prescreen::sync::SyncConfig config;

    /// Configured as `cn` (its certificate) for HQ at 127.0.0.1:`port`.
    Workstation(const std::string& cn, unsigned short port);
    std::int64_t count(const std::string& sql);
};

} // namespace prescreen::test::sync
