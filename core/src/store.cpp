#include <prescreen/core/store.h>
#include <prescreen/error.h>

#include <openssl/rand.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <system_error>

namespace prescreen::core {
namespace {

int latestVersion() {
    return migrations().empty() ? 0 : migrations().back().version;
}

} // namespace

Store::Store(const std::filesystem::path& file) : Store(file, latestVersion()) {}

Store::Store(const std::filesystem::path& file, int targetVersion)
    : db_(sqlite::openDurable(file)) {
    migrate(targetVersion);
}

int Store::schemaVersion() {
    auto query = db_.prepare("PRAGMA user_version");
    query.step();
    return static_cast<int>(query.columnInt64(0));
}

void Store::migrate(int targetVersion) {
    const int current = schemaVersion();
    if (current > latestVersion())
        throw Error(ErrorCode::Unsupported,
                    db_.file().string() + ": database schema version " + std::to_string(current) +
                        " was written by a newer Prescreen (this one knows up to " +
                        std::to_string(latestVersion()) + ")");
    for (const auto& step : migrations()) {
        if (step.version <= current || step.version > targetVersion)
            continue;
        sqlite::Transaction transaction(db_);
        // Another process opening the same new database may have applied it meanwhile.
        if (schemaVersion() >= step.version)
            continue;
        db_.exec(step.sql);
        db_.exec("PRAGMA user_version = " + std::to_string(step.version));
        if (step.version == 1) {
            db_.prepare("INSERT INTO settings(key, value) VALUES ('workstation_id', ?1)")
                .bind(1, newUuid())
                .run();
        }
        transaction.commit();
    }
}

std::string Store::workstationId() {
    auto query = db_.prepare("SELECT value FROM settings WHERE key = 'workstation_id'");
    if (!query.step())
        throw Error(ErrorCode::Internal, db_.file().string() + ": workstation id is missing");
    return query.columnText(0);
}

std::filesystem::path defaultDataDirectory() {
    if (const char* dir = std::getenv("PRESCREEN_DATA_DIR"); dir != nullptr && *dir != '\0')
        return dir;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0')
        return std::filesystem::path(xdg) / "prescreen";
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
        return std::filesystem::path(home) / ".local" / "share" / "prescreen";
    throw Error(ErrorCode::NotFound,
                "no data directory: set PRESCREEN_DATA_DIR, XDG_DATA_HOME or HOME");
}

std::filesystem::path databasePath(const std::filesystem::path& dataDirectory) {
    return dataDirectory / "prescreen.sqlite3";
}

std::string newUuid() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw Error(ErrorCode::Internal, "OpenSSL's random generator failed");
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40); // version 4
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
    std::string text;
    text.reserve(36);
    char hex[3];
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text += '-';
        std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
        text += hex;
    }
    return text;
}

bool isUuid(std::string_view text) {
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

} // namespace prescreen::core
