#pragma once
// From a case's scan files to pixels on screen. loadCaseScan and prepareView run on a worker
// thread (decode, pyramid, automatic window); ViewportRenderer renders the visible part of a
// prepared view on the UI thread, from the pyramid level that matches the zoom, so its cost
// follows the window's size and not the scan's.

#include <prescreen/core/model.h>
#include <prescreen/core/scan_cache.h>
#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/materials/profile.h>
#include <prescreen/imaging/render/attenuation.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/lut.h>
#include <prescreen/imaging/render/pyramid.h>
#include <prescreen/imaging/render/tone_map.h>
#include <prescreen/imaging/render/viewport.h>
#include <prescreen/imaging/scan.h>
#include <prescreen/ui/display_mode.h>

#include <QImage>
#include <QSize>

#include <memory>
#include <optional>
#include <stop_token>
#include <vector>

namespace prescreen::ui {

/// A band of rescaled (modality) values painted in colour by the density-slice mode; inclusive.
struct DensityBand {
    double lower = 0;
    double upper = 0;
    bool operator==(const DensityBand&) const = default;
};

struct DisplaySettings {
    DisplayMode mode = DisplayMode::Grey;
    bool invert = false; ///< grey and density slice: black on white
    /// Grey window in the units of the view's scale (rescaled units when linear, −ln T in
    /// attenuation and HDR); the automatic one when absent.
    std::optional<imaging::render::Window> window;
    /// How the grey of a transmission view is computed; absent: the view's default
    /// (attenuation for linear transmission, docs/render.md). Grey mode only.
    std::optional<imaging::render::DisplayScale> scale;
    bool smooth = false;        ///< median of photon-starved pixels (attenuation and HDR)
    bool localContrast = false; ///< CLAHE on the displayed pixels
    bool edges = false;         ///< unsharp mask on the displayed pixels
    /// The density-slice band; when absent, the densest quarter of the window.
    std::optional<DensityBand> slice;
    bool operator==(const DisplaySettings& other) const;
};

/// The case's first scan: the files sharing the first file's Study Instance UID (or the first
/// file alone when it has none), each verified by the cache, opened as one scan. Throws
/// prescreen::Error saying which file failed and why.
imaging::Scan loadCaseScan(const core::ScanCache& cache, const std::vector<core::ScanFile>& files);

/// One view of a decoded scan, ready to show at any zoom. Immutable once prepared, so it may be
/// shared between threads.
struct PreparedView {
    std::shared_ptr<const imaging::Scan> scan; ///< owns the level-0 pixels the pyramid views
    int viewIndex = 0;
    imaging::render::Pyramid pyramid; ///< its planes are the view's planes listed in `planes`
    std::vector<int> planes;          ///< view plane index of each pyramid plane
    int greyPlane = 0;                ///< pyramid plane shown in grey (the view's first)
    int highPlane = -1;               ///< pyramid planes of a dual-energy view, else -1
    int lowPlane = -1;
    double airHigh = 0; ///< open-beam stored values of the high and low planes
    double airLow = 0;
    /// Classifies a dual-energy view's materials: the calibration profile chosen for the scan
    /// with the noise measured in its pixels. Null for a single-energy view.
    std::shared_ptr<const imaging::materials::MaterialRenderer> materials;
    std::string calibrationProfile; ///< that profile's name, for the legend and the case view
    /// The grey plane's own window (its first preset, else automatic), rescaled units.
    imaging::render::Window autoWindow;
    /// Whether the grey plane is linear transmission, and its default scale.
    imaging::render::Transmission transmission;
    imaging::render::DisplayScale defaultScale = imaging::render::DisplayScale::Linear;
    /// Automatic attenuation window over the object (when transmission.linear).
    imaging::render::Window attenuationWindow;
    /// HDR tiles of the grey plane (when transmission.linear).
    imaging::render::LocalToneMap toneMap;

    /// The scale the settings resolve to here: Linear for material modes, density slice and
    /// planes that are not linear transmission.
    imaging::render::DisplayScale scaleOf(const DisplaySettings& settings) const;

    const imaging::View& view() const {
        return scan->views.at(static_cast<std::size_t>(viewIndex));
    }
    const imaging::Plane& plane(int pyramidPlane) const;
    bool isDualEnergy() const { return highPlane >= 0; }
    QSize size() const;
};

/// Builds the pyramid and the automatic window of one view, reporting the fraction done.
/// nullptr when `stop` is requested. Throws prescreen::Error for a view without planes or
/// with planes that cannot be shown.
std::shared_ptr<const PreparedView>
prepareView(std::shared_ptr<const imaging::Scan> scan, int viewIndex,
            const imaging::render::ProgressCallback& progress, std::stop_token stop,
            const imaging::materials::ProfileSet& profiles = imaging::materials::builtinProfiles());

/// Renders viewports of prepared views, keeping the display table of the last settings (a
/// window drag rebuilds it, ~1 ms). UI thread; one per view on screen.
class ViewportRenderer {
public:
    /// The visible part: `viewport` as in imaging/render/viewport.h. Throws prescreen::Error,
    /// e.g. for a material mode on a single-energy view.
    imaging::render::ViewportResult render(const PreparedView& view,
                                           const imaging::render::Viewport& viewport,
                                           const DisplaySettings& settings);

    /// The grey window the settings resolve to for this view.
    static imaging::render::Window windowOf(const PreparedView& view,
                                            const DisplaySettings& settings);
    /// The density-slice band the settings resolve to for this view.
    static DensityBand sliceOf(const PreparedView& view, const DisplaySettings& settings);

private:
    const imaging::render::DisplayLut& lutFor(const PreparedView& view,
                                              const DisplaySettings& settings);

    const imaging::render::ToneCurves& curvesFor(const PreparedView& view,
                                                 const DisplaySettings& settings);

    std::optional<imaging::render::DisplayLut> lut_;
    const PreparedView* lutView_ = nullptr;
    DisplaySettings lutSettings_;
    std::optional<imaging::render::ToneCurves> curves_;
    const PreparedView* curvesView_ = nullptr;
    imaging::render::Window curvesWindow_;
    bool curvesInvert_ = false;
};

/// The view's own classifier (PreparedView::materials), else one over the built-in default
/// calibration; its methods are const and thread-safe.
const imaging::materials::MaterialRenderer& materialRenderer(const PreparedView& view);

/// Hands an imaging::Image's pixels (Gray8 or Rgb8) to a QImage without copying.
QImage toQImage(imaging::Image&& pixels);

} // namespace prescreen::ui
