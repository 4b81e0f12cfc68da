#pragma once
// Transmission planes shown in attenuation A = −ln(I / I_air) (docs/render.md, "Attenuation
// display"). A loaded high-energy container transmits down to 1e-4 of the open beam; shown
// linearly, everything below a few per cent of the air value is one black, while on the
// logarithmic scale each halving of the transmission is the same step of grey. Whether a plane
// holds linear transmission is decided once (transmissionOf: the file's Pixel Intensity
// Relationship, else a rule on the pixels); data already logarithmic (LOG) is never
// transformed again. Pure functions; safe on any thread.

#include <prescreen/imaging/image.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/lut.h>
#include <prescreen/imaging/scan.h>

#include <optional>
#include <string>
#include <string_view>

namespace prescreen::imaging::render {

/// How the grey of a plane is computed from its stored values.
enum class DisplayScale {
    Linear,      ///< the DICOM grey pipeline on the stored values (grey.h), as before
    Attenuation, ///< −ln T with a window over the object of inspection (LIN planes only)
    Hdr,         ///< attenuation through local tone mapping on the tiles' histograms (tone_map.h)
};

const char* displayScaleName(DisplayScale scale) noexcept; ///< "linear", "attenuation", "hdr"
std::optional<DisplayScale> parseDisplayScale(std::string_view name) noexcept;

/// What transmissionOf() decided about a plane.
struct Transmission {
    /// Stored values are proportional to the transmitted intensity: attenuation applies.
    bool linear = false;
    /// (0028,1040) said so; false: decided from the pixels (or the plane kind).
    bool fromFile = false;
    /// Stored value of the open beam (T = 1): Plane::airValue, else estimated from the pixels.
    double airValue = 0;
    /// Stored units per detected photon, from the open beam's variance (Poisson: variance =
    /// gain × mean); 1 when it cannot be measured. Used to find photon-starved pixels.
    double gain = 1;
    /// One line saying what was decided and why, for `prescreen-cli info` and logs.
    std::string reason;
};

/// The rule (docs/render.md):
/// 1. PALETTE COLOR and derived planes (Z effective, density, μ, basis, Compton, photoelectric)
///    are not transmission.
/// 2. (0028,1040) LIN with sign +1 (or absent sign) is linear transmission; LOG, OTHER or LIN
///    with sign −1 are shown as stored.
/// 3. Without (0028,1040): energy, intensity and single planes are linear transmission when the
///    pixels show an open-beam peak (at least 0.2 % of the pixels within ±2 % of the value
///    near the brightest 0.1 %, three times denser than the values at 50–90 % of it) and the
///    object's noise falls with the signal, as photon noise does on a linear scale (σ ∝ √I),
///    rather than rising, as it does once logarithmic (σ ∝ 1/√I): noise of the darker band
///    (5th–30th percentile of the object) not above the brighter one's (60th–90th). Without
///    enough pixels to compare noise, the peak alone decides (DX data are LIN by default).
/// Throws prescreen::Error InvalidArgument for a plane without Gray16 pixels.
Transmission transmissionOf(const Plane& plane);

/// The display a plane gets unless the user chooses: Attenuation for linear transmission in a
/// DICOS scan, or in any scan when the plane has no window of its own; Linear otherwise (a
/// medical image's own window presets are in linear units and keep their meaning).
DisplayScale defaultDisplayScale(const Plane& plane, const Transmission& transmission,
                                 bool dicos) noexcept;

/// Attenuation of one stored value: ln(air / max(v, 0.5)) with v the value masked to Bits
/// Stored (≤ 0 counts as 0.5: zero photons).
double storedAttenuation(const Plane& plane, const Transmission& transmission,
                         std::uint16_t stored);

/// Pixels whose attenuation is below this are air (or the thinnest film): not the object.
inline constexpr double kObjectAttenuation = 0.05;

/// The automatic window in attenuation units over the object of inspection: the given
/// percentiles of the attenuation of the pixels with A ≥ kObjectAttenuation (all pixels when
/// fewer than 0.1 % are), the high end at most the attenuation of one detected photon
/// (ln(air / gain)). center = mid-point, width = span (at least 0.01). One histogram pass. Throws
/// prescreen::Error InvalidArgument for a plane that is not linear transmission.
Window autoAttenuationWindow(const Plane& plane, const Transmission& transmission,
                             double lowPercent = 0.5, double highPercent = 99.5);

/// The display table of attenuation: A ≤ window low → white (air), A ≥ window high → black
/// (densest), linear in A between; then gamma, MONOCHROME1 and invert as in grey.h. The
/// window is in attenuation units. Throws prescreen::Error InvalidArgument for a plane that is
/// not linear transmission, a non-finite or non-positive window width, or a bad gamma.
DisplayLut makeAttenuationLut(const Plane& plane, const Transmission& transmission,
                              const Window& window, double gamma = 1.0, bool invert = false);

/// Edge-preserving smoothing of photon-starved pixels.
struct StarvedSmoothing {
    /// A pixel is photon-starved when it holds fewer detected photons than this (relative
    /// noise of its attenuation above 1/√minPhotons; 100 → 0.1). At pyramid level L a pixel
    /// averages 4^L detector pixels, so it holds 4^L times the photons.
    double minPhotons = 100;
    int kernel = 3; ///< median window, 3 or 5 (5 smooths more, at about four times the cost)
};

/// The crop (Gray16 stored values of a view at pyramid level `level`) with its photon-starved
/// pixels (those whose kernel × kernel median is below the photon limit) replaced by that
/// median; other pixels are unchanged. A median keeps edges (a step survives it) while removing the
/// Poisson spikes that dominate a dense load. Throws prescreen::Error InvalidArgument for a
/// non-Gray16 crop, a negative level or bad settings.
Image smoothStarved(const ImageView& crop, const Transmission& transmission, int level,
                    const StarvedSmoothing& settings = {});

} // namespace prescreen::imaging::render
