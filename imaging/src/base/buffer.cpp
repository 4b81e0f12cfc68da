#include <prescreen/error.h>
#include <prescreen/imaging/buffer.h>

#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <mutex>
#include <string>
#include <sys/mman.h>
#include <utility>
#include <vector>

namespace prescreen::imaging {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kAlign = 64;

// AddressSanitizer sees overruns of heap blocks, not of mappings rounded up to 2 MiB: its builds
// take every block from the heap so that reads and writes past an image's end are caught.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kMapLargeBlocks = false;
#else
constexpr bool kMapLargeBlocks = true;
#endif

// Mapped blocks given back recently, kept for the next request of the same size: a frame loop
// (a viewport render allocates a few frame-sized images per frame) then reuses hot memory
// instead of mapping, faulting, having the kernel zero and unmapping it every frame
// (with Buffer::tuneHeap, bench_workstation's material + CLAHE panning: 41 -> 12 ms a frame).
// Bounded: blocks of at most kMaxKeptBlock (a 4K RGB frame is 24 MiB; scan planes are larger and
// go back at once), at most kMaxKeptBytes in all. Never destroyed, so Buffers released during
// exit still find it.
class KeptBlocks {
public:
    static KeptBlocks& instance() {
        static auto* kept = new KeptBlocks;
        return *kept;
    }

    KeptBlocks() { blocks_.reserve(kMaxKeptCount); } // keep() never allocates

    /// A kept block of exactly `mapped` bytes (not zeroed), or nullptr.
    std::uint8_t* take(std::size_t mapped) {
        const std::lock_guard lock(mutex_);
        for (auto it = blocks_.begin(); it != blocks_.end(); ++it) {
            if (it->second == mapped) {
                auto* block = it->first;
                blocks_.erase(it);
                total_ -= mapped;
                return block;
            }
        }
        return nullptr;
    }

    /// Keeps the block if it fits the bounds; false: the caller unmaps it.
    bool keep(std::uint8_t* block, std::size_t mapped) {
        if (mapped > kMaxKeptBlock)
            return false;
        const std::lock_guard lock(mutex_);
        if (total_ + mapped > kMaxKeptBytes || blocks_.size() >= kMaxKeptCount)
            return false;
        blocks_.emplace_back(block, mapped);
        total_ += mapped;
        return true;
    }

private:
    static constexpr std::size_t kMaxKeptBlock = std::size_t{32} << 20;
    static constexpr std::size_t kMaxKeptBytes = std::size_t{96} << 20;
    static constexpr std::size_t kMaxKeptCount = 8;

    std::mutex mutex_;
    std::vector<std::pair<std::uint8_t*, std::size_t>> blocks_;
    std::size_t total_ = 0;
};

// `bytes` (a multiple of kHugePage) of zeroed memory at a kHugePage boundary, or nullptr.
std::uint8_t* mapZeroed(std::size_t bytes) {
    if (auto* kept = KeptBlocks::instance().take(bytes)) {
        std::memset(kept, 0, bytes);
        return kept;
    }
    // Over-map by one huge page, then give back the unaligned head and the tail.
    const std::size_t span = bytes + kHugePage;
    void* raw = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return nullptr;
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
    const std::size_t head = aligned - start;
    if (head != 0)
        ::munmap(raw, head);
    const std::size_t tail = span - head - bytes;
    if (tail != 0)
        ::munmap(reinterpret_cast<void*>(aligned + bytes), tail);
    auto* memory = reinterpret_cast<std::uint8_t*>(aligned);
    // Advice only: without transparent huge pages the mapping still works, page by page.
    ::madvise(memory, bytes, MADV_HUGEPAGE);
    return memory;
}

} // namespace

void Buffer::tuneHeap() noexcept {
    ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

Buffer::Buffer(std::size_t bytes) {
    if (bytes == 0)
        return;
    if (kMapLargeBlocks && bytes >= kLargeBytes) {
        if (bytes > SIZE_MAX - 2 * kHugePage)
            throw Error(ErrorCode::Internal,
                        "out of memory allocating " + std::to_string(bytes) + " bytes");
        const std::size_t mapped = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        data_ = mapZeroed(mapped);
        if (data_ != nullptr)
            mapped_ = mapped;
    } else {
        const std::size_t rounded = (bytes + kAlign - 1) / kAlign * kAlign;
        data_ = static_cast<std::uint8_t*>(std::aligned_alloc(kAlign, rounded));
        if (data_ != nullptr)
            std::memset(data_, 0, rounded);
    }
    if (data_ == nullptr)
        throw Error(ErrorCode::Internal,
                    "out of memory allocating " + std::to_string(bytes >> 20) + " MiB");
    size_ = bytes;
}

Buffer::Buffer(Buffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)),
      mapped_(std::exchange(other.mapped_, 0)) {}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
    if (this != &other) {
        release();
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
        mapped_ = std::exchange(other.mapped_, 0);
    }
    return *this;
}

Buffer::~Buffer() {
    release();
}

void Buffer::release() noexcept {
    if (data_ == nullptr)
        return;
    if (mapped_ != 0) {
        if (!KeptBlocks::instance().keep(data_, mapped_))
            ::munmap(data_, mapped_);
    } else
        std::free(data_);
    data_ = nullptr;
    size_ = 0;
    mapped_ = 0;
}

} // namespace prescreen::imaging
