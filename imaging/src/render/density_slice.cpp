#include "modality.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/density_slice.h>

#include <cmath>
#include <string>

namespace prescreen::imaging::render {

DisplayLut makeDensitySliceLut(const Plane& plane, const DensitySlice& slice,
                               const GreySettings& settings) {
    if (!std::isfinite(slice.lower) || !std::isfinite(slice.upper) || slice.lower > slice.upper)
        throw Error(ErrorCode::InvalidArgument,
                    "density slice: band " + std::to_string(slice.lower) + " .. " +
                        std::to_string(slice.upper) + " is not finite with lower <= upper");
    if (!(slice.opacity >= 0 && slice.opacity <= 1))
        throw Error(ErrorCode::InvalidArgument, "density slice: opacity " +
                                                    std::to_string(slice.opacity) +
                                                    " is not within 0..1");
    if (plane.photometric == Photometric::PaletteColor)
        throw Error(ErrorCode::InvalidArgument,
                    "density slice: a PALETTE COLOR plane has no grey to slice (" +
                        plane.sourceFile.string() + ")");

    const DisplayLut grey = makeGreyLut(plane, settings);
    const detail::Modality modality = detail::modalityOf(plane, "density slice");
    DisplayLut lut(PixelFormat::Rgb8);
    for (int stored = 0; stored < DisplayLut::kEntries; ++stored) {
        const auto code = static_cast<std::uint16_t>(stored);
        const std::uint8_t g = grey.grey(code);
        const double value = modality.value(code);
        if (value < slice.lower || value > slice.upper) {
            lut.setRgb(code, {g, g, g});
            continue;
        }
        std::array<std::uint8_t, 3> rgb{};
        for (std::size_t c = 0; c < 3; ++c)
            rgb[c] = static_cast<std::uint8_t>(
                std::lround((1.0 - slice.opacity) * g + slice.opacity * slice.colour[c]));
        lut.setRgb(code, rgb);
    }
    return lut;
}

} // namespace prescreen::imaging::render
