#include "tables.h"

#include <prescreen/error.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace prescreen::imaging::materials {
namespace detail {
namespace {

const double kLogMin = std::log(kMinAttenuation);
const double kLogRange = std::log(kMaxAttenuation) - std::log(kMinAttenuation);

} // namespace

int attenuationBin(double a) noexcept {
    if (!(a >= kMinAttenuation))
        return 0;
    if (a >= kMaxAttenuation)
        return kBins - 1;
    const int bin = 1 + static_cast<int>((std::log(a) - kLogMin) / kLogRange * (kBins - 2));
    return std::clamp(bin, 1, kBins - 2);
}

double binAttenuation(int bin) noexcept {
    if (bin <= 0)
        return 0;
    if (bin >= kBins - 1)
        return kMaxAttenuation;
    return std::exp(kLogMin + (bin - 0.5) / (kBins - 2) * kLogRange);
}

EnergyLut buildEnergyLut(double air) {
    EnergyLut lut;
    lut.attenuation.resize(kValues);
    lut.bin.resize(kValues);
    const double logAir = std::log(air);
    for (int v = 0; v < kValues; ++v) {
        // A zero reading is "no photons": the most attenuation the range can express.
        const double a = v == 0 ? kMaxAttenuation : logAir - std::log(static_cast<double>(v));
        lut.attenuation[static_cast<std::size_t>(v)] = static_cast<float>(a);
        lut.bin[static_cast<std::size_t>(v)] = static_cast<std::uint16_t>(attenuationBin(a));
    }
    return lut;
}

namespace {

// bin(v) = the number of edges e_k (k = 1 .. kBins - 1) with -ln(v / air) >= e_k, i.e. with
// v <= air * exp(-e_k); those limits fall as k rises, so one pass over v suffices.
template <typename T>
std::vector<T> walkBins(double air, int shift) {
    std::vector<double> limit(kBins, 0.0);
    for (int k = 1; k < kBins; ++k)
        limit[static_cast<std::size_t>(k)] =
            air * std::exp(-std::exp(kLogMin + (k - 1.0) / (kBins - 2) * kLogRange));
    std::vector<T> bins(kValues);
    int k = kBins - 1;
    bins[0] = static_cast<T>(k << shift);
    for (int v = 1; v < kValues; ++v) {
        while (k >= 1 && v > limit[static_cast<std::size_t>(k)])
            --k;
        bins[static_cast<std::size_t>(v)] = static_cast<T>(k << shift);
    }
    return bins;
}

} // namespace

BinLut buildBinLut(double airHigh, double airLow) {
    return {walkBins<std::uint32_t>(airHigh, kBinBits), walkBins<std::uint16_t>(airLow, 0)};
}

} // namespace detail

DualEnergyInput DualEnergyInput::region(int x, int y, int width, int height) const {
    return {high.region(x, y, width, height), low.region(x, y, width, height), airHigh, airLow};
}

void validateInput(const DualEnergyInput& input, const char* where) {
    const auto fail = [where](const std::string& what) {
        throw Error(ErrorCode::InvalidArgument, std::string(where) + ": " + what);
    };
    if (input.high.empty() || input.low.empty())
        fail("the high or low plane is empty");
    if (input.high.format != PixelFormat::Gray16 || input.low.format != PixelFormat::Gray16)
        fail(std::string("planes must be gray16, are ") + pixelFormatName(input.high.format) +
             " and " + pixelFormatName(input.low.format));
    if (input.high.width != input.low.width || input.high.height != input.low.height)
        fail("plane sizes differ: high " + std::to_string(input.high.width) + "x" +
             std::to_string(input.high.height) + ", low " + std::to_string(input.low.width) + "x" +
             std::to_string(input.low.height));
    if (!(input.airHigh > 0) || !(input.airLow > 0) || !std::isfinite(input.airHigh) ||
        !std::isfinite(input.airLow))
        fail("air (open-beam) values must be positive, are " + std::to_string(input.airHigh) +
             " (high) and " + std::to_string(input.airLow) + " (low)");
}

double estimateAirValue(const ImageView& plane) {
    if (plane.empty() || plane.format != PixelFormat::Gray16)
        throw Error(ErrorCode::InvalidArgument,
                    "estimateAirValue: the plane is empty or not gray16");
    // Histogram in blocks of 64 values, smoothed over five blocks. Going down from the
    // brightest value, the first local maximum holding at least 0.1 % of the pixels is the open
    // beam: air is the brightest populated area of a transmission image, and an isolated hot
    // pixel holds too few pixels to count.
    constexpr int kBlock = 64;
    constexpr int kBlocks = detail::kValues / kBlock;
    std::vector<std::int64_t> values(detail::kValues, 0);
    for (int y = 0; y < plane.height; ++y) {
        const auto* row = plane.row<const std::uint16_t>(y);
        for (int x = 0; x < plane.width; ++x)
            ++values[row[x]];
    }
    std::vector<double> blocks(kBlocks, 0.0);
    int brightest = 0;
    for (int v = 0; v < detail::kValues; ++v) {
        blocks[static_cast<std::size_t>(v / kBlock)] +=
            static_cast<double>(values[static_cast<std::size_t>(v)]);
        if (values[static_cast<std::size_t>(v)] > 0)
            brightest = v;
    }
    if (brightest == 0)
        throw Error(ErrorCode::InvalidArgument, "estimateAirValue: the plane has no signal");
    std::vector<double> smooth(kBlocks, 0.0);
    for (int b = 0; b < kBlocks; ++b) {
        for (int d = -2; d <= 2; ++d) {
            if (b + d >= 0 && b + d < kBlocks)
                smooth[static_cast<std::size_t>(b)] += blocks[static_cast<std::size_t>(b + d)];
        }
    }
    const double enough = 0.001 * static_cast<double>(plane.width) * plane.height;
    const auto at = [&](int b) {
        return b >= 0 && b < kBlocks ? smooth[static_cast<std::size_t>(b)] : 0.0;
    };
    int peak = brightest / kBlock;
    for (int b = brightest / kBlock; b >= 0; --b) {
        if (at(b) >= enough && at(b) >= at(b - 1) && at(b) >= at(b + 1)) {
            peak = b;
            break;
        }
    }
    const auto best = static_cast<std::size_t>(peak);
    // Mean of the values within eight blocks of the peak.
    double sum = 0, count = 0;
    const int from = std::max(0, static_cast<int>(best) * kBlock - 8 * kBlock);
    const int to = std::min(detail::kValues, static_cast<int>(best + 9) * kBlock);
    for (int v = from; v < to; ++v) {
        sum += static_cast<double>(v) * static_cast<double>(values[static_cast<std::size_t>(v)]);
        count += static_cast<double>(values[static_cast<std::size_t>(v)]);
    }
    return count > 0 ? sum / count : brightest;
}

DualEnergyInput dualEnergyInput(const View& view) {
    const Plane* high = view.find(PlaneKind::HighEnergy);
    const Plane* low = view.find(PlaneKind::LowEnergy);
    if (high == nullptr || low == nullptr)
        throw Error(ErrorCode::InvalidArgument,
                    "view " + std::to_string(view.index) +
                        " is not dual-energy (needs HIGH ENERGY and LOW ENERGY planes)");
    DualEnergyInput input{high->pixels.view(), low->pixels.view(), 0, 0};
    input.airHigh = high->airValue ? *high->airValue : estimateAirValue(input.high);
    input.airLow = low->airValue ? *low->airValue : estimateAirValue(input.low);
    validateInput(input, "dual-energy view");
    return input;
}

} // namespace prescreen::imaging::materials
