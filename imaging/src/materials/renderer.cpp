#include "tables.h"

#include <prescreen/error.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sched.h>
#include <string>
#include <thread>

namespace prescreen::imaging::materials {

struct MaterialRenderer::Tables {
    Calibration calibration;
    std::optional<NoiseModel> noise;
    detail::ClassTables tables;
};

namespace detail {
namespace {

constexpr std::uint32_t pack(double r, double g, double b) noexcept {
    const auto byte = [](double v) {
        return static_cast<std::uint32_t>(std::clamp(v, 0.0, 255.0) + 0.5);
    };
    return byte(r) | (byte(g) << 8) | (byte(b) << 16);
}

bool coloured(MaterialView view, MaterialClass value) noexcept {
    switch (view) {
    case MaterialView::Colour:
        return true;
    case MaterialView::OrganicOnly:
        return value == MaterialClass::Organic;
    case MaterialView::InorganicOnly:
        return value == MaterialClass::Inorganic || value == MaterialClass::Metal;
    }
    return true;
}

// Brightness follows attenuation; thin objects are pale, thick ones full and dark.
std::uint32_t pixelColour(MaterialClass value, double aHigh, MaterialView view) noexcept {
    if (value == MaterialClass::Background)
        return pack(255, 255, 255);
    if (value == MaterialClass::Impenetrable)
        return pack(0, 0, 0);
    const double lightness = 0.3 + 0.7 * std::exp(-0.4 * aHigh);
    if (!coloured(view, value)) {
        const double grey = 215 * lightness;
        return pack(grey, grey, grey);
    }
    const double saturation = std::min(1.0, aHigh / 0.4);
    const Rgb base = classColour(value);
    const auto channel = [&](std::uint8_t c) {
        return (255 * (1 - saturation) + c * saturation) * lightness;
    };
    return pack(channel(base.r), channel(base.g), channel(base.b));
}

} // namespace

MaterialClass noisyClass(const Calibration& c, const NoiseModel& noise, double aHigh,
                         double aLow) noexcept {
    if (aLow < c.airAttenuation && aHigh < c.airAttenuation)
        return MaterialClass::Background;
    if (noise.high.atNoiseFloor(aHigh))
        return MaterialClass::Impenetrable;
    if (noise.low.atNoiseFloor(aLow))
        return MaterialClass::Unknown; // the high energy sees through, the low one does not
    const double h = std::max(aHigh, 1e-3);
    const double r = aLow / h;
    // The ratio's noise: photon noise of both planes, and the table's own quantisation (a cell
    // spans one bin in each attenuation, so ln R is uniform over about +-1 bin: sd = bin / sqrt 6).
    static const double kQuantisation =
        std::log(kMaxAttenuation / kMinAttenuation) / (kBins - 2) / std::sqrt(6.0);
    const double sl = noise.low.attenuationSigma(aLow);
    const double sh = noise.high.attenuationSigma(aHigh);
    const double sigma =
        std::sqrt((sl * sl + r * r * sh * sh) / (h * h) + std::pow(kQuantisation * r, 2));
    const double lower = c.boundaryRatio(c.organicInorganicZ, h);
    const double upper = c.boundaryRatio(c.inorganicMetalZ, h);
    if (std::min(std::abs(r - lower), std::abs(r - upper)) < sigma)
        return MaterialClass::Unknown;
    return c.classifyRatio(h, r);
}

double floorAttenuation(const PlaneNoise& noise) noexcept {
    // I = 3 sqrt(gain I + dark)  <=>  I^2 - 9 gain I - 9 dark = 0
    const double g = noise.gain, d = noise.darkVariance;
    const double intensity = (9 * g + std::sqrt(81 * g * g + 36 * d)) / 2;
    return intensity > 0 && noise.air > intensity ? std::log(noise.air / intensity)
                                                  : kMaxAttenuation;
}

ClassTables buildClassTables(const Calibration& calibration, const NoiseModel* noise) {
    ClassTables t;
    t.classes.resize(static_cast<std::size_t>(kBins) * kBins);
    for (auto& colours : t.colours)
        colours.resize(t.classes.size());
    for (int h = 0; h < kBins; ++h) {
        const double aHigh = binAttenuation(h);
        for (int l = 0; l < kBins; ++l) {
            const auto value = noise != nullptr
                                   ? noisyClass(calibration, *noise, aHigh, binAttenuation(l))
                                   : calibration.classify(aHigh, binAttenuation(l));
            const auto i = static_cast<std::size_t>(
                tableIndex(static_cast<std::uint16_t>(h), static_cast<std::uint16_t>(l)));
            t.classes[i] = static_cast<std::uint8_t>(value);
            for (int view = 0; view < 3; ++view)
                t.colours[static_cast<std::size_t>(view)][i] =
                    pixelColour(value, aHigh, static_cast<MaterialView>(view));
        }
    }
    return t;
}

int usableCpus() noexcept {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        return std::max(1, CPU_COUNT(&set));
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

namespace {

// Eight pixels (24 bytes) at a time as three 64-bit stores built in registers: storing narrower
// words and reloading them wider stalls store forwarding (it cost more than the lookups).
void colourRow(const std::uint16_t* h, const std::uint16_t* l, std::uint8_t* out, int width,
               const std::uint32_t* highIndex, const std::uint16_t* lowBin,
               const std::uint32_t* colours) noexcept {
    const auto colour = [&](int x) -> std::uint64_t {
        return colours[highIndex[h[x]] | lowBin[l[x]]];
    };
    int x = 0;
    for (; x + 8 <= width; x += 8) {
        const std::uint64_t c0 = colour(x), c1 = colour(x + 1), c2 = colour(x + 2),
                            c3 = colour(x + 3), c4 = colour(x + 4), c5 = colour(x + 5),
                            c6 = colour(x + 6), c7 = colour(x + 7);
        const std::uint64_t words[3] = {c0 | (c1 << 24) | (c2 << 48),
                                        (c2 >> 16) | (c3 << 8) | (c4 << 32) | (c5 << 56),
                                        (c5 >> 8) | (c6 << 16) | (c7 << 40)};
        std::memcpy(out + 3 * x, words, sizeof words);
    }
    for (; x < width; ++x) {
        const std::uint64_t c = colour(x);
        out[3 * x] = static_cast<std::uint8_t>(c);
        out[3 * x + 1] = static_cast<std::uint8_t>(c >> 8);
        out[3 * x + 2] = static_cast<std::uint8_t>(c >> 16);
    }
}

} // namespace

void renderColours(const DualEnergyInput& input, const BinLut& bins,
                   const std::vector<std::uint32_t>& colours, const ImageView& outRgb8,
                   int maxThreads) {
    if (bins.highIndex.size() != kValues || bins.lowBin.size() != kValues ||
        colours.size() != static_cast<std::size_t>(kBins) * kBins)
        throw Error(ErrorCode::Internal, "material render: the lookup tables have the wrong size");
    forRowBands(
        input.high.height,
        [&](int y0, int y1) {
            for (int y = y0; y < y1; ++y)
                colourRow(input.high.row<const std::uint16_t>(y),
                          input.low.row<const std::uint16_t>(y), outRgb8.row<std::uint8_t>(y),
                          input.high.width, bins.highIndex.data(), bins.lowBin.data(),
                          colours.data());
        },
        maxThreads);
}

const ClassTables& RendererAccess::tables(const MaterialRenderer& renderer) noexcept {
    return renderer.tables_->tables;
}

} // namespace detail

Rgb classColour(MaterialClass value) noexcept {
    switch (value) {
    case MaterialClass::Background:
        return {255, 255, 255};
    case MaterialClass::Organic:
        return {235, 135, 20};
    case MaterialClass::Inorganic:
        return {45, 170, 60};
    case MaterialClass::Metal:
        return {40, 90, 225};
    case MaterialClass::Impenetrable:
        return {0, 0, 0};
    case MaterialClass::Unknown:
        return {128, 128, 128};
    }
    return {};
}

namespace {

const Calibration& validated(const Calibration& calibration) {
    validateCalibration(calibration, "MaterialRenderer calibration");
    return calibration;
}

} // namespace

MaterialRenderer::MaterialRenderer(const Calibration& calibration)
    : tables_(std::make_unique<const Tables>(Tables{
          validated(calibration), std::nullopt, detail::buildClassTables(calibration, nullptr)})) {}

MaterialRenderer::MaterialRenderer(const Calibration& calibration, const NoiseModel& noise)
    : tables_(std::make_unique<const Tables>(
          Tables{validated(calibration), noise, detail::buildClassTables(calibration, &noise)})) {}

MaterialRenderer::~MaterialRenderer() = default;
MaterialRenderer::MaterialRenderer(MaterialRenderer&&) noexcept = default;
MaterialRenderer& MaterialRenderer::operator=(MaterialRenderer&&) noexcept = default;

const Calibration& MaterialRenderer::calibration() const noexcept {
    return tables_->calibration;
}

const std::optional<NoiseModel>& MaterialRenderer::noise() const noexcept {
    return tables_->noise;
}

double MaterialRenderer::impenetrableAttenuation() const noexcept {
    return tables_->noise ? detail::floorAttenuation(tables_->noise->high)
                          : tables_->calibration.impenetrableAttenuation;
}

MaterialClass MaterialRenderer::classify(double aHigh, double aLow) const noexcept {
    const auto i = detail::tableIndex(static_cast<std::uint16_t>(detail::attenuationBin(aHigh)),
                                      static_cast<std::uint16_t>(detail::attenuationBin(aLow)));
    return static_cast<MaterialClass>(tables_->tables.classes[static_cast<std::size_t>(i)]);
}

namespace {

void checkOutput(const DualEnergyInput& input, const ImageView& out, PixelFormat format,
                 const char* where) {
    validateInput(input, where);
    if (out.empty() || out.format != format || out.width != input.high.width ||
        out.height != input.high.height)
        throw Error(ErrorCode::InvalidArgument,
                    std::string(where) + ": the output must be " + pixelFormatName(format) + " " +
                        std::to_string(input.high.width) + "x" + std::to_string(input.high.height) +
                        ", is " + pixelFormatName(out.format) + " " + std::to_string(out.width) +
                        "x" + std::to_string(out.height));
}

} // namespace

void MaterialRenderer::render(const DualEnergyInput& input, MaterialView view,
                              const ImageView& outRgb8) const {
    checkOutput(input, outRgb8, PixelFormat::Rgb8, "material render");
    const auto bins = detail::buildBinLut(input.airHigh, input.airLow);
    detail::renderColours(input, bins, tables_->tables.colours[static_cast<std::size_t>(view)],
                          outRgb8);
}

void MaterialRenderer::classMap(const DualEnergyInput& input, const ImageView& outGray8) const {
    checkOutput(input, outGray8, PixelFormat::Gray8, "class map");
    const auto bins = detail::buildBinLut(input.airHigh, input.airLow);
    const auto& classes = tables_->tables.classes;
    const int width = input.high.width;
    const std::uint32_t* highIndex = bins.highIndex.data();
    const std::uint16_t* lowBin = bins.lowBin.data();
    detail::forRowBands(input.high.height, [&](int y0, int y1) {
        for (int y = y0; y < y1; ++y) {
            const auto* h = input.high.row<const std::uint16_t>(y);
            const auto* l = input.low.row<const std::uint16_t>(y);
            auto* out = outGray8.row<std::uint8_t>(y);
            for (int x = 0; x < width; ++x)
                out[x] = classes[highIndex[h[x]] | lowBin[l[x]]];
        }
    });
}

} // namespace prescreen::imaging::materials
