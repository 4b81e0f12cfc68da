#include <prescreen/error.h>
#include <prescreen/imaging/detail/opencv.h>
#include <prescreen/imaging/render/lut.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <string>

namespace prescreen::imaging::render {

namespace {

// Rows per parallel task: big enough that scheduling is noise, small enough to balance 2..16
// cores on a courier-sized plane.
constexpr int kRowsPerBand = 64;

void checkSource(const ImageView& stored, const char* where) {
    if (stored.empty())
        throw Error(ErrorCode::InvalidArgument, std::string(where) + ": the source image is empty");
    if (stored.format != PixelFormat::Gray16)
        throw Error(ErrorCode::InvalidArgument, std::string(where) + ": the source is " +
                                                    pixelFormatName(stored.format) +
                                                    ", a display table maps gray16 pixels");
}

template <int Channels>
void mapRows(const ImageView& src, const ImageView& dst, const std::uint8_t* table, int y0,
             int y1) {
    const int width = src.width;
    for (int y = y0; y < y1; ++y) {
        const std::uint16_t* in = src.row<const std::uint16_t>(y);
        std::uint8_t* out = dst.row<std::uint8_t>(y);
        if constexpr (Channels == 1) {
            for (int x = 0; x < width; ++x)
                out[x] = table[in[x]];
        } else {
            for (int x = 0; x < width; ++x) {
                const std::uint8_t* entry = table + 3 * static_cast<std::size_t>(in[x]);
                out[3 * x] = entry[0];
                out[3 * x + 1] = entry[1];
                out[3 * x + 2] = entry[2];
            }
        }
    }
}

} // namespace

DisplayLut::DisplayLut(PixelFormat output) : format_(output) {
    if (output != PixelFormat::Gray8 && output != PixelFormat::Rgb8)
        throw Error(ErrorCode::InvalidArgument, std::string("display table: output format ") +
                                                    pixelFormatName(output) +
                                                    " is not gray8 or rgb8");
    table_.assign(static_cast<std::size_t>(kEntries) * static_cast<std::size_t>(channels()), 0);
}

std::array<std::uint8_t, 3> DisplayLut::rgb(std::uint16_t stored) const noexcept {
    if (format_ == PixelFormat::Gray8)
        return {table_[stored], table_[stored], table_[stored]};
    const std::size_t at = 3 * static_cast<std::size_t>(stored);
    return {table_[at], table_[at + 1], table_[at + 2]};
}

void DisplayLut::setRgb(std::uint16_t stored, std::array<std::uint8_t, 3> value) noexcept {
    if (format_ == PixelFormat::Gray8) {
        table_[stored] = value[0];
        return;
    }
    const std::size_t at = 3 * static_cast<std::size_t>(stored);
    table_[at] = value[0];
    table_[at + 1] = value[1];
    table_[at + 2] = value[2];
}

Image DisplayLut::apply(const ImageView& stored) const {
    checkSource(stored, "display table");
    Image out(format_, stored.width, stored.height);
    apply(stored, out.view());
    return out;
}

void DisplayLut::apply(const ImageView& stored, const ImageView& destination) const {
    checkSource(stored, "display table");
    if (destination.empty() || destination.format != format_ || destination.width != stored.width ||
        destination.height != stored.height)
        throw Error(ErrorCode::InvalidArgument, "display table: destination must be a " +
                                                    std::string(pixelFormatName(format_)) +
                                                    " image of " + std::to_string(stored.width) +
                                                    "x" + std::to_string(stored.height) +
                                                    " pixels");
    const int bands = (stored.height + kRowsPerBand - 1) / kRowsPerBand;
    const std::uint8_t* table = table_.data();
    const bool rgb = format_ == PixelFormat::Rgb8;
    cv::parallel_for_(cv::Range(0, bands), [&](const cv::Range& range) {
        const int y0 = range.start * kRowsPerBand;
        const int y1 = std::min(stored.height, range.end * kRowsPerBand);
        if (rgb)
            mapRows<3>(stored, destination, table, y0, y1);
        else
            mapRows<1>(stored, destination, table, y0, y1);
    });
}

} // namespace prescreen::imaging::render
