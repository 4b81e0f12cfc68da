#pragma once
// The histogram of what is on screen: the grey plane's values within the visible rectangle, read
// from the pyramid level the view renders from (so its cost follows the window's size), in
// the units of the grey window: rescaled (modality) units, or attenuation −ln T when the view
// shows a transmission plane in attenuation or HDR.

#include "scan_render.h"

#include <QRectF>

#include <optional>
#include <vector>

namespace prescreen::ui {

struct VisibleHistogram {
    std::vector<quint32> bins; ///< counts over an even split of [lo, hi); empty if nothing visible
    double lo = 0;
    double hi = 1;
};

/// `visible` in full-resolution image coordinates, `level` the pyramid level to read (clamped).
/// `binCount` ≥ 1. `attenuation`: bins of −ln(v / air) (the view must be linear transmission).
VisibleHistogram visibleHistogram(const PreparedView& view, QRectF visible, int level,
                                  int binCount = 256, bool attenuation = false);

/// The window spanning the 0.5th to the 99.5th percentile of a histogram's values (what is
/// visible, without its outliers); nullopt when the histogram is empty.
std::optional<imaging::render::Window> windowOfHistogram(const VisibleHistogram& histogram);

} // namespace prescreen::ui
