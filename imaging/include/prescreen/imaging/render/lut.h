#pragma once
// A display lookup table: one entry for each of the 65,536 possible 16-bit stored values, giving
// the 8-bit grey or 8-bit RGB display pixel. Every per-pixel step of the greyscale pipeline
// (see grey.h) and of density slicing (density_slice.h) is folded into one table, so rendering a
// plane costs one table read per pixel.

#include <prescreen/imaging/image.h>

#include <array>
#include <cstdint>
#include <vector>

namespace prescreen::imaging::render {

class DisplayLut {
public:
    static constexpr int kEntries = 65536;

    /// An all-zero (black) table of the given output format (Gray8 or Rgb8; anything else
    /// throws prescreen::Error InvalidArgument).
    explicit DisplayLut(PixelFormat output = PixelFormat::Gray8);

    PixelFormat outputFormat() const noexcept { return format_; }
    int channels() const noexcept { return format_ == PixelFormat::Rgb8 ? 3 : 1; }

    /// Entry for a stored value (Gray8: one byte; Rgb8: R, G, B).
    std::uint8_t grey(std::uint16_t stored) const noexcept { return table_[stored]; }
    std::array<std::uint8_t, 3> rgb(std::uint16_t stored) const noexcept;
    void setGrey(std::uint16_t stored, std::uint8_t value) noexcept { table_[stored] = value; }
    void setRgb(std::uint16_t stored, std::array<std::uint8_t, 3> value) noexcept;

    /// Maps a Gray16 view into a new image of outputFormat(). Row bands run on OpenCV's thread
    /// pool (cv::parallel_for_); the call returns when all are done. Throws prescreen::Error
    /// InvalidArgument for an empty or non-Gray16 source.
    Image apply(const ImageView& stored) const;

    /// Same, into an existing destination of outputFormat() and the source's size.
    void apply(const ImageView& stored, const ImageView& destination) const;

private:
    PixelFormat format_;
    std::vector<std::uint8_t> table_;
};

} // namespace prescreen::imaging::render
