#include "modality.h"
#include "voi.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/grey.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace prescreen::imaging::render {

namespace {

void checkSettings(const GreySettings& settings) {
    if (!std::isfinite(settings.gamma) || settings.gamma <= 0)
        throw Error(ErrorCode::InvalidArgument, "grey settings: gamma " +
                                                    std::to_string(settings.gamma) +
                                                    " is not a finite number > 0");
}

std::uint8_t toByte(double normalised) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(normalised, 0.0, 1.0) * 255.0));
}

DisplayLut paletteLut(const Plane& plane, const detail::Modality& modality, bool invert) {
    if (!plane.palette)
        throw Error(ErrorCode::InvalidArgument,
                    "grey pipeline: PALETTE COLOR plane has no palette (" +
                        plane.sourceFile.string() + ")");
    const PaletteLut& palette = *plane.palette;
    const std::size_t entries = palette.red.size();
    if (entries == 0 || palette.green.size() != entries || palette.blue.size() != entries)
        throw Error(ErrorCode::InvalidArgument, "grey pipeline: palette tables have " +
                                                    std::to_string(palette.red.size()) + "/" +
                                                    std::to_string(palette.green.size()) + "/" +
                                                    std::to_string(palette.blue.size()) +
                                                    " entries; they must be equal and non-empty");
    DisplayLut lut(PixelFormat::Rgb8);
    const auto last = static_cast<long>(entries) - 1;
    for (int stored = 0; stored < DisplayLut::kEntries; ++stored) {
        const auto code = static_cast<std::uint16_t>(stored);
        const long index = std::clamp<long>(modality.integer(code) - palette.firstMapped, 0, last);
        const auto at = static_cast<std::size_t>(index);
        std::array<std::uint8_t, 3> rgb{static_cast<std::uint8_t>(palette.red[at] >> 8),
                                        static_cast<std::uint8_t>(palette.green[at] >> 8),
                                        static_cast<std::uint8_t>(palette.blue[at] >> 8)};
        if (invert)
            for (auto& channel : rgb)
                channel = static_cast<std::uint8_t>(255 - channel);
        lut.setRgb(code, rgb);
    }
    return lut;
}

} // namespace

double modalityValue(const Plane& plane, std::uint16_t stored) {
    return detail::modalityOf(plane, "modality value").value(stored);
}

ResolvedWindow resolveWindow(const Plane& plane, const GreySettings& settings) {
    ResolvedWindow resolved;
    resolved.function = settings.voiFunction.value_or(plane.voiFunction);
    if (settings.window) {
        resolved.window = *settings.window;
    } else if (!plane.windows.empty()) {
        resolved.window = Window{plane.windows.front().center, plane.windows.front().width};
    } else {
        resolved.window = autoWindow(plane, settings.autoLowPercent, settings.autoHighPercent);
        resolved.automatic = true;
        // The automatic window spans [low, high] exactly, which LINEAR's (w − 1) cannot express
        // for sub-unit rescaled ranges: use its exact twin.
        if (resolved.function == VoiFunction::Linear)
            resolved.function = VoiFunction::LinearExact;
    }
    detail::checkWindow(resolved.function, resolved.window);
    return resolved;
}

DisplayLut makeGreyLut(const Plane& plane, const GreySettings& settings) {
    checkSettings(settings);
    const detail::Modality modality = detail::modalityOf(plane, "grey pipeline");
    if (plane.photometric == Photometric::PaletteColor)
        return paletteLut(plane, modality, settings.invert);

    const ResolvedWindow resolved = resolveWindow(plane, settings);
    const bool monochrome1 = plane.photometric == Photometric::Monochrome1;
    const double inverseGamma = 1.0 / settings.gamma;
    DisplayLut lut(PixelFormat::Gray8);
    for (int stored = 0; stored < DisplayLut::kEntries; ++stored) {
        const auto code = static_cast<std::uint16_t>(stored);
        double v =
            detail::voiUnchecked(resolved.function, resolved.window, modality.value(code)) / 255.0;
        if (monochrome1)
            v = 1.0 - v;
        if (settings.gamma != 1.0)
            v = std::pow(std::clamp(v, 0.0, 1.0), inverseGamma);
        if (settings.invert)
            v = 1.0 - v;
        lut.setGrey(code, toByte(v));
    }
    return lut;
}

Image renderGrey(const Plane& plane, const GreySettings& settings) {
    if (plane.pixels.empty())
        throw Error(ErrorCode::InvalidArgument, "grey pipeline: the plane has no pixels");
    return makeGreyLut(plane, settings).apply(plane.pixels.view());
}

} // namespace prescreen::imaging::render
