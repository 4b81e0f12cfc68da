#pragma once
// The workstation's local database: one SQLite file in WAL mode with durable commits and foreign
// keys on, its schema brought up to date by numbered migrations when opened.

#include <prescreen/core/sqlite.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::core {

/// One schema step. Versions are consecutive from 1; a step is never edited once released.
struct Migration {
    int version;
    std::string_view description;
    std::string_view sql;
};

/// Every migration this build knows, in order.
const std::vector<Migration>& migrations();

class Store {
public:
    /// Opens or creates the database at `file` (its folder is created too) and migrates it.
    /// Throws prescreen::Error: Database if the file is not a usable SQLite database,
    /// Unsupported if it was written by a newer Prescreen.
    explicit Store(const std::filesystem::path& file);

    /// Migrates only up to `targetVersion`; for tests of the migration path.
    Store(const std::filesystem::path& file, int targetVersion);

    int schemaVersion();
    /// This workstation's identity, a UUID made when the database was created.
    std::string workstationId();

    sqlite::Connection& connection() { return db_; }
    const std::filesystem::path& file() const { return db_.file(); }

private:
    void migrate(int targetVersion);

    sqlite::Connection db_;
};

/// Where the workstation keeps its data: $PRESCREEN_DATA_DIR, else $XDG_DATA_HOME/prescreen,
/// else ~/.local/share/prescreen.
std::filesystem::path defaultDataDirectory();

/// The database file inside a data directory.
std::filesystem::path databasePath(const std::filesystem::path& dataDirectory);

/// A random (version 4) UUID from OpenSSL's CSPRNG, lower-case 8-4-4-4-12.
std::string newUuid();
/// Whether `text` is a UUID as newUuid() writes them (lower-case 8-4-4-4-12 hex).
bool isUuid(std::string_view text);

} // namespace prescreen::core
