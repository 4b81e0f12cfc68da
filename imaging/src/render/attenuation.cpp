#include "histogram.h"
#include "modality.h"

#include <prescreen/error.h>
#include <prescreen/imaging/detail/opencv.h>
#include <prescreen/imaging/render/attenuation.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace prescreen::imaging::render {

namespace {

constexpr int kCodes = 65536;

bool derivedKind(PlaneKind kind) {
    switch (kind) {
    case PlaneKind::Single:
    case PlaneKind::HighEnergy:
    case PlaneKind::LowEnergy:
    case PlaneKind::Intensity:
    case PlaneKind::MultiEnergy:
        return false;
    default:
        return true;
    }
}

void checkPixels(const Plane& plane, const char* where) {
    const ImageView& pixels = plane.pixels.view();
    if (pixels.empty() || pixels.format != PixelFormat::Gray16)
        throw Error(ErrorCode::InvalidArgument, std::string(where) +
                                                    ": the plane has no gray16 pixels (" +
                                                    plane.sourceFile.string() + ")");
}

/// The histogram by masked (unsigned) value: index = value in 0..2^bitsStored − 1, negative
/// values of a signed plane count as 0.
std::vector<std::uint64_t> valueHistogram(const Plane& plane, const detail::Modality& modality) {
    const std::vector<std::uint64_t> raw = detail::rawHistogram(plane.pixels.view());
    std::vector<std::uint64_t> values(kCodes, 0);
    for (int code = 0; code < kCodes; ++code)
        values[static_cast<std::size_t>(
            std::max(0, modality.integer(static_cast<std::uint16_t>(code))))] +=
            raw[static_cast<std::size_t>(code)];
    return values;
}

int valueAtRank(const std::vector<std::uint64_t>& histogram, std::uint64_t rank) {
    std::uint64_t cumulative = 0;
    for (int i = 0; i < kCodes; ++i) {
        cumulative += histogram[static_cast<std::size_t>(i)];
        if (cumulative > rank)
            return i;
    }
    return kCodes - 1;
}

/// Count, sum and sum of squares of the pixels with values in [from, to].
struct Moments {
    double n = 0, sum = 0, squares = 0;
};

Moments moments(const std::vector<std::uint64_t>& histogram, double from, double to) {
    Moments m;
    const int a = std::max(0, static_cast<int>(std::ceil(from)));
    const int b = std::min(kCodes - 1, static_cast<int>(std::floor(to)));
    for (int v = a; v <= b; ++v) {
        const auto c = static_cast<double>(histogram[static_cast<std::size_t>(v)]);
        m.n += c;
        m.sum += c * v;
        m.squares += c * v * static_cast<double>(v);
    }
    return m;
}

/// The open beam from the histogram: around the brightest 0.1 % of the pixels (value p), the
/// mean and variance of the pixels within ±5 % of their own mean. It is a plateau when at
/// least 0.2 % of the pixels lie within ±2 % of that mean and they are at least three times as
/// dense (per stored unit) as the pixels between half and 90 % of it: a peak, not a ramp.
struct OpenBeam {
    bool plateau = false;
    double mean = 0;
    double variance = 0;
};

OpenBeam openBeam(const std::vector<std::uint64_t>& histogram, std::uint64_t count) {
    OpenBeam beam;
    const int top = valueAtRank(histogram, count - 1 - count / 1000);
    if (top <= 0)
        return beam;
    Moments m = moments(histogram, top * 0.95, top * 1.05);
    for (int pass = 0; pass < 2 && m.n > 0; ++pass) {
        const double centre = m.sum / m.n;
        m = moments(histogram, centre * 0.95, centre * 1.05);
    }
    if (m.n <= 0)
        return beam;
    beam.mean = m.sum / m.n;
    beam.variance = std::max(0.0, m.squares / m.n - beam.mean * beam.mean);
    const Moments peak = moments(histogram, beam.mean * 0.98, beam.mean * 1.02);
    const Moments middle = moments(histogram, beam.mean * 0.5, beam.mean * 0.9);
    beam.plateau =
        peak.n >= 0.002 * static_cast<double>(count) && peak.n / 0.04 >= 3 * middle.n / 0.4;
    return beam;
}

/// Robust noise (σ from the median absolute difference of horizontal neighbours, both inside
/// [lo, hi)) of the pixels of a value band; negative when fewer than 1000 pairs.
double bandNoise(const Plane& plane, const detail::Modality& modality, int lo, int hi) {
    const ImageView& pixels = plane.pixels.view();
    std::vector<std::uint32_t> differences;
    const int step = std::max(1, pixels.height / 512); // at most ~512 rows looked at
    for (int y = 0; y < pixels.height; y += step) {
        const std::uint16_t* row = pixels.row<const std::uint16_t>(y);
        for (int x = 0; x + 1 < pixels.width; x += 2) {
            const int a = modality.integer(row[x]);
            const int b = modality.integer(row[x + 1]);
            if (a >= lo && a < hi && b >= lo && b < hi)
                differences.push_back(static_cast<std::uint32_t>(std::abs(a - b)));
        }
    }
    if (differences.size() < 1000)
        return -1;
    const auto middle = differences.begin() + static_cast<std::ptrdiff_t>(differences.size() / 2);
    std::nth_element(differences.begin(), middle, differences.end());
    // |a − b| of two independent N(0, σ²): median 0.954 σ.
    return *middle / 0.954;
}

/// Noise of the brighter and the darker part of the object (pixels below 90 % of the open
/// beam): the bands between its 60th and 90th and its 5th and 30th percentiles of value.
std::pair<double, double> objectNoise(const Plane& plane, const detail::Modality& modality,
                                      const std::vector<std::uint64_t>& histogram, double air) {
    std::vector<std::uint64_t> object(
        histogram.begin(), histogram.begin() + std::clamp(static_cast<int>(air * 0.9), 0, kCodes));
    object.resize(kCodes, 0);
    std::uint64_t n = 0;
    for (const auto c : object)
        n += c;
    if (n < 4000)
        return {-1, -1};
    const auto at = [&](double share) {
        return valueAtRank(object, static_cast<std::uint64_t>(share * static_cast<double>(n - 1)));
    };
    return {bandNoise(plane, modality, at(0.6), at(0.9) + 1),
            bandNoise(plane, modality, at(0.05), at(0.3) + 1)};
}

std::uint8_t toByte(double normalised) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(normalised, 0.0, 1.0) * 255.0));
}

} // namespace

