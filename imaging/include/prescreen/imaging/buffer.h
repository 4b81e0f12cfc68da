#pragma once
// Zero-filled working memory for pixels and other large data (Image keeps its pixels in one).

#include <cstddef>
#include <cstdint>

namespace prescreen::imaging {

/// An owning, 64-byte aligned, zero-filled block of bytes. Move-only.
///
/// Blocks of kLargeBytes or more are mapped straight from the kernel, which hands out zeroed
/// pages (no memset), 2 MiB aligned and advised for transparent huge pages: a 256 MiB plane then
/// takes 128 page faults instead of 65,536 (docs/benchmarks.md measured a 4 KiB fault at about
/// 10 µs on the virtual machines we run on). Smaller blocks come from the C heap, which reuses
/// freed memory, and are cleared with memset. AddressSanitizer builds take every block from the
/// heap, so that overruns are caught.
class Buffer {
public:
    /// Size from which a block is mapped rather than taken from the heap.
    static constexpr std::size_t kLargeBytes = std::size_t{2} << 20;

    /// Sets the C heap's thresholds for a process that allocates frame-sized blocks (a few MB)
    /// every frame: blocks up to 32 MiB come from the heap and up to 128 MiB of freed heap stays
    /// mapped. glibc adapts those thresholds only when it frees a large mapped block, which
    /// Buffers no longer give it, so OpenCV's and Qt's per-frame images were mapped, faulted
    /// and unmapped every frame (bench_workstation, material + CLAHE panning: 39 -> 11 ms).
    /// Called by initialise().
    static void tuneHeap() noexcept;

    Buffer() = default;
    /// Throws prescreen::Error (Internal) when the memory is not available.
    explicit Buffer(std::size_t bytes);
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer();

    std::uint8_t* data() noexcept { return data_; }
    const std::uint8_t* data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

private:
    void release() noexcept;

    std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t mapped_ = 0; ///< bytes mapped (a multiple of 2 MiB), 0 for heap blocks
};

} // namespace prescreen::imaging
