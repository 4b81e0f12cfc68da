#pragma once
// The modality transform of a plane's stored values (private to the render area): Bits Stored
// masking, sign extension, rescale. Checked once when made, then cheap per value.

#include <prescreen/imaging/scan.h>

#include <cstdint>

namespace prescreen::imaging::render::detail {

struct Modality {
    bool signedPixels = false;
    int bitsStored = 16;
    double slope = 1.0;
    double intercept = 0.0;

    /// The stored value as the integer it encodes: bits above bitsStored dropped, then
    /// sign-extended from bit bitsStored − 1 when signed.
    int integer(std::uint16_t stored) const noexcept {
        const unsigned mask = bitsStored >= 16 ? 0xFFFFu : (1u << bitsStored) - 1u;
        const int value = static_cast<int>(stored & mask);
        if (signedPixels && (value & (1 << (bitsStored - 1))) != 0)
            return value - (1 << bitsStored);
        return value;
    }
    double value(std::uint16_t stored) const noexcept {
        return integer(stored) * slope + intercept;
    }
};

/// The plane's transform; throws prescreen::Error InvalidArgument for Bits Stored outside 1..16
/// or a non-finite slope / intercept, with `where` in the message.
Modality modalityOf(const Plane& plane, const char* where);

} // namespace prescreen::imaging::render::detail
