#include "pixel_convert.h"

#include "dicom_tags.h"

#include <prescreen/error.h>

#include <dcmtk/dcmdata/dcdeftag.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace prescreen::imaging::decode {
namespace {

std::int32_t signExtend(std::uint32_t value, int bits) {
    const std::uint32_t mask = bits >= 32 ? 0xFFFFFFFFu : ((1u << bits) - 1u);
    value &= mask;
    if (bits < 32 && (value & (1u << (bits - 1))) != 0)
        value |= ~mask;
    return static_cast<std::int32_t>(value);
}

// Stored value of sample `s` of pixel `i` from a frame of `layout`.
double sampleAt(const std::uint8_t* bytes, const PixelLayout& layout, std::size_t i, int s) {
    const std::size_t n = layout.pixelCount();
    const std::size_t index =
        layout.planarConfiguration == 1 && layout.samples > 1
            ? static_cast<std::size_t>(s) * n + i
            : i * static_cast<std::size_t>(layout.samples) + static_cast<std::size_t>(s);
    std::uint32_t raw = 0;
    switch (layout.bitsAllocated) {
    case 8:
        raw = bytes[index];
        break;
    case 16: {
        std::uint16_t v;
        std::memcpy(&v, bytes + index * 2, 2);
        raw = v;
        break;
    }
    default:
        std::memcpy(&raw, bytes + index * 4, 4);
        break;
    }
    if (layout.isSigned)
        return signExtend(raw, layout.bitsStored);
    const int bits = std::min(layout.bitsStored, 32);
    return bits >= 32 ? raw : (raw & ((1u << bits) - 1u));
}

bool isYbr(const std::string& model) {
    return model.rfind("YBR", 0) == 0;
}

void scaleInto(const std::vector<double>& values, double divisor, Image& out, Plane& plane,
               bool allowDirect) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const double v : values) {
        if (std::isfinite(v)) {
            lo = std::min(lo, v / divisor);
            hi = std::max(hi, v / divisor);
        }
    }
    if (!std::isfinite(lo))
        lo = hi = 0;
    const bool fits = allowDirect && lo >= (plane.signedPixels ? -32768.0 : 0.0) &&
                      hi <= (plane.signedPixels ? 32767.0 : 65535.0);
    const double scale = fits || hi == lo ? 1.0 : 65535.0 / (hi - lo);
    const double offset = fits ? 0.0 : lo;
    if (!fits) {
        plane.rescaleIntercept += plane.rescaleSlope * offset;
        plane.rescaleSlope /= scale;
        plane.signedPixels = false;
        plane.bitsStored = 16;
    }
    for (int y = 0; y < out.height(); ++y) {
        auto* row = out.row<std::uint16_t>(y);
        for (int x = 0; x < out.width(); ++x) {
            double v = values[static_cast<std::size_t>(y) * out.width() + x] / divisor;
            v = std::isfinite(v) ? std::round((v - offset) * scale) : 0.0;
            row[x] = static_cast<std::uint16_t>(static_cast<std::int32_t>(v));
        }
    }
}

} // namespace

FrameAccumulator::FrameAccumulator(const PixelLayout& layout, long frames)
    : layout_(layout), expectedFrames_(frames) {
    if (frames == 1 && layout.bitsAllocated <= 16)
        direct_ = Image(PixelFormat::Gray16, layout.cols, layout.rows);
    else
        sums_.assign(layout.pixelCount(), 0.0);
}

void FrameAccumulator::store(std::size_t index, double value) {
    if (!direct_.empty()) {
        const auto width = static_cast<std::size_t>(layout_.cols);
        direct_.at<std::uint16_t>(static_cast<int>(index % width),
                                  static_cast<int>(index / width)) =
            static_cast<std::uint16_t>(static_cast<std::int32_t>(value));
    } else {
        sums_[index] += value;
    }
}

