#pragma once
// How the workstation reaches HQ: `sync.json` beside the database (docs/sync-client.md), written
// by `prescreen-cli sync configure`. Paths inside it are absolute or relative to its folder.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace prescreen::sync {

struct SyncConfig {
    std::string host;                        ///< HQ host name or address (checked against its cert)
    unsigned short port = 443;               ///< HQ port
    std::filesystem::path caFile;            ///< the agency CA that signed HQ's certificate (PEM)
    std::filesystem::path crlFile;           ///< optional CRL of that CA (PEM); empty: none
    std::filesystem::path certFile;          ///< this workstation's client certificate (PEM)
    std::filesystem::path keyFile;           ///< its private key (PEM)
    std::chrono::seconds connectTimeout{10}; ///< TCP connect + TLS handshake
    std::chrono::seconds requestTimeout{30}; ///< one request: write and read its answer
    std::chrono::seconds interval{60};       ///< between rounds when all is well
    std::size_t batchItems = 500;            ///< items per push, 1..500
    std::size_t batchBytes = 4u << 20;       ///< push body bytes, 64 KiB..4 MiB

    /// "https://host:port"
    std::string url() const;
};

/// "sync.json" beside the database file.
std::filesystem::path syncConfigPath(const std::filesystem::path& databaseFile);

/// Parses "https://host[:port]" (no path, no user info); throws prescreen::Error
/// (InvalidArgument) saying what is wrong.
void parseHqUrl(const std::string& url, SyncConfig& config);

/// Reads and validates the file (at most 64 KiB; every field checked, files must exist).
/// nullopt if the file does not exist; prescreen::Error (BadFormat / NotFound) naming the file
/// and the field otherwise.
std::optional<SyncConfig> loadSyncConfig(const std::filesystem::path& file);

/// Like loadSyncConfig but a missing file is an error saying how to configure (NotFound).
SyncConfig requireSyncConfig(const std::filesystem::path& databaseFile);

/// Validates and writes the file atomically (temp + fsync + rename), paths made absolute.
void saveSyncConfig(const std::filesystem::path& file, const SyncConfig& config);

} // namespace prescreen::sync
