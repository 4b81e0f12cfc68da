#pragma once
// Scan files live in a content-addressed folder beside the database: each is named by the
// SHA-256 of its bytes (ab/abcdef...), written atomically, and verified again when read.

#include <cstdint>
#include <filesystem>
#include <string>

namespace prescreen::core {

struct CachedFile {
    std::string sha256; ///< lower-case hex
    std::int64_t sizeBytes = 0;
    std::filesystem::path path;
};

class ScanCache {
public:
    /// The cache folder for a database: "scans" beside it.
    static std::filesystem::path folderFor(const std::filesystem::path& databaseFile);

    explicit ScanCache(std::filesystem::path folder);

    /// Copies a file in (streamed, hashed while copying, fsynced, renamed into place). Adding the
    /// same content again is a no-op. Throws prescreen::Error (Io / NotFound).
    CachedFile add(const std::filesystem::path& source);
    /// Whether the content is present (not verified).
    bool contains(const std::string& sha256) const;
    /// The path of a file after re-hashing it; throws prescreen::Error (BadFormat) if the bytes
    /// no longer match their name (the file is moved to quarantine/), NotFound if absent.
    std::filesystem::path verifiedPath(const std::string& sha256) const;
    std::filesystem::path pathOf(const std::string& sha256) const;
    const std::filesystem::path& folder() const { return folder_; }

private:
    std::filesystem::path folder_;
};

} // namespace prescreen::core
