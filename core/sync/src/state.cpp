#include <prescreen/error.h>
#include <prescreen/sync/config.h>
#include <prescreen/sync/state.h>

#include <nlohmann/json.hpp>

namespace prescreen::sync {
namespace {

std::int64_t count(core::sqlite::Connection& db, const char* sql) {
    auto query = db.prepare(sql);
    return query.step() ? query.columnInt64(0) : 0;
}

} // namespace

std::optional<std::string> readSetting(core::sqlite::Connection& db, const std::string& key) {
    auto query = db.prepare("SELECT value FROM settings WHERE key = ?1");
    query.bind(1, key);
    if (!query.step())
        return std::nullopt;
    return query.columnText(0);
}

void writeSetting(core::sqlite::Connection& db, const std::string& key, const std::string& value) {
    db.prepare("INSERT INTO settings(key, value) VALUES (?1, ?2) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

SyncStatus readSyncStatus(core::sqlite::Connection& db) {
    SyncStatus status;
    // One read transaction: the counts and settings are one consistent snapshot.
    core::sqlite::Transaction snapshot(db, core::sqlite::Transaction::Kind::Deferred);
    status.lastSuccess = readSetting(db, keys::kLastSuccess).value_or("");
    status.lastAttempt = readSetting(db, keys::kLastAttempt).value_or("");
    status.lastError = readSetting(db, keys::kLastError).value_or("");
    status.cursor = std::stoll(readSetting(db, keys::kCursor).value_or("0"));
    status.rulesVersion = readSetting(db, keys::kRulesVersion).value_or("");
    status.rulesError = readSetting(db, keys::kRulesError).value_or("");
    status.pendingPush = count(db, "SELECT count(*) FROM outbox");
    status.rejected = count(db, "SELECT count(*) FROM sync_rejected");
    status.pendingScans = count(db, "SELECT count(*) FROM sync_downloads");
    status.pendingCases = count(
        db,
        "SELECT count(*) FROM sync_pending_cases WHERE local_case_id IS NULL AND error IS NULL");
    status.failedCases = count(
        db, "SELECT count(*) FROM sync_pending_cases WHERE local_case_id IS NULL AND error IS NOT "
            "NULL");
    snapshot.commit();
    return status;
}

nlohmann::json toJson(const SyncStatus& status) {
    return {{"configured", status.configured},     {"hq", status.hq},
            {"configError", status.configError},   {"lastSuccess", status.lastSuccess},
            {"lastAttempt", status.lastAttempt},   {"lastError", status.lastError},
            {"pendingPush", status.pendingPush},   {"rejected", status.rejected},
            {"pendingScans", status.pendingScans}, {"pendingCases", status.pendingCases},
            {"failedCases", status.failedCases},   {"cursor", status.cursor},
            {"rulesVersion", status.rulesVersion}, {"rulesError", status.rulesError}};
}

SyncStatusReader::SyncStatusReader(std::filesystem::path databaseFile)
    : file_(std::move(databaseFile)) {}

SyncStatus SyncStatusReader::read() {
    std::lock_guard lock(mutex_);
    if (!db_) {
        db_.emplace(file_, core::sqlite::Connection::Mode::ReadOnly);
        db_->exec("PRAGMA busy_timeout = 5000");
    }
    auto status = readSyncStatus(*db_);
    try {
        if (const auto config = loadSyncConfig(syncConfigPath(file_))) {
            status.configured = true;
            status.hq = config->url();
        }
    } catch (const Error& error) {
        status.configError = error.what();
    }
    return status;
}

} // namespace prescreen::sync