const char* displayScaleName(DisplayScale scale) noexcept {
    switch (scale) {
    case DisplayScale::Linear:
        return "linear";
    case DisplayScale::Attenuation:
        return "attenuation";
    case DisplayScale::Hdr:
        return "hdr";
    }
    return "linear";
}

std::optional<DisplayScale> parseDisplayScale(std::string_view name) noexcept {
    for (const auto scale : {DisplayScale::Linear, DisplayScale::Attenuation, DisplayScale::Hdr})
        if (name == displayScaleName(scale))
            return scale;
    return std::nullopt;
}

Transmission transmissionOf(const Plane& plane) {
    checkPixels(plane, "transmission");
    const detail::Modality modality = detail::modalityOf(plane, "transmission");
    Transmission result;
    if (plane.photometric == Photometric::PaletteColor || derivedKind(plane.kind)) {
        result.reason = std::string("a ") + planeKindName(plane.kind) +
                        " plane is not a transmission image: shown as stored";
        return result;
    }
    switch (plane.intensityRelationship) {
    case IntensityRelationship::Linear:
        result.fromFile = true;
        if (plane.intensitySign < 0) {
            result.reason = "Pixel Intensity Relationship LIN with sign -1 (higher values are "
                            "less intensity): shown as stored";
            return result;
        }
        break;
    case IntensityRelationship::Logarithmic:
        result.fromFile = true;
        result.reason = "Pixel Intensity Relationship LOG: already logarithmic, shown as stored";
        return result;
    case IntensityRelationship::Other:
        result.fromFile = true;
        result.reason = "Pixel Intensity Relationship is neither LIN nor LOG: shown as stored";
        return result;
    case IntensityRelationship::Unspecified:
        break;
    }

    const std::vector<std::uint64_t> histogram = valueHistogram(plane, modality);
    const ImageView& pixels = plane.pixels.view();
    const auto count =
        static_cast<std::uint64_t>(pixels.width) * static_cast<std::uint64_t>(pixels.height);
    const OpenBeam beam = openBeam(histogram, count);
    std::ostringstream reason;
    if (!result.fromFile) {
        if (!beam.plateau) {
            result.reason = "no Pixel Intensity Relationship and no open-beam plateau in the "
                            "pixels: shown as stored";
            return result;
        }
        const auto [bright, dark] = objectNoise(plane, modality, histogram, beam.mean);
        if (bright > 0 && dark > 0 && dark > bright) {
            result.reason = "no Pixel Intensity Relationship; the noise grows where the signal "
                            "falls (logarithmic data): shown as stored";
            return result;
        }
        reason << "no Pixel Intensity Relationship; open-beam plateau"
               << (bright > 0 && dark > 0 ? " and noise falling with the signal"
                                          : " (too few pixels to compare noise)")
               << ": linear transmission";
    } else {
        reason << "Pixel Intensity Relationship LIN: linear transmission";
    }
    result.linear = true;
    if (plane.airValue && *plane.airValue > 0 && std::isfinite(*plane.airValue)) {
        result.airValue = *plane.airValue;
        reason << ", open beam " << result.airValue << " (from the file)";
    } else {
        result.airValue =
            beam.mean > 0 ? beam.mean : std::max(1, valueAtRank(histogram, count - 1));
        reason << ", open beam " << std::lround(result.airValue) << " (estimated)";
    }
    if (beam.plateau && beam.mean > 0 && beam.variance > 0)
        result.gain = std::clamp(beam.variance / beam.mean, 0.01, 1000.0);
    reason << ", " << result.gain << " stored units per photon";
    result.reason = reason.str();
    return result;
}

