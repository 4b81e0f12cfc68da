#pragma once
// The lookup tables behind MaterialRenderer and the analysis functions (imaging-internal).

#include <prescreen/imaging/materials/classify.h>

#include <array>
#include <cstdint>
#include <vector>

namespace prescreen::imaging::materials::detail {

/// Attenuation is quantised into kBins logarithmic bins: bin 0 is A below kMinAttenuation
/// (air), bin kBins - 1 is A at or above kMaxAttenuation, the rest log-spaced (0.6 % wide, fine
/// enough for the few-percent ratio differences of MeV cargo scanners).
inline constexpr int kBinBits = 10;
inline constexpr int kBins = 1 << kBinBits;
inline constexpr double kMinAttenuation = 0.02;
inline constexpr double kMaxAttenuation = 9.0;
inline constexpr int kValues = 65536;

int attenuationBin(double attenuation) noexcept;
double binAttenuation(int bin) noexcept; ///< the bin's representative attenuation

/// Per 16-bit stored value of one plane with open-beam value `air`: A = -ln(v / air) and its bin.
struct EnergyLut {
    std::vector<float> attenuation;
    std::vector<std::uint16_t> bin;
};
EnergyLut buildEnergyLut(double air);

/// The bins alone, found by walking the bin edges (kBins exponentials instead of 65536
/// logarithms): cheap enough to rebuild for every viewport render. highIndex holds the bin
/// already shifted into the table index.
struct BinLut {
    std::vector<std::uint32_t> highIndex;
    std::vector<std::uint16_t> lowBin;
};
BinLut buildBinLut(double airHigh, double airLow);

/// Over (high bin, low bin), index (high << kBinBits) | low: the class code, and per view the
/// packed colour 0x00BBGGRR.
struct ClassTables {
    std::vector<std::uint8_t> classes;
    std::array<std::vector<std::uint32_t>, 3> colours; ///< indexed by MaterialView
};
/// Without `noise`, classes by the calibration alone; with it, "impenetrable" and "unknown" as
/// MaterialRenderer's noise constructor describes.
ClassTables buildClassTables(const Calibration& calibration, const NoiseModel* noise);

/// The class of one attenuation pair given the scan's noise (used by buildClassTables).
MaterialClass noisyClass(const Calibration& calibration, const NoiseModel& noise, double aHigh,
                         double aLow) noexcept;

/// A_high at which the high plane reaches its noise floor (PlaneNoise::atNoiseFloor).
double floorAttenuation(const PlaneNoise& noise) noexcept;

inline int tableIndex(std::uint16_t highBin, std::uint16_t lowBin) noexcept {
    return (static_cast<int>(highBin) << kBinBits) | lowBin;
}

/// outRgb8(x, y) = colours[highIndex[high(x, y)] | lowBin[low(x, y)]] as the bytes R, G, B of the
/// packed 0x00BBGGRR colour, over row bands on up to `maxThreads` threads (0: one per CPU this
/// process may run on). Sizes and formats must already be checked; tables of the wrong size
/// throw prescreen::Error (Internal).
void renderColours(const DualEnergyInput& input, const BinLut& bins,
                   const std::vector<std::uint32_t>& colours, const ImageView& outRgb8,
                   int maxThreads = 0);

struct RendererAccess {
    static const ClassTables& tables(const MaterialRenderer& renderer) noexcept;
};

/// The number of CPUs this process may run on (its affinity mask: taskset, cgroups), at least 1.
int usableCpus() noexcept;

/// Runs body(y0, y1) over contiguous row bands of `height` rows, one std::jthread per usable CPU
/// (at most `maxThreads` if positive), none for small images.
template <typename Body>
void forRowBands(int height, const Body& body, int maxThreads = 0);

} // namespace prescreen::imaging::materials::detail

#include "tables_parallel.h"
