#pragma once
// A site for service tests: a fresh store and scan cache in a temp folder, a clock the test
// moves, cheap password hashing, and officers of every role (password "correct horse").

#include "test_support.h"

#include <prescreen/core/service.h>

#include <memory>

namespace prescreen::test {

inline constexpr const char* kPassword = "correct horse";

struct Site {
    TempDir dir;
    core::TimePoint time = core::parseUtc("2026-11-22T08:00:00.000Z").value();
    core::Store store{dir / "prescreen.sqlite3"};
    core::ScanCache cache{core::ScanCache::folderFor(store.file())};
    core::Service service{store, cache, [this] { return time; }, core::PasswordCost::minimum()};

    Site();
    /// Signs in one of the standard officers: "ADMIN", "OFF1", "OFF2", "SUP1", "TRN1".
    core::Session as(const std::string& badge);
    /// A valid manifest with the given cargo control number (no scan).
    static core::Manifest manifest(const std::string& ccn);
    /// Ingests a manifest-only case with the given risk score.
    core::Case addCase(const std::string& ccn, int score = 50);
    void advance(std::chrono::milliseconds step) { time += step; }
};

} // namespace prescreen::test
