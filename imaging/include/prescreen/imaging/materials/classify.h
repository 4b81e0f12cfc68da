#pragma once
// Dual-energy classification and material colour. From a high and a low plane (Gray16
// intensities with an open-beam value I0 each), A = -ln(I / I0) per energy and R = A_low / A_high;
// the calibration decides the class. Colours follow the screen convention: orange organic, green
// inorganic, blue metal, black impenetrable, white air; brightness follows attenuation.
//
// Fast path: per energy a table maps each 16-bit value to a logarithmic attenuation bin; a 2-D
// table over (high bin, low bin) holds the class and the display colour. Rows are processed in
// parallel bands. Every function works on any ImageView, so also on a crop (ImageView::region).

#include <prescreen/imaging/image.h>
#include <prescreen/imaging/materials/calibration.h>
#include <prescreen/imaging/scan.h>

#include <cstdint>
#include <memory>
#include <optional>

namespace prescreen::imaging::materials {

namespace detail {
struct RendererAccess; // the analysis functions share the renderer's tables
}

/// The two planes of one dual-energy view (views onto pixels owned elsewhere).
struct DualEnergyInput {
    ImageView high;     ///< Gray16 intensities of the high-energy detector
    ImageView low;      ///< Gray16 intensities of the low-energy detector, same size
    double airHigh = 0; ///< stored value of the open beam (I0) of the high plane
    double airLow = 0;  ///< stored value of the open beam (I0) of the low plane

    /// The same rectangle of both planes (for a viewport); throws if it is not inside.
    DualEnergyInput region(int x, int y, int width, int height) const;
};

/// The open-beam value I0 of a Gray16 plane without one: the centre of the brightest populated
/// peak of the histogram (air around the object). Throws prescreen::Error for an empty or
/// non-Gray16 image or one with no signal. See docs/materials.md for its limits.
double estimateAirValue(const ImageView& plane);

/// The HIGH and LOW planes of a view with their air values (Plane::airValue, else estimated).
/// Throws prescreen::Error (InvalidArgument) if the view is not dual-energy.
DualEnergyInput dualEnergyInput(const View& view);

/// Checks sizes, formats and air values; throws prescreen::Error saying what is wrong.
void validateInput(const DualEnergyInput& input, const char* where);

/// Photon statistics of one plane in stored units: variance(I) = gain * I + darkVariance.
/// gain is stored units per detected photon (so I / gain photons); darkVariance the detector's
/// own noise (read-out, offset drift) that remains without signal.
struct PlaneNoise {
    double air = 0; ///< open-beam stored value I0
    double gain = 0;
    double darkVariance = 0;

    /// One standard deviation of A = -ln(I / air) at attenuation `a`.
    double attenuationSigma(double a) const noexcept;
    /// The signal at `a` cannot be told from no signal: I < 3 sqrt(gain * I + darkVariance).
    bool atNoiseFloor(double a) const noexcept;
};

/// The noise of both planes of a dual-energy input; decides "unknown" and "impenetrable".
struct NoiseModel {
    PlaneNoise high, low;
};

/// Estimates each plane's noise from the data: horizontal neighbour pairs (every second row),
/// grouped by their mean into logarithmic intensity bins; per bin the pixel variance is the
/// median squared difference / (2 x 0.455) (the median of a chi-square with one degree of
/// freedom; the median ignores edges between objects); a weighted straight-line fit of variance
/// against intensity over the bins gives gain (slope) and dark variance (intercept, >= 0).
/// Throws prescreen::Error (InvalidArgument) for an input validateInput rejects, or when fewer
/// than two intensity levels hold enough pairs to fit.
NoiseModel estimateNoise(const DualEnergyInput& input);

enum class MaterialView {
    Colour,        ///< every class in its colour
    OrganicOnly,   ///< organic in colour; inorganic and metal greyed (material stripping)
    InorganicOnly, ///< inorganic and metal in colour; organic greyed (material stripping)
};

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

/// The full-strength screen colour of a class (background white, impenetrable black).
Rgb classColour(MaterialClass value) noexcept;

/// Classifies and colours dual-energy pixels. Building one costs a few milliseconds (the 2-D
/// table); keep it and reuse it. Thread-safe: all methods are const.
class MaterialRenderer {
public:
    /// Without a noise model: classes by the calibration alone (fixed impenetrable level, no
    /// "unknown"), for tables and tests that know no detector.
    explicit MaterialRenderer(const Calibration& calibration = builtinCalibration());
    /// With the scan's noise: impenetrable only where the high-energy signal is at its noise
    /// floor; "unknown" where the low-energy signal is, or where the ratio's noise (photon noise
    /// and the table's quantisation) reaches the nearest class boundary. docs/materials.md.
    MaterialRenderer(const Calibration& calibration, const NoiseModel& noise);
    ~MaterialRenderer();
    MaterialRenderer(MaterialRenderer&&) noexcept;
    MaterialRenderer& operator=(MaterialRenderer&&) noexcept;

    const Calibration& calibration() const noexcept;
    const std::optional<NoiseModel>& noise() const noexcept;
    /// A_high from which a pixel is impenetrable: the high plane's noise floor with a noise
    /// model, else the calibration's fixed level.
    double impenetrableAttenuation() const noexcept;

    /// Writes material colour into `outRgb8` (Rgb8, the input's size).
    void render(const DualEnergyInput& input, MaterialView view, const ImageView& outRgb8) const;
    /// Writes the class code (MaterialClass values) of each pixel into `outGray8`.
    void classMap(const DualEnergyInput& input, const ImageView& outGray8) const;
    /// The class the tables give one pair of attenuations (as render and classMap would).
    MaterialClass classify(double aHigh, double aLow) const noexcept;

private:
    friend struct detail::RendererAccess;
    struct Tables;
    std::unique_ptr<const Tables> tables_;
};

/// Greyscale for a single-energy plane: NO MATERIAL INFORMATION is available or implied.
/// Brightness follows transmission I / I0 (air white); writes Gray8 of the plane's size.
void renderWithoutMaterialInformation(const ImageView& plane, double airValue,
                                      const ImageView& outGray8);

} // namespace prescreen::imaging::materials
