#include "scan_histogram.h"

#include <prescreen/imaging/render/grey.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace prescreen::ui {

VisibleHistogram visibleHistogram(const PreparedView& view, QRectF visible, int level, int binCount,
                                  bool attenuation) {
    VisibleHistogram result;
    const auto& pyramid = view.pyramid;
    if (pyramid.levelCount() == 0 || binCount < 1 || visible.isEmpty())
        return result;
    level = std::clamp(level, 0, pyramid.levelCount() - 1);
    const double scale = std::ldexp(1.0, -level);
    const int w = pyramid.width(level);
    const int h = pyramid.height(level);
    const int x0 = std::clamp(static_cast<int>(std::floor(visible.left() * scale)), 0, w);
    const int y0 = std::clamp(static_cast<int>(std::floor(visible.top() * scale)), 0, h);
    const int x1 = std::clamp(static_cast<int>(std::ceil(visible.right() * scale)), 0, w);
    const int y1 = std::clamp(static_cast<int>(std::ceil(visible.bottom() * scale)), 0, h);
    if (x1 <= x0 || y1 <= y0)
        return result;
    // Counts per stored value first (one increment per pixel), then per modality bin.
    std::vector<quint32> stored(65536, 0);
    const auto& plane = pyramid.plane(level, view.greyPlane);
    for (int y = y0; y < y1; ++y) {
        const auto* row = plane.row<const quint16>(y);
        for (int x = x0; x < x1; ++x)
            ++stored[row[x]];
    }
    const auto& source = view.plane(view.greyPlane);
    attenuation = attenuation && view.transmission.linear;
    const auto value = [&](int s) {
        const auto code = static_cast<quint16>(s);
        return attenuation ? imaging::render::storedAttenuation(source, view.transmission, code)
                           : imaging::render::modalityValue(source, code);
    };
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (int s = 0; s < 65536; ++s)
        if (stored[static_cast<std::size_t>(s)] != 0) {
            const double m = value(s);
            lo = std::min(lo, m);
            hi = std::max(hi, m);
        }
    if (!(hi > lo))
        hi = lo + 1; // a flat area: one full bin
    result.lo = lo;
    result.hi = hi + (hi - lo) * 1e-9; // so the maximum falls into the last bin
    result.bins.assign(static_cast<std::size_t>(binCount), 0);
    const double perBin = binCount / (result.hi - result.lo);
    for (int s = 0; s < 65536; ++s)
        if (const quint32 count = stored[static_cast<std::size_t>(s)]) {
            const double m = value(s);
            const int bin = std::clamp(static_cast<int>((m - result.lo) * perBin), 0, binCount - 1);
            result.bins[static_cast<std::size_t>(bin)] += count;
        }
    return result;
}

std::optional<imaging::render::Window> windowOfHistogram(const VisibleHistogram& histogram) {
    quint64 total = 0;
    for (const auto count : histogram.bins)
        total += count;
    if (total == 0)
        return std::nullopt;
    const double perBin =
        (histogram.hi - histogram.lo) / static_cast<double>(histogram.bins.size());
    const auto valueAt = [&](double fraction, bool upper) {
        const double wanted = fraction * static_cast<double>(total);
        quint64 seen = 0;
        for (std::size_t bin = 0; bin < histogram.bins.size(); ++bin) {
            seen += histogram.bins[bin];
            if (static_cast<double>(seen) >= wanted)
                return histogram.lo + perBin * static_cast<double>(bin + (upper ? 1 : 0));
        }
        return histogram.hi;
    };
    const double low = valueAt(0.005, false);
    const double high = std::max(valueAt(0.995, true), low + 1.0);
    return imaging::render::Window{(low + high) / 2.0, high - low};
}

} // namespace prescreen::ui
