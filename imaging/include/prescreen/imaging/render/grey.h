#pragma once
// The greyscale display pipeline of a plane, after DICOM PS3.3 C.11 (see docs/render.md):
//   stored value → mask to Bits Stored (sign-extend if signed) → rescale slope / intercept
//   → VOI LUT function (LINEAR, LINEAR_EXACT, SIGMOID) with a window → MONOCHROME1 inversion
//   → gamma → optional invert → 8-bit grey.
// PALETTE COLOR planes map through their palette to RGB instead. All of it is built into one
// 65,536-entry DisplayLut; building it is pure and cheap (~1 ms), applying it is a table read.

#include <prescreen/imaging/image.h>
#include <prescreen/imaging/render/lut.h>
#include <prescreen/imaging/scan.h>

#include <cstdint>
#include <optional>

namespace prescreen::imaging::render {

/// A VOI window in rescaled (modality) units, as DICOM Window Center / Width.
struct Window {
    double center = 0;
    double width = 1;
};

/// How a plane is displayed. Defaults reproduce the file's own presentation.
struct GreySettings {
    /// The window to use; when absent, the plane's first window, else an automatic one.
    std::optional<Window> window;
    /// Overrides the plane's VOI LUT function when set.
    std::optional<VoiFunction> voiFunction;
    /// Display gamma applied to the normalised VOI output v in [0, 1]: v^(1/gamma). 1 = off,
    /// > 1 brightens the mid-tones. Must be finite and > 0.
    double gamma = 1.0;
    /// Invert the final grey (white-on-black ↔ black-on-white), after MONOCHROME1 handling.
    bool invert = false;
    /// Percentiles (0..100) of the stored pixels that bound the automatic window.
    double autoLowPercent = 0.5;
    double autoHighPercent = 99.5;
};

/// The modality value of one stored value: bits above Bits Stored dropped, sign-extended from
/// bit (Bits Stored − 1) if the plane is signed, then × slope + intercept.
double modalityValue(const Plane& plane, std::uint16_t stored);

/// The window spanning the given percentiles of the plane's stored pixels, in rescaled units
/// (center = mid-point, width = span; at least |slope| wide). One histogram pass over the
/// plane. Throws prescreen::Error InvalidArgument for an empty / non-Gray16 plane or bad
/// percentiles.
Window autoWindow(const Plane& plane, double lowPercent = 0.5, double highPercent = 99.5);

/// The window and VOI function settings + plane resolve to (which one build uses).
struct ResolvedWindow {
    Window window;
    VoiFunction function = VoiFunction::Linear;
    bool automatic = false; ///< came from autoWindow()
};
ResolvedWindow resolveWindow(const Plane& plane, const GreySettings& settings);

/// The 8-bit VOI output for a modality value, DICOM PS3.3 C.11.2.1.2 with y in [0, 255] as a
/// real number (not yet rounded). Throws prescreen::Error InvalidArgument for a window the
/// function does not accept (LINEAR: width ≥ 1; others: width > 0; all: finite).
double voiOutput(VoiFunction function, const Window& window, double modality);

/// The display table for the plane: Gray8 for MONOCHROME1/2, Rgb8 (through Plane::palette) for
/// PALETTE COLOR. Reads the pixels only for an automatic window. Throws prescreen::Error
/// InvalidArgument for inconsistent plane attributes (Bits Stored outside 1..16, non-finite
/// rescale, palette colour without a palette) or settings (gamma, window), naming which.
DisplayLut makeGreyLut(const Plane& plane, const GreySettings& settings = {});

/// makeGreyLut(plane, settings).apply(plane.pixels.view()): the whole plane for display.
Image renderGrey(const Plane& plane, const GreySettings& settings = {});

} // namespace prescreen::imaging::render
