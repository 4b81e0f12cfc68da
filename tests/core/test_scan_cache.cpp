#include "test_support.h"

#include <prescreen/core/digest.h>
#include <prescreen/core/scan_cache.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <string>
#include <sys/stat.h>

using namespace prescreen;
using namespace prescreen::core;
namespace fs = std::filesystem;

namespace {

// SHA-256 test vectors (FIPS 180-2).
const std::string kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string kEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Files in `folder`, recursively (temporary copies left behind would show up here).
int countFiles(const fs::path& folder) {
    int count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        count += entry.is_regular_file() ? 1 : 0;
    return count;
}

ErrorCode codeOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.code();
    }
    FAIL("no prescreen::Error was thrown");
    return ErrorCode::Internal;
}

} // namespace

TEST_CASE("the cache folder sits beside the database", "[scan_cache]") {
    CHECK(ScanCache::folderFor("/data/prescreen/prescreen.sqlite3") == "/data/prescreen/scans");
}

TEST_CASE("a file is stored under its SHA-256 and can be read back verified", "[scan_cache]") {
    test::TempDir dir;
    writeFile(dir / "scan.dcs", "abc");
    ScanCache cache(dir / "scans");
    CHECK_FALSE(cache.contains(kAbc));

    const auto cached = cache.add(dir / "scan.dcs");
    CHECK(cached.sha256 == kAbc);
    CHECK(cached.sizeBytes == 3);
    CHECK(cached.path == dir / "scans" / "ba" / kAbc);
    CHECK(cache.pathOf(kAbc) == cached.path);
    CHECK(cache.contains(kAbc));
    CHECK(readFile(cached.path) == "abc");
    CHECK(cache.verifiedPath(kAbc) == cached.path);
    CHECK(countFiles(dir / "scans") == 1); // no temporary copy left behind
}

TEST_CASE("an empty file is content too", "[scan_cache]") {
    test::TempDir dir;
    writeFile(dir / "empty", "");
    ScanCache cache(dir / "scans");
    const auto cached = cache.add(dir / "empty");
    CHECK(cached.sha256 == kEmpty);
    CHECK(cached.sizeBytes == 0);
    CHECK(cache.verifiedPath(kEmpty) == cached.path);
}

TEST_CASE("adding the same content again changes nothing", "[scan_cache]") {
    test::TempDir dir;
    writeFile(dir / "a.dcs", "abc");
    writeFile(dir / "b.dcs", "abc");
    ScanCache cache(dir / "scans");
    const auto inode = [](const fs::path& path) {
        struct stat info {};
        REQUIRE(::stat(path.c_str(), &info) == 0);
        return info.st_ino;
    };
    const auto first = cache.add(dir / "a.dcs");
    const auto original = inode(first.path);
    const auto second = cache.add(dir / "b.dcs");
    CHECK(second.path == first.path);
    CHECK(second.sha256 == first.sha256);
    CHECK(inode(first.path) == original); // the file was kept, not replaced
    CHECK(countFiles(dir / "scans") == 1);
}

TEST_CASE("a cached copy of the wrong size is replaced when the content is added again",
          "[scan_cache]") {
    test::TempDir dir;
    writeFile(dir / "scan.dcs", "abc");
    ScanCache cache(dir / "scans");
    const auto cached = cache.add(dir / "scan.dcs");
    writeFile(cached.path, "ab"); // truncated by a disk fault
    cache.add(dir / "scan.dcs");
    CHECK(readFile(cached.path) == "abc");
    CHECK(cache.verifiedPath(kAbc) == cached.path);
    REQUIRE(fs::is_directory(dir / "scans" / "quarantine"));
    CHECK(countFiles(dir / "scans" / "quarantine") == 1);
}

TEST_CASE("a corrupt file is quarantined and reported with both hashes", "[scan_cache]") {
    test::TempDir dir;
    writeFile(dir / "scan.dcs", "abc");
    ScanCache cache(dir / "scans");
    const auto cached = cache.add(dir / "scan.dcs");
    writeFile(cached.path, "abd"); // one byte flipped, same size
    const std::string abd = Digest(Digest::Algorithm::Sha256).update("abd", 3).hex();

    try {
        cache.verifiedPath(kAbc);
        FAIL("a corrupt file was returned as verified");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::BadFormat);
        const std::string message = error.what();
        INFO(message);
        CHECK(message.find(cached.path.string()) != std::string::npos);
        CHECK(message.find(kAbc) != std::string::npos);
        CHECK(message.find(abd) != std::string::npos);
        CHECK(message.find("quarantine") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(cached.path));
    CHECK_FALSE(cache.contains(kAbc));
    REQUIRE(countFiles(dir / "scans" / "quarantine") == 1);
    for (const auto& entry : fs::directory_iterator(dir / "scans" / "quarantine")) {
        CHECK(entry.path().filename().string().rfind(kAbc, 0) == 0);
        CHECK(readFile(entry.path()) == "abd");
    }
    // A good copy can be added again.
    cache.add(dir / "scan.dcs");
    CHECK(cache.verifiedPath(kAbc) == cached.path);
}