DisplayScale defaultDisplayScale(const Plane& plane, const Transmission& transmission,
                                 bool dicos) noexcept {
    return transmission.linear && (dicos || plane.windows.empty()) ? DisplayScale::Attenuation
                                                                   : DisplayScale::Linear;
}

double storedAttenuation(const Plane& plane, const Transmission& transmission,
                         std::uint16_t stored) {
    const int value = detail::modalityOf(plane, "attenuation").integer(stored);
    return std::log(transmission.airValue / std::max(0.5, static_cast<double>(value)));
}

Window autoAttenuationWindow(const Plane& plane, const Transmission& transmission,
                             double lowPercent, double highPercent) {
    checkPixels(plane, "attenuation window");
    if (!transmission.linear || !(transmission.airValue > 0))
        throw Error(ErrorCode::InvalidArgument,
                    "attenuation window: the plane is not linear transmission (" +
                        transmission.reason + ")");
    if (!(lowPercent >= 0 && lowPercent <= highPercent && highPercent <= 100))
        throw Error(ErrorCode::InvalidArgument,
                    "attenuation window: percentiles " + std::to_string(lowPercent) + " .. " +
                        std::to_string(highPercent) + " are not 0 <= low <= high <= 100");
    const detail::Modality modality = detail::modalityOf(plane, "attenuation window");
    std::vector<std::uint64_t> histogram = valueHistogram(plane, modality);
    // Object of inspection: values below air · e^−kObjectAttenuation. Attenuation falls as the
    // value rises, so its percentiles are the values' mirrored.
    const double objectBelow = transmission.airValue * std::exp(-kObjectAttenuation);
    std::uint64_t object = 0, all = 0;
    for (int v = 0; v < kCodes; ++v) {
        all += histogram[static_cast<std::size_t>(v)];
        if (v < objectBelow)
            object += histogram[static_cast<std::size_t>(v)];
    }
    std::uint64_t count = all;
    if (object >= all / 1000 && object > 0) {
        for (int v = static_cast<int>(std::ceil(objectBelow)); v < kCodes; ++v)
            if (v >= objectBelow)
                histogram[static_cast<std::size_t>(v)] = 0;
        count = object;
    }
    const double last = static_cast<double>(count - 1);
    // The high attenuation percentile is the low value one, and the other way round.
    const auto denseRank = static_cast<std::uint64_t>(std::floor((100 - highPercent) / 100 * last));
    const auto thinRank = static_cast<std::uint64_t>(std::ceil((100 - lowPercent) / 100 * last));
    const auto attenuation = [&](int value) {
        return std::log(transmission.airValue / std::max(0.5, static_cast<double>(value)));
    };
    // Beyond one detected photon (A = ln(air / gain)) there is nothing left to see: zero-count
    // pixels (an engine block, an axle) must not stretch the window.
    const double onePhoton = std::log(transmission.airValue / std::max(0.5, transmission.gain));
    const double high = std::min(attenuation(valueAtRank(histogram, denseRank)), onePhoton);
    const double low = attenuation(valueAtRank(histogram, thinRank));
    const double width = std::max(high - low, 0.01);
    return Window{(low + high) / 2, width};
}

