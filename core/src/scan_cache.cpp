#include <prescreen/core/digest.h>
#include <prescreen/core/scan_cache.h>
#include <prescreen/core/store.h>
#include <prescreen/error.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>
#include <vector>

namespace prescreen::core {
namespace {

// Copy and hash in pieces of this size: memory stays flat whatever the scan's size.
constexpr std::size_t kChunkBytes = 1 << 20;

std::string reason(int error) {
    return std::error_code(error, std::generic_category()).message();
}

// Owns a POSIX file descriptor.
class File {
public:
    explicit File(int fd) : fd_(fd) {}
    ~File() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;

    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    /// Closes now, reporting the error a deferred write may only show here.
    void close(const std::filesystem::path& path) {
        const int fd = std::exchange(fd_, -1);
        if (::close(fd) != 0)
            throw Error(ErrorCode::Io,
                        "cannot finish writing " + path.string() + ": " + reason(errno));
    }

private:
    int fd_;
};

// Removes a temporary file unless it was renamed into place.
class TemporaryFile {
public:
    explicit TemporaryFile(std::filesystem::path path) : path_(std::move(path)) {}
    ~TemporaryFile() {
        if (!path_.empty())
            ::unlink(path_.c_str());
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::filesystem::path& path() const { return path_; }
    void release() { path_.clear(); }

private:
    std::filesystem::path path_;
};

bool isSha256(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

void requireSha256(const std::string& sha256) {
    if (isSha256(sha256))
        return;
    std::string shown;
    for (char c : sha256.substr(0, 80))
        shown += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
    throw Error(ErrorCode::InvalidArgument,
                "scan cache: '" + shown + "' is not a SHA-256 (64 lower-case hex digits)");
}

// Makes a rename or a new entry in `folder` durable.
void syncFolder(const std::filesystem::path& folder) {
    File dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid() || ::fsync(dir.get()) != 0)
        throw Error(ErrorCode::Io, "cannot sync folder " + folder.string() + ": " + reason(errno));
}

// Creates `folder` if needed (its parent exists); the new entry is made durable.
void ensureFolder(const std::filesystem::path& folder) {
    if (::mkdir(folder.c_str(), 0755) == 0) {
        syncFolder(folder.parent_path());
        return;
    }
    if (errno != EEXIST)
        throw Error(ErrorCode::Io,
                    "cannot create folder " + folder.string() + ": " + reason(errno));
    struct stat info {};
    if (::stat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
        throw Error(ErrorCode::Io, folder.string() + " exists but is not a folder");
}

std::size_t readSome(const File& file, unsigned char* data, std::size_t size,
                     const std::filesystem::path& path) {
    for (;;) {
        const ssize_t got = ::read(file.get(), data, size);
        if (got >= 0)
            return static_cast<std::size_t>(got);
        if (errno != EINTR)
            throw Error(ErrorCode::Io, "cannot read " + path.string() + ": " + reason(errno));
    }
}

void writeAll(const File& file, const unsigned char* data, std::size_t size,
              const std::filesystem::path& path) {
    while (size > 0) {
        const ssize_t put = ::write(file.get(), data, size);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            throw Error(ErrorCode::Io, "cannot write " + path.string() + ": " + reason(errno));
        data += put;
        size -= static_cast<std::size_t>(put);
    }
}

struct Hashed {
    std::string sha256;
    std::int64_t sizeBytes = 0;
};

// Hashes everything `in` holds from its current position, writing a copy to `out` if given.
Hashed hashStream(const File& in, const std::filesystem::path& inPath, const File* out,
                  const std::filesystem::path& outPath) {
    std::vector<unsigned char> buffer(kChunkBytes);
    Digest digest(Digest::Algorithm::Sha256);
    Hashed result;
    while (const std::size_t got = readSome(in, buffer.data(), buffer.size(), inPath)) {
        digest.update(buffer.data(), got);
        if (out != nullptr)
            writeAll(*out, buffer.data(), got, outPath);
        result.sizeBytes += static_cast<std::int64_t>(got);
    }
    result.sha256 = digest.hex();
    return result;
}

// Moves a damaged cache entry to quarantine/ under a unique name (the same content may be
// quarantined more than once) and returns where it went.
std::filesystem::path quarantine(const std::filesystem::path& cacheFolder,
                                 const std::filesystem::path& path) {
    const auto folder = cacheFolder / "quarantine";
    ensureFolder(folder);
    const auto target = folder / (path.filename().string() + "." + newUuid());
    if (::rename(path.c_str(), target.c_str()) != 0)
        throw Error(ErrorCode::Io, "cannot move damaged scan file " + path.string() +
                                       " to quarantine: " + reason(errno));
    syncFolder(folder);
    syncFolder(path.parent_path());
    return target;
}

} // namespace

std::filesystem::path ScanCache::folderFor(const std::filesystem::path& databaseFile) {
    return databaseFile.parent_path() / "scans";
}

ScanCache::ScanCache(std::filesystem::path folder) : folder_(std::move(folder)) {}

std::filesystem::path ScanCache::pathOf(const std::string& sha256) const {
    requireSha256(sha256);
    return folder_ / sha256.substr(0, 2) / sha256;
}

bool ScanCache::contains(const std::string& sha256) const {
    std::error_code ec;
    return std::filesystem::is_regular_file(std::filesystem::symlink_status(pathOf(sha256), ec));
}

CachedFile ScanCache::add(const std::filesystem::path& source) {
    File in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in.valid()) {
        const int error = errno;
        throw Error(error == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                    "cannot open scan file " + source.string() + ": " + reason(error));
    }
    struct stat info {};
    if (::fstat(in.get(), &info) != 0 || !S_ISREG(info.st_mode))
        throw Error(ErrorCode::InvalidArgument,
                    "scan file " + source.string() + " is not a regular file");

    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    if (ec)
        throw Error(ErrorCode::Io,
                    "cannot create scan cache folder " + folder_.string() + ": " + ec.message());
    // The copy is written beside its final place and renamed there only when complete and
    // synced, so a crash leaves at worst a stray ".incoming-" file, never a half-written scan.
    TemporaryFile temporary(folder_ / (".incoming-" + newUuid()));
    File out(::open(temporary.path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!out.valid())
        throw Error(ErrorCode::Io,
                    "cannot create " + temporary.path().string() + ": " + reason(errno));
    const Hashed copy = hashStream(in, source, &out, temporary.path());
    if (::fsync(out.get()) != 0)
        throw Error(ErrorCode::Io,
                    "cannot sync " + temporary.path().string() + ": " + reason(errno));
    out.close(temporary.path());

    CachedFile cached{copy.sha256, copy.sizeBytes, pathOf(copy.sha256)};
    ensureFolder(cached.path.parent_path());
    struct stat existing {};
    if (::lstat(cached.path.c_str(), &existing) == 0) {
        // Already cached: keep it if its size is right (the full check is verifiedPath's);
        // otherwise it is damaged, so it goes to quarantine and the fresh copy replaces it.
        if (S_ISREG(existing.st_mode) && existing.st_size == copy.sizeBytes)
            return cached;
        quarantine(folder_, cached.path);
    }
    if (::rename(temporary.path().c_str(), cached.path.c_str()) != 0)
        throw Error(ErrorCode::Io, "cannot move " + temporary.path().string() + " to " +
                                       cached.path.string() + ": " + reason(errno));
    temporary.release();
    syncFolder(cached.path.parent_path());
    return cached;
}

std::filesystem::path ScanCache::verifiedPath(const std::string& sha256) const {
    const auto path = pathOf(sha256);
    // O_NOFOLLOW: the cache holds only files it wrote; a link planted here is not followed.
    File in(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!in.valid()) {
        const int error = errno;
        if (error == ENOENT)
            throw Error(ErrorCode::NotFound,
                        "scan " + sha256 + " is not in the cache folder " + folder_.string());
        if (error != ELOOP)
            throw Error(ErrorCode::Io, "cannot open " + path.string() + ": " + reason(error));
        const auto moved = quarantine(folder_, path);
        throw Error(ErrorCode::BadFormat, "scan file " + path.string() +
                                              " is a symbolic link, not a cached file; moved to " +
                                              moved.string());
    }
    struct stat info {};
    if (::fstat(in.get(), &info) != 0 || !S_ISREG(info.st_mode))
        throw Error(ErrorCode::BadFormat, "scan file " + path.string() + " is not a regular file");
    const Hashed actual = hashStream(in, path, nullptr, {});
    if (actual.sha256 == sha256)
        return path;
    const auto moved = quarantine(folder_, path);
    throw Error(ErrorCode::BadFormat,
                "scan file " + path.string() + " is corrupt: it is named by SHA-256 " + sha256 +
                    " but its " + std::to_string(actual.sizeBytes) + " bytes hash to " +
                    actual.sha256 + "; moved to " + moved.string());
}

} // namespace prescreen::core