void FrameAccumulator::add(const std::vector<std::uint8_t>& bytes, const std::string& colourModel,
                           std::vector<std::string>& warnings, const std::filesystem::path& file) {
    const std::size_t n = layout_.pixelCount();
    if (!direct_.empty() && layout_.samples == 1) {
        addGreyRows(bytes);
        ++frames_;
        return;
    }
    const bool ybr422 = layout_.chroma422 && layout_.bitsAllocated == 8;
    if (layout_.samples == 3 && frames_ == 0)
        warnings.push_back(file.filename().string() + ": colour image (" + colourModel +
                           ") shown as its luminance");
    for (std::size_t i = 0; i < n; ++i) {
        double value = 0;
        if (layout_.samples == 1) {
            value = sampleAt(bytes.data(), layout_, i, 0);
        } else if (ybr422) {
            // Y1 Y2 Cb Cr per pair of pixels: the luminance is Y.
            value = bytes[(i / 2) * 4 + (i % 2)];
        } else if (isYbr(colourModel)) {
            value = sampleAt(bytes.data(), layout_, i, 0);
        } else {
            value = 0.299 * sampleAt(bytes.data(), layout_, i, 0) +
                    0.587 * sampleAt(bytes.data(), layout_, i, 1) +
                    0.114 * sampleAt(bytes.data(), layout_, i, 2);
            value = std::round(value);
        }
        store(i, value);
    }
    ++frames_;
}

// The common case, row by row: one grey sample of 8 or 16 bits per pixel into the plane.
void FrameAccumulator::addGreyRows(const std::vector<std::uint8_t>& bytes) {
    const int bits = std::clamp(layout_.bitsStored, 1, 16);
    const int shift = 16 - bits;
    const auto mask = static_cast<std::uint16_t>(0xFFFFu >> shift);
    const bool isSigned = layout_.isSigned;
    const auto width = static_cast<std::size_t>(layout_.cols);
    const std::size_t bytesPerSample = layout_.bitsAllocated == 16 ? 2 : 1;
    // Branch-free per pixel so the compiler vectorises: mask, or shift up and arithmetic-shift
    // down to sign-extend from Bits Stored.
    for (int y = 0; y < layout_.rows; ++y) {
        auto* target = direct_.row<std::uint16_t>(y);
        const std::uint8_t* source =
            bytes.data() + static_cast<std::size_t>(y) * width * bytesPerSample;
        if (bytesPerSample == 2)
            std::memcpy(target, source, width * 2);
        else
            std::copy_n(source, width, target);
        if (isSigned) {
            for (std::size_t x = 0; x < width; ++x)
                target[x] = static_cast<std::uint16_t>(
                    static_cast<std::int16_t>(static_cast<std::uint16_t>(target[x] << shift)) >>
                    shift);
        } else if (shift != 0) {
            for (std::size_t x = 0; x < width; ++x)
                target[x] = static_cast<std::uint16_t>(target[x] & mask);
        }
    }
}

void FrameAccumulator::addJpeg2000(const Image& decoded) {
    const auto width = static_cast<std::size_t>(layout_.cols);
    for (std::size_t i = 0; i < layout_.pixelCount(); ++i) {
        const int x = static_cast<int>(i % width);
        const int y = static_cast<int>(i / width);
        double value = decoded.at<std::uint16_t>(x, y);
        if (layout_.isSigned)
            value = static_cast<std::int16_t>(decoded.at<std::uint16_t>(x, y));
        if (layout_.samples == 3) {
            const double g = decoded.at<std::uint16_t>(x, y + layout_.rows);
            const double b = decoded.at<std::uint16_t>(x, y + 2 * layout_.rows);
            value = std::round(0.299 * value + 0.587 * g + 0.114 * b);
        }
        store(i, value);
    }
    ++frames_;
}

Image FrameAccumulator::finish(Plane& plane) {
    if (frames_ != expectedFrames_)
        throw Error(ErrorCode::Internal, "frame accumulator got " + std::to_string(frames_) +
                                             " of " + std::to_string(expectedFrames_) + " frames");
    if (!direct_.empty())
        return std::move(direct_);
    Image out(PixelFormat::Gray16, layout_.cols, layout_.rows);
    scaleInto(sums_, static_cast<double>(frames_), out, plane, true);
    return out;
}

