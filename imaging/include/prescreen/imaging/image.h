#pragma once
// Prescreen's own image type: an owning, row-aligned pixel buffer and a non-owning view of one.
// OpenCV (inside imaging/) and QImage (inside ui/) adapt to it at the edges without copying.

#include <prescreen/imaging/buffer.h>

#include <cstddef>
#include <cstdint>

namespace prescreen::imaging {

enum class PixelFormat : std::uint8_t {
    Gray8,   ///< 8-bit display grey
    Gray16,  ///< 16-bit stored values of a plane (also int16 bit patterns for signed pixels)
    Rgb8,    ///< 3 × 8-bit display colour, R then G then B
    Float32, ///< 32-bit float (attenuation, ratios, analysis results)
};

int bytesPerPixel(PixelFormat format) noexcept;
const char* pixelFormatName(PixelFormat format) noexcept;

/// A window onto pixels owned elsewhere. Cheap to copy; valid while the owner lives.
struct ImageView {
    PixelFormat format = PixelFormat::Gray8;
    int width = 0;
    int height = 0;
    std::ptrdiff_t strideBytes = 0; ///< bytes from one row to the next
    std::uint8_t* data = nullptr;

    bool empty() const noexcept { return data == nullptr || width <= 0 || height <= 0; }

    template <typename T>
    T* row(int y) const noexcept {
        return reinterpret_cast<T*>(data + static_cast<std::ptrdiff_t>(y) * strideBytes);
    }

    /// The sub-rectangle [x, x+w) × [y, y+h); throws prescreen::Error if it is not inside.
    ImageView region(int x, int y, int w, int h) const;
};

/// An owning image. Rows are padded to 64-byte multiples (SIMD-friendly, cache-line aligned).
/// Move-only: copies of whole scans must be explicit (clone()).
class Image {
public:
    /// Largest image accepted, in bytes: a size computed from an untrusted header beyond this is
    /// refused before anything is allocated. 4096 × 16384 × 4 planes of 32-bit floats fit.
    static constexpr std::size_t kMaxBytes = std::size_t{2} << 30;

    Image() = default;
    /// Allocates width × height pixels, zero-filled (in a Buffer: large images are mapped with
    /// huge pages). Throws prescreen::Error (InvalidArgument) for non-positive sizes or more
    /// than kMaxBytes.
    Image(PixelFormat format, int width, int height);

    Image(Image&&) noexcept = default;
    Image& operator=(Image&&) noexcept = default;
    Image(const Image&) = delete;
    Image& operator=(const Image&) = delete;

    Image clone() const;

    PixelFormat format() const noexcept { return view_.format; }
    int width() const noexcept { return view_.width; }
    int height() const noexcept { return view_.height; }
    std::ptrdiff_t strideBytes() const noexcept { return view_.strideBytes; }
    bool empty() const noexcept { return view_.empty(); }
    std::size_t sizeBytes() const noexcept;

    const ImageView& view() const noexcept { return view_; }

    template <typename T>
    T* row(int y) noexcept {
        return view_.row<T>(y);
    }
    template <typename T>
    const T* row(int y) const noexcept {
        return view_.row<T>(y);
    }
    template <typename T>
    T& at(int x, int y) noexcept {
        return view_.row<T>(y)[x];
    }
    template <typename T>
    const T& at(int x, int y) const noexcept {
        return view_.row<T>(y)[x];
    }

private:
    Buffer storage_;
    ImageView view_;
};

} // namespace prescreen::imaging
