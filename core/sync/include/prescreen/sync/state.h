#pragma once
// What the sync keeps in the workstation store (settings rows `sync.*`, migration 4's tables),
// and the status the CLI and the status bar show. SyncStatusReader has its own read-only SQLite
// connection, so a UI thread reads while the runner's thread writes.

#include <prescreen/core/sqlite.h>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

namespace prescreen::sync {

/// Settings keys of the sync state.
namespace keys {
inline constexpr const char* kCursor = "sync.cursor";           ///< last applied feed seq
inline constexpr const char* kLastSuccess = "sync.lastSuccess"; ///< UTC, end of a good round
inline constexpr const char* kLastAttempt = "sync.lastAttempt"; ///< UTC, start of a round
inline constexpr const char* kLastError = "sync.lastError";     ///< "" after a good round
inline constexpr const char* kRules = "sync.rules";             ///< rules JSON from HQ, parsed OK
inline constexpr const char* kRulesVersion = "sync.rulesVersion";
inline constexpr const char* kRulesError = "sync.rulesError"; ///< why HQ's last rules were refused
} // namespace keys

std::optional<std::string> readSetting(core::sqlite::Connection& db, const std::string& key);
void writeSetting(core::sqlite::Connection& db, const std::string& key, const std::string& value);

struct SyncStatus {
    bool configured = false;       ///< sync.json present and valid
    std::string hq;                ///< https://host:port, if configured
    std::string configError;       ///< why sync.json is unusable, if it is
    std::string lastSuccess;       ///< UTC ISO 8601; "" never
    std::string lastAttempt;       ///< UTC ISO 8601; "" never
    std::string lastError;         ///< "" if the last round succeeded
    std::int64_t pendingPush = 0;  ///< outbox rows not yet acknowledged by HQ
    std::int64_t rejected = 0;     ///< rows HQ refused (sync_rejected)
    std::int64_t pendingScans = 0; ///< scan files still to download
    std::int64_t pendingCases = 0; ///< pulled cases waiting for their scans
    std::int64_t failedCases = 0;  ///< pulled cases that could not be ingested
    std::int64_t cursor = 0;       ///< last applied HQ feed seq
    std::string rulesVersion;      ///< rules from HQ in use ("" built-in)
    std::string rulesError;        ///< why HQ's latest rules were refused ("" none)
};

/// Reads the status with `db` (any connection to the store).
SyncStatus readSyncStatus(core::sqlite::Connection& db);
nlohmann::json toJson(const SyncStatus& status);

/// The status of a store from any thread: a read-only connection of its own, one reader at a time.
class SyncStatusReader {
public:
    explicit SyncStatusReader(std::filesystem::path databaseFile);
    /// Also reports whether sync.json beside the database is present and valid.
    SyncStatus read();

private:
    std::filesystem::path file_;
    std::mutex mutex_;
    std::optional<core::sqlite::Connection> db_;
};

} // namespace prescreen::sync
