#include <prescreen/core/digest.h>
#include <prescreen/error.h>
#include <prescreen/sync/download.h>
#include <prescreen/sync/https_client.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace prescreen::sync {
namespace {

std::string reason(int error) {
    return std::error_code(error, std::generic_category()).message();
}

void requireSha256(const std::string& sha256) {
    const bool ok = sha256.size() == 64 && std::all_of(sha256.begin(), sha256.end(), [](char c) {
                        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                    });
    if (!ok)
        throw Error(ErrorCode::BadFormat,
                    "'" + sha256.substr(0, 80) + "' is not a SHA-256 (64 lower-case hex digits)");
}

bool parseNumber(std::string_view text, std::int64_t& value) {
    if (text.empty() || text.size() > 18)
        return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && value >= 0;
}

struct Hash {
    std::string sha256;
    std::int64_t size = 0;
};

Hash hashFile(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::Io, "cannot open " + file.string() + ": " + reason(errno));
    std::vector<unsigned char> buffer(1 << 20);
    core::Digest digest(core::Digest::Algorithm::Sha256);
    Hash hash;
    for (;;) {
        const ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            const int error = errno;
            ::close(fd);
            throw Error(ErrorCode::Io, "cannot read " + file.string() + ": " + reason(error));
        }
        if (got == 0)
            break;
        digest.update(buffer.data(), static_cast<std::size_t>(got));
        hash.size += got;
    }
    ::close(fd);
    hash.sha256 = digest.hex();
    return hash;
}

} // namespace

std::filesystem::path incomingFolderFor(const core::ScanCache& cache) {
    return cache.folder().parent_path() / "incoming";
}

std::filesystem::path partPathFor(const core::ScanCache& cache, const std::string& sha256) {
    requireSha256(sha256);
    return incomingFolderFor(cache) / (sha256 + ".part");
}

std::int64_t partSize(const std::filesystem::path& part) {
    struct stat info {};
    if (::lstat(part.c_str(), &info) != 0) {
        if (errno == ENOENT)
            return 0;
        throw Error(ErrorCode::Io, "cannot inspect " + part.string() + ": " + reason(errno));
    }
    if (!S_ISREG(info.st_mode))
        throw Error(ErrorCode::Io, part.string() + " is not a regular file");
    return static_cast<std::int64_t>(info.st_size);
}

void appendChunk(const std::filesystem::path& part, std::string_view data) {
    std::error_code ec;
    std::filesystem::create_directories(part.parent_path(), ec);
    if (ec)
        throw Error(ErrorCode::Io,
                    "cannot create " + part.parent_path().string() + ": " + ec.message());
    const int fd =
        ::open(part.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        throw Error(ErrorCode::Io, "cannot open " + part.string() + ": " + reason(errno));
    const char* next = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const ssize_t put = ::write(fd, next, left);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0) {
            const int error = errno;
            ::close(fd);
            throw Error(ErrorCode::Io, "cannot write " + part.string() + ": " + reason(error));
        }
        next += put;
        left -= static_cast<std::size_t>(put);
    }
    const bool synced = ::fsync(fd) == 0;
    const int error = errno;
    if (::close(fd) != 0 || !synced)
        throw Error(ErrorCode::Io, "cannot sync " + part.string() + ": " + reason(error));
}

std::optional<ContentRange> parseContentRange(std::string_view header) {
    constexpr std::string_view prefix = "bytes ";
    if (header.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    header.remove_prefix(prefix.size());
    const auto dash = header.find('-');
    const auto slash = header.find('/');
    if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash)
        return std::nullopt;
    ContentRange range;
    if (!parseNumber(header.substr(0, dash), range.first) ||
        !parseNumber(header.substr(dash + 1, slash - dash - 1), range.last) ||
        !parseNumber(header.substr(slash + 1), range.total) || range.last < range.first ||
        range.last >= range.total)
        return std::nullopt;
    return range;
}

core::CachedFile adoptPart(core::ScanCache& cache, const std::filesystem::path& part,
                           const std::string& sha256, std::int64_t sizeBytes) {
    requireSha256(sha256);
    const auto hash = hashFile(part);
    if (hash.sha256 != sha256 || hash.size != sizeBytes) {
        ::unlink(part.c_str());
        throw Error(ErrorCode::BadFormat, "scan " + sha256 + " from HQ is corrupt: its " +
                                              std::to_string(hash.size) + " bytes (expected " +
                                              std::to_string(sizeBytes) + ") hash to " +
                                              hash.sha256 + "; the partial file was deleted");
    }
    auto cached = cache.add(part);
    ::unlink(part.c_str());
    return cached;
}

core::CachedFile downloadScan(HttpsClient& client, core::ScanCache& cache,
                              const std::string& sha256, std::int64_t sizeBytes,
                              std::int64_t chunkBytes,
                              const std::function<void(std::int64_t)>& afterChunk) {
    const auto part = partPathFor(cache, sha256);
    if (sizeBytes < 0 || chunkBytes <= 0)
        throw Error(ErrorCode::InvalidArgument, "scan " + sha256 + ": bad size or chunk size");
    std::int64_t have = partSize(part);
    if (have > sizeBytes) {
        // Longer than the file can be: it is not a prefix of it, start again.
        ::unlink(part.c_str());
        have = 0;
    }
    if (sizeBytes == 0 && have == 0)
        appendChunk(part, {});
    const std::string target = "/v1/scans/" + sha256;
    while (have < sizeBytes) {
        const std::int64_t last = std::min(have + chunkBytes, sizeBytes) - 1;
        const auto response = client.request(
            "GET", target, {}, "bytes=" + std::to_string(have) + "-" + std::to_string(last),
            static_cast<std::size_t>(chunkBytes) + 1024);
        if (response.status == 404)
            throw Error(ErrorCode::NotFound, "HQ has no scan " + sha256 + " for this workstation");
        std::int64_t first = 0;
        if (response.status == 206) {
            const auto range = parseContentRange(response.contentRange);
            if (!range || range->first != have || range->total != sizeBytes ||
                range->last - range->first + 1 != static_cast<std::int64_t>(response.body.size()))
                throw Error(ErrorCode::Network,
                            "HQ answered scan " + sha256 + " bytes " + std::to_string(have) +
                                "- with Content-Range '" + response.contentRange.substr(0, 80) +
                                "' and " + std::to_string(response.body.size()) + " bytes");
            first = range->first;
        } else if (response.status == 200 && have == 0 &&
                   static_cast<std::int64_t>(response.body.size()) == sizeBytes) {
            first = 0;
        } else {
            throw Error(ErrorCode::Network, "HQ answered scan " + sha256 + " with status " +
                                                std::to_string(response.status));
        }
        if (response.body.empty())
            throw Error(ErrorCode::Network, "HQ sent an empty chunk of scan " + sha256);
        appendChunk(part, response.body);
        have = first + static_cast<std::int64_t>(response.body.size());
        if (afterChunk)
            afterChunk(have);
    }
    return adoptPart(cache, part, sha256, sizeBytes);
}

} // namespace prescreen::sync
