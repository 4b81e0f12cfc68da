#include "tables.h"

#include <prescreen/error.h>
#include <prescreen/imaging/materials/analysis.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace prescreen::imaging::materials {
namespace {

constexpr std::array<MaterialClass, 5> kMassClasses = {
    MaterialClass::Organic, MaterialClass::Inorganic, MaterialClass::Metal,
    MaterialClass::Impenetrable, MaterialClass::Unknown};

/// The class whose reference curve gives a pixel's mass: impenetrable pixels the metal curve (a
/// lower bound), unknown ones the middle (inorganic) curve.
MaterialClass massClass(MaterialClass value) noexcept {
    return value == MaterialClass::Impenetrable ? MaterialClass::Metal
           : value == MaterialClass::Unknown    ? MaterialClass::Inorganic
                                                : value;
}

/// Relative systematic uncertainty of a class's mass; unknown pixels take the largest.
double relativeUncertainty(const Calibration& calibration, MaterialClass value) {
    const auto of = [&](MaterialClass c) {
        return calibration.massModels[static_cast<std::size_t>(c)].relativeUncertainty;
    };
    if (value == MaterialClass::Unknown)
        return std::max(
            {of(MaterialClass::Organic), of(MaterialClass::Inorganic), of(MaterialClass::Metal)});
    return of(massClass(value));
}

/// Per 16-bit high value: the mass thickness (g/cm²) a class's reference gives it, and the
/// variance from photon noise (σ_A = 1 / sqrt(counts), through dρt/dA of the curve).
struct MassLut {
    std::vector<float> massThickness;
    std::vector<float> variance;
};

MassLut buildMassLut(const ReferenceCurve& curve, const detail::EnergyLut& high, double cap,
                     const std::optional<NoiseModel>& noise) {
    MassLut lut{std::vector<float>(detail::kValues), std::vector<float>(detail::kValues)};
    constexpr double kDelta = 0.01;
    for (int v = 0; v < detail::kValues; ++v) {
        const double a =
            std::min(static_cast<double>(high.attenuation[static_cast<std::size_t>(v)]), cap);
        const double slope =
            (curve.massThicknessAt(a + kDelta) - curve.massThicknessAt(std::max(0.0, a - kDelta))) /
            (a + kDelta - std::max(0.0, a - kDelta));
        const double sigmaA = noise ? noise->high.attenuationSigma(a)
                                    : 1.0 / std::sqrt(std::max(1.0, static_cast<double>(v)));
        lut.massThickness[static_cast<std::size_t>(v)] =
            static_cast<float>(curve.massThicknessAt(std::max(0.0, a)));
        lut.variance[static_cast<std::size_t>(v)] =
            static_cast<float>(slope * slope * sigmaA * sigmaA);
    }
    return lut;
}

struct Partial {
    std::array<std::int64_t, kMaterialClassCount> pixels{};
    std::array<double, kMaterialClassCount> massThickness{}; // Σ ρt, g/cm²
    double variance = 0;                                     // Σ var(ρt)
};

} // namespace

double Composition::pixelFraction(MaterialClass value) const noexcept {
    std::int64_t objects = 0;
    for (int c = 1; c < kMaterialClassCount; ++c)
        objects += pixels[static_cast<std::size_t>(c)];
    return objects > 0 ? static_cast<double>(pixels[static_cast<std::size_t>(value)]) /
                             static_cast<double>(objects)
                       : 0.0;
}

double Composition::massFraction(MaterialClass value) const noexcept {
    double total = 0;
    for (const double m : massKg)
        total += m;
    return total > 0 ? massKg[static_cast<std::size_t>(value)] / total : 0.0;
}

MaterialAnalysis analyseMaterials(const MaterialRenderer& renderer, const DualEnergyInput& input,
                                  const PixelSpacingMm& spacing, const ImageView& mask) {
    validateInput(input, "material analysis");
    if (!(spacing[0] > 0) || !(spacing[1] > 0))
        throw Error(ErrorCode::InvalidArgument,
                    "material analysis: pixel spacing must be positive");
    if (!mask.empty() && (mask.format != PixelFormat::Gray8 || mask.width != input.high.width ||
                          mask.height != input.high.height))
        throw Error(ErrorCode::InvalidArgument,
                    "material analysis: the mask must be gray8 of the input's size");
    const auto& calibration = renderer.calibration();
    const auto high = detail::buildEnergyLut(input.airHigh);
    const auto low = detail::buildEnergyLut(input.airLow);
    const auto& noise = renderer.noise();
    // Impenetrable pixels count at the calibration's fixed level (a lower bound for anything up
    // to iron); the others up to the attenuation they can have (the noise floor with a model).
    const double fixedLevel = calibration.impenetrableAttenuation;
    const double reach = noise ? detail::floorAttenuation(noise->high) : fixedLevel;
    std::array<MassLut, kMaterialClassCount> luts;
    for (const auto value : kMassClasses) {
        const auto& curve = calibration.massReference(massClass(value));
        luts[static_cast<std::size_t>(value)] = buildMassLut(
            curve, high, value == MaterialClass::Impenetrable ? fixedLevel : reach, noise);
    }
    const auto& classes = detail::RendererAccess::tables(renderer).classes;

    Partial total;
    std::mutex merge;
    detail::forRowBands(input.high.height, [&](int y0, int y1) {
        Partial part;
        for (int y = y0; y < y1; ++y) {
            const auto* h = input.high.row<const std::uint16_t>(y);
            const auto* l = input.low.row<const std::uint16_t>(y);
            const auto* m = mask.empty() ? nullptr : mask.row<const std::uint8_t>(y);
            for (int x = 0; x < input.high.width; ++x) {
                if (m != nullptr && m[x] == 0)
                    continue;
                const auto c = classes[static_cast<std::size_t>(
                    detail::tableIndex(high.bin[h[x]], low.bin[l[x]]))];
                ++part.pixels[c];
                if (c == 0)
                    continue;
                part.massThickness[c] += luts[c].massThickness[h[x]];
                part.variance += luts[c].variance[h[x]];
            }
        }
        const std::lock_guard lock(merge);
        for (std::size_t c = 0; c < kMaterialClassCount; ++c) {
            total.pixels[c] += part.pixels[c];
            total.massThickness[c] += part.massThickness[c];
        }
        total.variance += part.variance;
    });

    const double pixelAreaCm2 = spacing[0] * spacing[1] / 100.0;
    const double kgPerGcm2 = pixelAreaCm2 / 1000.0;
    MaterialAnalysis result;
    double systematic = 0;
    for (std::size_t c = 0; c < kMaterialClassCount; ++c) {
        const double massKg = total.massThickness[c] * kgPerGcm2;
        result.composition.pixels[c] = total.pixels[c];
        result.composition.massKg[c] = massKg;
        result.mass.massKg += massKg;
        if (c > 0) {
            result.mass.objectPixels += total.pixels[c];
            const double relative = relativeUncertainty(calibration, static_cast<MaterialClass>(c));
            systematic += std::pow(relative * massKg, 2);
        }
    }
    result.mass.impenetrablePixels =
        total.pixels[static_cast<std::size_t>(MaterialClass::Impenetrable)];
    result.mass.uncertaintyKg = std::sqrt(systematic + total.variance * kgPerGcm2 * kgPerGcm2);
    return result;
}

} // namespace prescreen::imaging::materials
