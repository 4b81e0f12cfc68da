#include <prescreen/error.h>
#include <prescreen/imaging/buffer.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/mman.h>
#include <utility>

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

// `bytes` (a multiple of kHugePage) of zeroed memory at a kHugePage boundary, or nullptr.
std::uint8_t* mapZeroed(std::size_t bytes) {
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
    if (mapped_ != 0)
        ::munmap(data_, mapped_);
    else
        std::free(data_);
    data_ = nullptr;
    size_ = 0;
    mapped_ = 0;
}

} // namespace prescreen::imaging