TEST_CASE("a link planted in the cache is not followed", "[scan_cache]") {
    test::TempDir dir;
    writeFile(dir / "elsewhere", "abc");
    ScanCache cache(dir / "scans");
    fs::create_directories(cache.pathOf(kAbc).parent_path());
    fs::create_symlink(dir / "elsewhere", cache.pathOf(kAbc));
    CHECK_FALSE(cache.contains(kAbc));
    CHECK(codeOf([&] { cache.verifiedPath(kAbc); }) == ErrorCode::BadFormat);
    CHECK(readFile(dir / "elsewhere") == "abc");
}

TEST_CASE("missing content and missing sources are NotFound", "[scan_cache]") {
    test::TempDir dir;
    ScanCache cache(dir / "scans");
    CHECK(codeOf([&] { cache.verifiedPath(kAbc); }) == ErrorCode::NotFound);
    CHECK(codeOf([&] { cache.add(dir / "no-such-file"); }) == ErrorCode::NotFound);
    CHECK(codeOf([&] { cache.add(dir.path()); }) == ErrorCode::InvalidArgument);
}

TEST_CASE("only a SHA-256 names a cached file: no path can be smuggled in", "[scan_cache]") {
    test::TempDir dir;
    ScanCache cache(dir / "scans");
    for (const std::string& bad :
         {std::string(), std::string("abc"), kAbc.substr(1), kAbc + "0",
          std::string("../") + kAbc.substr(3), std::string("../../../../../../../../../etc/passwd"),
          std::string(62, 'a') + "/x", std::string(64, 'A'), std::string(63, 'a') + "g",
          std::string(63, 'a') + '\0', "/" + kAbc.substr(1)}) {
        INFO(bad);
        CHECK(codeOf([&] { cache.pathOf(bad); }) == ErrorCode::InvalidArgument);
        CHECK(codeOf([&] { cache.contains(bad); }) == ErrorCode::InvalidArgument);
        CHECK(codeOf([&] { cache.verifiedPath(bad); }) == ErrorCode::InvalidArgument);
    }
}

TEST_CASE("a large file is copied and verified in pieces, never held in memory", "[scan_cache]") {
    test::TempDir dir;
    const auto source = dir / "long-truck.dcs";
    constexpr long long kSize = 50LL << 20;
    {
        // Mostly holes, with a marked block every 4 MiB so the content is not all zeros.
        std::ofstream out(source, std::ios::binary);
        for (long long offset = 0; offset < kSize; offset += 4 << 20) {
            out.seekp(offset);
            const std::string mark = "block at " + std::to_string(offset);
            out.write(mark.data(), static_cast<std::streamsize>(mark.size()));
        }
        out.seekp(kSize - 1);
        out.put('\x7f');
        REQUIRE(out.good());
    }
    REQUIRE(fs::file_size(source) == static_cast<std::uintmax_t>(kSize));
    std::string expected;
    {
        std::ifstream in(source, std::ios::binary);
        std::string chunk(1 << 16, '\0');
        Digest digest(Digest::Algorithm::Sha256);
        while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0)
            digest.update(chunk.data(), static_cast<std::size_t>(in.gcount()));
        expected = digest.hex();
    }

    ScanCache cache(dir / "scans");
    // Writing "5" to clear_refs resets the peak resident size (Linux 4.0+).
    std::ofstream("/proc/self/clear_refs") << "5";
    const long long before = test::peakResidentBytes();
    const auto cached = cache.add(source);
    const auto path = cache.verifiedPath(cached.sha256);
    const long long growth = test::peakResidentBytes() - before;
    CHECK(cached.sha256 == expected);
    CHECK(cached.sizeBytes == kSize);
    CHECK(path == cached.path);
    CHECK(fs::file_size(path) == static_cast<std::uintmax_t>(kSize));
    if (before > 0) {
        INFO("peak resident memory grew by " << growth / 1024 << " KiB");
        CHECK(growth < 16LL << 20);
    }
}
