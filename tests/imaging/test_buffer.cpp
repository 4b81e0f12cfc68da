// Buffer and Image memory: zero-filled, aligned, move-only ownership, size limits.
#include <prescreen/error.h>
#include <prescreen/imaging/buffer.h>
#include <prescreen/imaging/image.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>

using namespace prescreen;
using namespace prescreen::imaging;

namespace {

bool allZero(const std::uint8_t* data, std::size_t size) {
    return std::all_of(data, data + size, [](std::uint8_t b) { return b == 0; });
}

std::uintptr_t address(const void* p) {
    return reinterpret_cast<std::uintptr_t>(p);
}

} // namespace

TEST_CASE("buffers small and large come zero-filled and 64-byte aligned", "[buffer]") {
    // Below, at and above the size from which blocks are mapped rather than taken from the heap.
    for (const std::size_t size : {std::size_t{1}, std::size_t{4096}, Buffer::kLargeBytes - 1,
                                   Buffer::kLargeBytes, Buffer::kLargeBytes * 3 + 123}) {
        INFO("size " << size);
        Buffer buffer(size);
        REQUIRE(buffer.size() == size);
        REQUIRE(buffer.data() != nullptr);
        CHECK(address(buffer.data()) % 64 == 0);
        CHECK(allZero(buffer.data(), size));
        // Every byte is writable (ASan builds would report an overrun here).
        std::fill(buffer.data(), buffer.data() + size, std::uint8_t{0xA5});
        CHECK(buffer.data()[size - 1] == 0xA5);
    }
    CHECK(Buffer(0).empty());
    CHECK(Buffer().data() == nullptr);
}

TEST_CASE("a buffer moves its memory and frees it once", "[buffer]") {
    Buffer first(Buffer::kLargeBytes + 10);
    first.data()[5] = 7;
    const auto* memory = first.data();
    Buffer second(std::move(first));
    CHECK(second.data() == memory);
    CHECK(second.data()[5] == 7);
    CHECK(first.empty()); // a moved-from buffer is empty by contract
    Buffer third(16);
    third = std::move(second);
    CHECK(third.data() == memory);
    CHECK(third.size() == Buffer::kLargeBytes + 10);
    third = Buffer(32);
    CHECK(third.size() == 32);
}

TEST_CASE("images large enough to be mapped are zero-filled like small ones", "[buffer]") {
    // 16-bit 4096 x 2048: 16 MiB, mapped with huge pages outside sanitizer builds.
    Image large(PixelFormat::Gray16, 4096, 2048);
    CHECK(large.sizeBytes() == std::size_t{4096} * 2048 * 2);
    CHECK(allZero(large.row<std::uint8_t>(0), large.sizeBytes()));
    large.at<std::uint16_t>(4095, 2047) = 0xBEEF;
    const Image copy = large.clone();
    CHECK(copy.at<std::uint16_t>(4095, 2047) == 0xBEEF);
    CHECK(copy.row<std::uint8_t>(0) != large.row<std::uint8_t>(0));
    CHECK_THROWS_AS(Image(PixelFormat::Gray16, 65536, 65536), Error); // beyond kMaxBytes
}

TEST_CASE("a large block given back and handed out again is zero-filled again", "[buffer]") {
    // Frame loops reuse released mappings of the same size: the reuse must not leak old pixels.
    for (int round = 0; round < 3; ++round) {
        Buffer frame(std::size_t{1920} * 1080 * 3);
        REQUIRE(allZero(frame.data(), frame.size()));
        std::fill(frame.data(), frame.data() + frame.size(), std::uint8_t{0x5A});
    }
    Image image(PixelFormat::Rgb8, 1920, 1080);
    CHECK(allZero(image.row<std::uint8_t>(0), image.sizeBytes()));
}
