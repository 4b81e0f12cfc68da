#pragma once
// Scan files from HQ (docs/sync.md#scan-files): appended in chunks to incoming/<sha256>.part
// beside the scan cache, each chunk fsynced, resumed from the part's size after a cut or a
// restart, hashed whole when complete and only then added to the content-addressed cache.

#include <prescreen/core/scan_cache.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace prescreen::sync {

class HttpsClient;

/// "incoming" beside the cache folder.
std::filesystem::path incomingFolderFor(const core::ScanCache& cache);
/// incoming/<sha256>.part (the hash is checked to be 64 lower-case hex digits).
std::filesystem::path partPathFor(const core::ScanCache& cache, const std::string& sha256);

/// Bytes already in a part file (0 if absent).
std::int64_t partSize(const std::filesystem::path& part);
/// Appends `data` to the part (created if absent) and fsyncs it before returning.
void appendChunk(const std::filesystem::path& part, std::string_view data);

/// A parsed "Content-Range: bytes first-last/total".
struct ContentRange {
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::int64_t total = 0;
};
std::optional<ContentRange> parseContentRange(std::string_view header);

/// Hashes the complete part; if it is `sha256` and `sizeBytes` long, adds it to the cache and
/// removes the part. Otherwise the part is deleted and prescreen::Error (BadFormat) says so.
core::CachedFile adoptPart(core::ScanCache& cache, const std::filesystem::path& part,
                           const std::string& sha256, std::int64_t sizeBytes);

/// Downloads one scan to completion with Range requests of at most `chunkBytes`, resuming from
/// the part file, then adoptPart. `afterChunk` (tests) is called after each chunk is on disk.
/// Network errors leave the part for the next attempt.
core::CachedFile downloadScan(HttpsClient& client, core::ScanCache& cache,
                              const std::string& sha256, std::int64_t sizeBytes,
                              std::int64_t chunkBytes = 4 << 20,
                              const std::function<void(std::int64_t)>& afterChunk = {});

} // namespace prescreen::sync