DisplayLut makeAttenuationLut(const Plane& plane, const Transmission& transmission,
                              const Window& window, double gamma, bool invert) {
    if (!transmission.linear || !(transmission.airValue > 0))
        throw Error(ErrorCode::InvalidArgument,
                    "attenuation display: the plane is not linear transmission (" +
                        transmission.reason + ")");
    if (!std::isfinite(window.center) || !std::isfinite(window.width) || window.width <= 0)
        throw Error(ErrorCode::InvalidArgument,
                    "attenuation display: window " + std::to_string(window.center) + "/" +
                        std::to_string(window.width) + " is not finite with a width > 0");
    if (!std::isfinite(gamma) || gamma <= 0)
        throw Error(ErrorCode::InvalidArgument, "attenuation display: gamma " +
                                                    std::to_string(gamma) +
                                                    " is not a finite number > 0");
    const detail::Modality modality = detail::modalityOf(plane, "attenuation display");
    const double low = window.center - window.width / 2;
    const bool monochrome1 = plane.photometric == Photometric::Monochrome1;
    const double logAir = std::log(transmission.airValue);
    DisplayLut lut(PixelFormat::Gray8);
    for (int code = 0; code < kCodes; ++code) {
        const auto stored = static_cast<std::uint16_t>(code);
        const double a =
            logAir - std::log(std::max(0.5, static_cast<double>(modality.integer(stored))));
        double v = std::clamp(1.0 - (a - low) / window.width, 0.0, 1.0); // dense = dark
        if (monochrome1)
            v = 1.0 - v;
        if (gamma != 1.0)
            v = std::pow(v, 1.0 / gamma);
        if (invert)
            v = 1.0 - v;
        lut.setGrey(stored, toByte(v));
    }
    return lut;
}

Image smoothStarved(const ImageView& crop, const Transmission& transmission, int level,
                    const StarvedSmoothing& settings) {
    if (crop.empty() || crop.format != PixelFormat::Gray16)
        throw Error(ErrorCode::InvalidArgument,
                    "starved-pixel smoothing: the crop is empty or not gray16");
    if (level < 0 || level > 30 || (settings.kernel != 3 && settings.kernel != 5) ||
        !std::isfinite(settings.minPhotons) || settings.minPhotons < 0)
        throw Error(ErrorCode::InvalidArgument,
                    "starved-pixel smoothing: level " + std::to_string(level) + ", kernel " +
                        std::to_string(settings.kernel) + ", minimum photons " +
                        std::to_string(settings.minPhotons) +
                        " (level >= 0, kernel 3 or 5, photons >= 0)");
    Image out(PixelFormat::Gray16, crop.width, crop.height);
    cv::Mat target = imaging::detail::asMat(out);
    const cv::Mat source = imaging::detail::asMat(crop);
    // Stored value below which a level-L pixel holds fewer than minPhotons photons.
    const double starvedBelow =
        settings.minPhotons * transmission.gain / std::pow(4.0, static_cast<double>(level));
    if (!transmission.linear || starvedBelow < 1 || crop.width < settings.kernel ||
        crop.height < settings.kernel) {
        source.copyTo(target);
        return out;
    }
    const auto threshold = static_cast<int>(std::min(65535.0, std::ceil(starvedBelow)));
    double darkest = 0;
    cv::minMaxLoc(source, &darkest);
    if (darkest >= threshold) { // nothing starved in view (the usual case at coarse levels)
        source.copyTo(target);
        return out;
    }
    cv::medianBlur(source, target, settings.kernel);
    cv::parallel_for_(cv::Range(0, crop.height), [&](const cv::Range& rows) {
        for (int y = rows.start; y < rows.end; ++y) {
            const auto* in = crop.row<const std::uint16_t>(y);
            auto* smoothed = out.view().row<std::uint16_t>(y);
            for (int x = 0; x < crop.width; ++x)
                smoothed[x] = smoothed[x] < threshold ? smoothed[x] : in[x];
        }
    });
    return out;
}

} // namespace prescreen::imaging::render
