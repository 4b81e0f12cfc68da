#pragma once
// Analysis of a dual-energy view: mass from attenuation, material composition, and a finder for
// dense or impenetrable regions. Units: kilograms, millimetres, g/cm². Assumptions (pixel values
// proportional to detected photons, one class reference per class) in docs/materials.md.

#include <prescreen/imaging/image.h>
#include <prescreen/imaging/materials/classify.h>

#include <array>
#include <cstdint>
#include <vector>

namespace prescreen::imaging::materials {

/// {row spacing, column spacing} in millimetres, as Plane::pixelSpacingMm.
using PixelSpacingMm = std::array<double, 2>;

struct PixelRect {
    int x = 0, y = 0, width = 0, height = 0;
};

struct MassEstimate {
    double massKg = 0;
    double uncertaintyKg = 0;            ///< one standard deviation: class systematics and noise
    std::int64_t objectPixels = 0;       ///< pixels not classed background
    std::int64_t impenetrablePixels = 0; ///< their mass is a lower bound only
    bool lowerBoundOnly() const noexcept { return impenetrablePixels > 0; }
};

/// Pixels and estimated mass per class (indexed by MaterialClass).
struct Composition {
    std::array<std::int64_t, kMaterialClassCount> pixels{};
    std::array<double, kMaterialClassCount> massKg{};
    /// Fraction of object (non-background) pixels in `value`; 0 when there are none.
    double pixelFraction(MaterialClass value) const noexcept;
    /// Fraction of the estimated mass in `value`; 0 when there is none.
    double massFraction(MaterialClass value) const noexcept;
};

struct MaterialAnalysis {
    MassEstimate mass;
    Composition composition;
};

/// Mass and composition of the input (a whole view, or a crop of one for a rectangle). `mask`,
/// if not empty, is Gray8 of the input's size and limits the analysis to its non-zero pixels
/// (a polygon region). Mass thickness per pixel: the class's reference curve at A_high.
MaterialAnalysis analyseMaterials(const MaterialRenderer& renderer, const DualEnergyInput& input,
                                  const PixelSpacingMm& spacing, const ImageView& mask = {});

struct DenseRegionOptions {
    double minAttenuation = 3.0; ///< A_high threshold of a dense pixel
    double minAreaMm2 = 100;     ///< smaller components are ignored
};

struct DenseRegion {
    PixelRect box;                   ///< in the input's pixel coordinates
    double areaMm2 = 0;              ///< area of the component's pixels (not of the box)
    double meanAttenuation = 0;      ///< mean A_high over the component
    double impenetrableFraction = 0; ///< share of its pixels at or above the impenetrable level
};

/// Connected components (8-connected) of pixels with A_high >= options.minAttenuation, largest
/// first. Use minAttenuation = calibration().impenetrableAttenuation to find impenetrable ones.
std::vector<DenseRegion> findDenseRegions(const MaterialRenderer& renderer,
                                          const DualEnergyInput& input,
                                          const PixelSpacingMm& spacing,
                                          const DenseRegionOptions& options = {});

} // namespace prescreen::imaging::materials
