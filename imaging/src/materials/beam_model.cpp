#include <prescreen/error.h>
#include <prescreen/imaging/materials/material_table.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace prescreen::imaging::materials {
namespace {

// -ln Σ w_i exp(-x_i), computed without underflow for thick stacks.
double detectedAttenuation(const std::vector<double>& weights, const std::vector<double>& optical) {
    double smallest = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] > 0)
            smallest = std::min(smallest, optical[i] - std::log(weights[i]));
    }
    double sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] > 0)
            sum += std::exp(-(optical[i] - std::log(weights[i]) - smallest));
    }
    return smallest - std::log(sum);
}

} // namespace

DualAttenuation modelAttenuation(const Beam& beam, std::span<const Layer> layers) {
    std::vector<double> optical(beam.energiesKeV.size(), 0.0);
    for (const auto& layer : layers) {
        if (layer.material == nullptr || layer.massThicknessGcm2 < 0 ||
            layer.material->muRhoCm2PerG.size() != optical.size())
            throw Error(ErrorCode::InvalidArgument,
                        "modelAttenuation: a layer has no material, a negative thickness or a "
                        "material from another energy grid");
        for (std::size_t i = 0; i < optical.size(); ++i)
            optical[i] += layer.material->muRhoCm2PerG[i] * layer.massThicknessGcm2;
    }
    return {detectedAttenuation(beam.highWeights, optical),
            detectedAttenuation(beam.lowWeights, optical)};
}

} // namespace prescreen::imaging::materials