Image convertWidePixels(DcmElement& element, const PixelLayout& layout, Plane& plane,
                        const std::filesystem::path& file, std::vector<std::string>& warnings) {
    if (layout.samples != 1)
        throw Error(ErrorCode::Unsupported,
                    file.string() + ": wide pixel data with colour samples is not supported");
    const std::size_t needed = layout.pixelCount();
    std::vector<double> values(needed);
    unsigned long count = 0;
    const auto fail = [&](const std::string& kind, unsigned long) {
        throw Error(ErrorCode::BadFormat, file.string() + ": " + kind + " pixel data " +
                                              element.getTag().toString().c_str() + " holds " +
                                              std::to_string(element.getLength()) + " bytes, but " +
                                              std::to_string(layout.cols) + "x" +
                                              std::to_string(layout.rows) + " pixels need " +
                                              std::to_string(needed) + " values");
    };
    switch (element.getVR()) {
    case EVR_OF: {
        Float32* data = nullptr;
        if (element.getFloat32Array(data).bad() || data == nullptr ||
            (count = element.getLength() / 4) < needed)
            fail("32-bit float", count);
        std::copy(data, data + needed, values.begin());
        break;
    }
    case EVR_OD: {
        Float64* data = nullptr;
        if (element.getFloat64Array(data).bad() || data == nullptr ||
            (count = element.getLength() / 8) < needed)
            fail("64-bit", count);
        for (std::size_t i = 0; i < needed; ++i) {
            if (layout.bitsAllocated == 64 && element.getTag() == DcmTagKey(0x7FE0, 0x0012)) {
                std::uint64_t raw = 0; // the toolkit stores unsigned 64-bit integers here
                std::memcpy(&raw, data + i, 8);
                values[i] = static_cast<double>(raw);
            } else {
                values[i] = data[i];
            }
        }
        break;
    }
    case EVR_OL: {
        Uint32* data = nullptr;
        if (element.getUint32Array(data).bad() || data == nullptr ||
            (count = element.getLength() / 4) < needed)
            fail("32-bit", count);
        for (std::size_t i = 0; i < needed; ++i)
            values[i] = layout.isSigned ? static_cast<double>(static_cast<std::int32_t>(data[i]))
                                        : static_cast<double>(data[i]);
        break;
    }
    default:
        throw Error(ErrorCode::Unsupported, file.string() + ": pixel data " +
                                                element.getTag().toString().c_str() +
                                                " has an unexpected VR");
    }
    Image out(PixelFormat::Gray16, layout.cols, layout.rows);
    plane.signedPixels = false;
    scaleInto(values, 1.0, out, plane, false);
    warnings.push_back(file.filename().string() + ": " + std::to_string(layout.bitsAllocated) +
                       "-bit pixels scaled to 16 bits for display");
    return out;
}

std::optional<PaletteLut> readPalette(DcmDataset& ds, const std::filesystem::path& file,
                                      std::vector<std::string>& warnings) {
    const DcmTagKey descriptors[] = {DCM_RedPaletteColorLookupTableDescriptor,
                                     DCM_GreenPaletteColorLookupTableDescriptor,
                                     DCM_BluePaletteColorLookupTableDescriptor};
    const DcmTagKey tables[] = {DCM_RedPaletteColorLookupTableData,
                                DCM_GreenPaletteColorLookupTableData,
                                DCM_BluePaletteColorLookupTableData};
    PaletteLut lut;
    std::vector<std::uint16_t>* channels[] = {&lut.red, &lut.green, &lut.blue};
    for (int c = 0; c < 3; ++c) {
        const auto entriesValue = integer(ds, descriptors[c], 0);
        const auto first = integer(ds, descriptors[c], 1);
        const auto bits = integer(ds, descriptors[c], 2);
        const Uint16* data = nullptr;
        unsigned long count = 0;
        if (!entriesValue || !first || !bits ||
            ds.findAndGetUint16Array(tables[c], data, &count).bad() || data == nullptr) {
            warnings.push_back(file.filename().string() +
                               ": PALETTE COLOR without usable lookup tables; shown in grey");
            return std::nullopt;
        }
        const std::size_t entries =
            *entriesValue == 0 ? 65536u : static_cast<std::size_t>(*entriesValue & 0xFFFF);
        lut.firstMapped = static_cast<int>(*first);
        auto& channel = *channels[c];
        if (*bits == 8 && count * 2 >= entries && count < entries) {
            for (std::size_t i = 0; i < entries; ++i) // two 8-bit entries packed per word
                channel.push_back(
                    static_cast<std::uint16_t>(((data[i / 2] >> (8 * (i % 2))) & 0xFF) * 257));
        } else if (count >= entries) {
            for (std::size_t i = 0; i < entries; ++i)
                channel.push_back(*bits == 8 ? static_cast<std::uint16_t>((data[i] & 0xFF) * 257)
                                             : data[i]);
        } else {
            warnings.push_back(file.filename().string() + ": palette table shorter than its " +
                               "descriptor; shown in grey");
            return std::nullopt;
        }
    }
    return lut;
}

} // namespace prescreen::imaging::decode
