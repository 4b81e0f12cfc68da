#pragma once
// From a case's scan files to pixels on screen, off the UI thread: the files of the case's first
// scan are verified against their SHA-256, decoded together by imaging, and one view is rendered
// in a display mode (grey through the VOI pipeline, or dual-energy material colour). Every
// function here is safe to call from a worker thread.

#include <prescreen/core/model.h>
#include <prescreen/core/scan_cache.h>
#include <prescreen/imaging/scan.h>
#include <prescreen/ui/display_mode.h>

#include <QImage>

#include <vector>

namespace prescreen::ui {

struct DisplaySettings {
    DisplayMode mode = DisplayMode::Grey;
    bool invert = false; ///< grey only: black on white
    bool operator==(const DisplaySettings&) const = default;
};

/// The case's first scan: the files sharing the first file's Study Instance UID (or the first
/// file alone when it has none), each verified by the cache, opened as one scan. Throws
/// prescreen::Error saying which file failed and why.
imaging::Scan loadCaseScan(const core::ScanCache& cache, const std::vector<core::ScanFile>& files);

/// Renders a view for display (Gray8 or RGB888, sharing the pixels it computed: no copy).
/// Throws prescreen::Error, e.g. for material colour of a single-energy view.
QImage renderView(const imaging::View& view, const DisplaySettings& settings);

} // namespace prescreen::ui
