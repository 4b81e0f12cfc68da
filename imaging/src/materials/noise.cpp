#include "tables.h"

#include <prescreen/error.h>
#include <prescreen/imaging/materials/classify.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace prescreen::imaging::materials {
namespace {

constexpr int kLevels = 48;                  // logarithmic intensity bins over 1 .. 65535
constexpr std::size_t kPairsPerLevel = 4096; // enough for a median, bounded memory
constexpr std::size_t kMinPairs = 64;
constexpr double kMedianChiSquare1 = 0.4549; // median of a chi-square with one degree of freedom

int level(double mean) noexcept {
    if (mean < 1)
        return -1;
    return std::min(kLevels - 1, static_cast<int>(std::log(mean) / std::log(65536.0) * kLevels));
}

PlaneNoise planeNoise(const ImageView& plane, double air, const char* which) {
    std::array<std::vector<float>, kLevels> squares;
    std::array<double, kLevels> sums{};
    for (int y = 0; y < plane.height; y += 2) {
        const auto* row = plane.row<const std::uint16_t>(y);
        for (int x = 0; x + 1 < plane.width; x += 2) {
            const double a = row[x], b = row[x + 1];
            const int l = level((a + b) / 2);
            if (l < 0 || squares[static_cast<std::size_t>(l)].size() >= kPairsPerLevel)
                continue;
            squares[static_cast<std::size_t>(l)].push_back(static_cast<float>((a - b) * (a - b)));
            sums[static_cast<std::size_t>(l)] += (a + b) / 2;
        }
    }
    // Weighted least squares of variance = gain * I + dark, weights 1 / variance^2 (relative
    // errors: every level counts alike, whatever its intensity).
    double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    int used = 0;
    for (std::size_t l = 0; l < squares.size(); ++l) {
        auto& values = squares[l];
        if (values.size() < kMinPairs)
            continue;
        const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
        std::nth_element(values.begin(), middle, values.end());
        const double variance = std::max(1e-3, *middle / (2 * kMedianChiSquare1));
        const double intensity = sums[l] / static_cast<double>(values.size());
        const double w = 1 / (variance * variance);
        sw += w;
        sx += w * intensity;
        sy += w * variance;
        sxx += w * intensity * intensity;
        sxy += w * intensity * variance;
        ++used;
    }
    if (used < 2)
        throw Error(ErrorCode::InvalidArgument,
                    std::string("estimateNoise: the ") + which +
                        " plane has fewer than two intensity levels with enough pixels to "
                        "measure its noise");
    const double determinant = sw * sxx - sx * sx;
    double gain = determinant > 0 ? (sw * sxy - sx * sy) / determinant : 0;
    double dark = determinant > 0 ? (sy - gain * sx) / sw : sy / sw;
    if (!(gain > 0)) { // no photon-noise slope visible: all variance is the detector's
        gain = 1e-9;
        dark = sy / sw;
    }
    return {air, gain, std::max(0.0, dark)};
}

} // namespace

double PlaneNoise::attenuationSigma(double a) const noexcept {
    const double intensity = air * std::exp(-a);
    if (!(intensity > 0))
        return 1e9;
    return std::sqrt(gain * intensity + darkVariance) / intensity;
}

bool PlaneNoise::atNoiseFloor(double a) const noexcept {
    const double intensity = air * std::exp(-a);
    return intensity < 3 * std::sqrt(gain * intensity + darkVariance);
}

NoiseModel estimateNoise(const DualEnergyInput& input) {
    validateInput(input, "estimateNoise");
    return {planeNoise(input.high, input.airHigh, "high-energy"),
            planeNoise(input.low, input.airLow, "low-energy")};
}

} // namespace prescreen::imaging::materials
