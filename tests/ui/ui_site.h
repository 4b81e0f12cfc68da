#pragma once
// Sites for the UI tests. OfficerSite: an empty store with officers of two roles and cheap
// password hashing. DemoSite: core's demo site (phantom scans, manifests, risk), built once per
// test run and copied into a fresh folder for each test, so tests may change it freely.

#include "test_support.h"

#include <prescreen/core/scan_cache.h>
#include <prescreen/core/service.h>
#include <prescreen/core/store.h>

#include <string>

namespace prescreen::test {

inline constexpr const char* kOfficerPassword = "correct horse";

struct OfficerSite {
    TempDir dir;
    core::Store store{dir / "prescreen.sqlite3"};
    core::ScanCache cache{core::ScanCache::folderFor(store.file())};
    core::Service service{store, cache, core::systemClock(), core::PasswordCost::minimum()};

    /// Adds "ADMIN", "OFF1" (officer, "Olive Officer") and "SUP1" (supervisor), all with
    /// kOfficerPassword.
    OfficerSite();
};

/// A fresh folder holding a copy of the demo site (built on first use: 6 cases).
struct DemoFolder {
    TempDir dir;
    DemoFolder();
};

struct DemoSite : DemoFolder {
    core::Store store{dir / "prescreen.sqlite3"};
    core::ScanCache cache{core::ScanCache::folderFor(store.file())};
    core::Service service{store, cache, core::systemClock(), core::PasswordCost::minimum()};

    /// The demo password of a demo badge ("officer1", "super1", ...).
    static std::string password(const std::string& badge);
    core::Session signIn(const std::string& badge) { return service.login(badge, password(badge)); }
};

} // namespace prescreen::test
