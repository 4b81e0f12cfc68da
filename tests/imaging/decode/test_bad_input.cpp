// Hostile and broken input: a clear error naming the file, never a crash, hang or huge allocation.
#include "dicos_builder.h"
#include "test_support.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <random>

using namespace prescreen;
using namespace prescreen::imaging;
using test::DxSpec;

namespace {

std::string errorOf(const std::filesystem::path& file) {
    try {
        readScanFile(file);
    } catch (const Error& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("a header promising a huge image with little pixel data is refused cheaply",
          "[decode][bad]") {
    test::TempDir dir;
    DxSpec large;
    large.width = 20000;
    large.height = 10000;
    large.pixelBytes = 64; // 64 bytes of pixels for 20000 x 10000
    test::dicosDx(large).write(dir / "large.dcs");
    CHECK_THAT(errorOf(dir / "large.dcs"),
               Catch::Contains("large.dcs") && Catch::Contains("pixel data holds 64 bytes"));

    DxSpec huge = large;
    huge.width = 60000;
    huge.height = 60000;
    test::dicosDx(huge).write(dir / "huge.dcs");
    CHECK_THAT(errorOf(dir / "huge.dcs"),
               Catch::Contains("huge.dcs") && Catch::Contains("larger than Prescreen accepts"));
}

TEST_CASE("impossible pixel layouts say what is wrong", "[decode][bad]") {
    test::TempDir dir;
    DxSpec twelve;
    twelve.bitsAllocated = 12;
    twelve.bitsStored = 12;
    test::dicosDx(twelve).write(dir / "twelve.dcs");
    CHECK_THAT(errorOf(dir / "twelve.dcs"), Catch::Contains("Bits Allocated 12 is not supported"));

    DxSpec stored;
    stored.bitsStored = 20;
    test::dicosDx(stored).write(dir / "stored.dcs");
    CHECK_THAT(errorOf(dir / "stored.dcs"), Catch::Contains("Bits Stored 20 does not fit"));

    DxSpec empty;
    empty.height = 0;
    empty.pixels = {};
    empty.pixelBytes = 2;
    test::dicosDx(empty).write(dir / "empty.dcs");
    CHECK_THAT(errorOf(dir / "empty.dcs"), Catch::Contains("is not positive"));
}

TEST_CASE("files that are not scans give a clear error", "[decode][bad]") {
    test::TempDir dir;
    std::ofstream(dir / "zero.dcm").close();
    CHECK_THAT(errorOf(dir / "zero.dcm"), Catch::Contains("zero.dcm"));
    {
        std::ofstream noise(dir / "noise.dcs", std::ios::binary);
        std::mt19937 random(7);
        for (int i = 0; i < 100000; ++i)
            noise.put(static_cast<char>(random()));
    }
    CHECK_THAT(errorOf(dir / "noise.dcs"), Catch::Contains("noise.dcs"));
    {
        std::ofstream fakePng(dir / "fake.png", std::ios::binary);
        fakePng << "\x89PNG\r\n\x1a\n" << std::string(100, 'x');
    }
    CHECK_THAT(errorOf(dir / "fake.png"), Catch::Contains("fake.png"));
    CHECK_THAT(errorOf(dir / "absent.dcs"), Catch::Contains("no such file"));
}

TEST_CASE("mutated files never crash the decoder", "[decode][bad][fuzz]") {
    test::TempDir dir;
    DxSpec spec;
    spec.width = 16;
    spec.height = 16;
    const std::string valid = test::dicosDx(spec).bytes();
    std::mt19937 random(20261122);
    int loaded = 0;
    int refused = 0;
    for (int round = 0; round < 400; ++round) {
        std::string bytes = valid;
        if (round % 4 == 0) {
            bytes.resize(random() % bytes.size()); // truncation anywhere
        } else {
            const int flips = 1 + static_cast<int>(random() % 8);
            for (int i = 0; i < flips; ++i) // corrupt header bytes, lengths and tags included
                bytes[132 + random() % (bytes.size() - 132 - 512)] = static_cast<char>(random());
        }
        const auto path = dir / ("mutant-" + std::to_string(round) + ".dcs");
        std::ofstream(path, std::ios::binary) << bytes;
        try {
            const auto scan = readScanFile(path);
            CHECK(scan.planeCount() >= 1);
            ++loaded;
        } catch (const Error& error) {
            CHECK_THAT(error.what(), Catch::Contains("mutant-"));
            ++refused;
        }
        std::filesystem::remove(path);
    }
    CHECK(loaded + refused == 400);
    CHECK(refused > 50);
}

TEST_CASE("deeply nested sequences are refused before DCMTK recurses into them", "[decode][bad]") {
    // 200,000 nested empty sequences in 4 MB: DCMTK's recursive parser overflows the stack.
    test::TempDir dir;
    std::string nest;
    for (int i = 0; i < 200000; ++i)
        nest += test::DicomBytes::uint16le(0x0040) + test::DicomBytes::uint16le(0xA730) +
                std::string("SQ\0\0", 4) + test::DicomBytes::uint32le(0xFFFFFFFF) +
                test::DicomBytes::uint16le(0xFFFE) + test::DicomBytes::uint16le(0xE000) +
                test::DicomBytes::uint32le(0xFFFFFFFF);
    test::DicomBytes bytes("1.2.840.10008.5.1.4.1.1.1.1", "1.2.3.4.5", "1.2.840.10008.1.2.1");
    bytes.raw(nest);
    const auto file = dir / "nested.dcm";
    bytes.write(file);
    const auto message = errorOf(file);
    CHECK(message.find("nested.dcm") != std::string::npos);
    CHECK(message.find("nested more than") != std::string::npos);
    // A folder holding it still opens the rest and says why this file was skipped.
    const auto contents = openFolder(dir.path());
    REQUIRE(contents.skipped.size() == 1);
    CHECK(contents.skipped[0].reason.find("nested more than") != std::string::npos);
}
