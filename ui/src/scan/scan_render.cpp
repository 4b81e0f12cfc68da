#include "scan_render.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/render/density_slice.h>
#include <prescreen/imaging/render/enhance.h>

#include <QTemporaryDir>

#include <set>

namespace prescreen::ui {
namespace {

namespace materials = imaging::materials;
namespace render = imaging::render;

materials::MaterialView materialView(DisplayMode mode) {
    switch (mode) {
    case DisplayMode::OrganicOnly:
        return materials::MaterialView::OrganicOnly;
    case DisplayMode::InorganicOnly:
        return materials::MaterialView::InorganicOnly;
    default:
        return materials::MaterialView::Colour;
    }
}

bool isMaterial(DisplayMode mode) {
    return mode == DisplayMode::Material || mode == DisplayMode::OrganicOnly ||
           mode == DisplayMode::InorganicOnly;
}

// A name for the file in the decoding folder: its imported name (imaging groups lab image pairs
// by name), never a path.
std::string linkName(const core::ScanFile& file, std::set<std::string>& used) {
    std::string name = std::filesystem::path(file.fileName).filename().string();
    if (name.empty() || name == "." || name == "..")
        name = "scan";
    if (!used.insert(name).second)
        name = file.sha256.substr(0, 12) + "-" + name;
    used.insert(name);
    return name;
}

bool sameWindow(const std::optional<render::Window>& a, const std::optional<render::Window>& b) {
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->center == b->center && a->width == b->width);
}

} // namespace

bool DisplaySettings::operator==(const DisplaySettings& other) const {
    return mode == other.mode && invert == other.invert && sameWindow(window, other.window) &&
           scale == other.scale && smooth == other.smooth && localContrast == other.localContrast &&
           edges == other.edges && slice == other.slice;
}

const materials::MaterialRenderer& materialRenderer(const PreparedView& view) {
    if (view.materials)
        return *view.materials;
    static const materials::MaterialRenderer renderer;
    return renderer;
}

QImage toQImage(imaging::Image&& pixels) {
    auto* owned = new imaging::Image(std::move(pixels));
    const auto format = owned->format() == imaging::PixelFormat::Rgb8 ? QImage::Format_RGB888
                                                                      : QImage::Format_Grayscale8;
    return QImage(
        owned->view().data, owned->width(), owned->height(),
        static_cast<qsizetype>(owned->strideBytes()), format,
        [](void* image) { delete static_cast<imaging::Image*>(image); }, owned);
}

imaging::Scan loadCaseScan(const core::ScanCache& cache, const std::vector<core::ScanFile>& files) {
    if (files.empty())
        throw Error(ErrorCode::NotFound, "the case has no scan");
    const std::string study = files.front().studyInstanceUid;
    // The cache names files by content; imaging groups the files of one scan found in one
    // folder, so the scan's files are linked under their own names into a private folder.
    QTemporaryDir folder;
    if (!folder.isValid())
        throw Error(ErrorCode::Io, "no temporary folder to open the scan in: " +
                                       folder.errorString().toStdString());
    const std::filesystem::path root = folder.path().toStdString();
    std::set<std::string> used;
    for (const auto& file : files) {
        if (&file != &files.front() && (study.empty() || file.studyInstanceUid != study))
            continue;
        const auto source = cache.verifiedPath(file.sha256);
        const auto link = root / linkName(file, used);
        std::error_code error;
        std::filesystem::create_symlink(source, link, error);
        if (error)
            std::filesystem::copy_file(source, link); // throws filesystem_error with both paths
    }
    imaging::OpenOptions options;
    options.findSiblings = false;
    return imaging::openScan(root, options);
}

const imaging::Plane& PreparedView::plane(int pyramidPlane) const {
    return view().planes.at(
        static_cast<std::size_t>(planes.at(static_cast<std::size_t>(pyramidPlane))));
}

render::DisplayScale PreparedView::scaleOf(const DisplaySettings& settings) const {
    if (settings.mode != DisplayMode::Grey || !transmission.linear)
        return render::DisplayScale::Linear;
    return settings.scale.value_or(defaultScale);
}

QSize PreparedView::size() const {
    return pyramid.levelCount() == 0 ? QSize() : QSize(pyramid.width(0), pyramid.height(0));
}

std::shared_ptr<const PreparedView> prepareView(std::shared_ptr<const imaging::Scan> scan,
                                                int viewIndex,
                                                const render::ProgressCallback& progress,
                                                std::stop_token stop,
                                                const materials::ProfileSet& profiles) {
    if (!scan || viewIndex < 0 || static_cast<std::size_t>(viewIndex) >= scan->views.size())
        throw Error(ErrorCode::InvalidArgument,
                    "prepareView: the scan has no view " + std::to_string(viewIndex));
    auto prepared = std::make_shared<PreparedView>();
    prepared->scan = scan;
    prepared->viewIndex = viewIndex;
    const auto& view = prepared->view();
    if (view.planes.empty())
        throw Error(ErrorCode::BadFormat, "view " + std::to_string(view.index) + " has no planes");
    const auto& first = view.planes.front().pixels;
    if (first.format() != imaging::PixelFormat::Gray16)
        throw Error(ErrorCode::BadFormat,
                    "view " + std::to_string(view.index) + ": the first plane is not 16-bit grey");
    std::vector<imaging::ImageView> levelZero{first.view()};
    prepared->planes.push_back(0);
    if (view.isDualEnergy()) {
        const auto input = materials::dualEnergyInput(view);
        // The pyramid holds the grey plane once, and high and low (one may be the grey plane).
        auto add = [&](const imaging::ImageView& pixels) {
            for (std::size_t i = 0; i < levelZero.size(); ++i)
                if (levelZero[i].data == pixels.data)
                    return static_cast<int>(i);
            for (std::size_t i = 0; i < view.planes.size(); ++i)
                if (view.planes[i].pixels.view().data == pixels.data) {
                    prepared->planes.push_back(static_cast<int>(i));
                    levelZero.push_back(pixels);
                    return static_cast<int>(levelZero.size() - 1);
                }
            throw Error(ErrorCode::BadFormat, "view " + std::to_string(view.index) +
                                                  ": energy planes not among its planes");
        };
        if (input.high.width == first.width() && input.high.height == first.height()) {
            prepared->highPlane = add(input.high);
            prepared->lowPlane = add(input.low);
            prepared->airHigh = input.airHigh;
            prepared->airLow = input.airLow;
            const auto& calibration = *materials::selectProfile(profiles, *scan).calibration;
            prepared->calibrationProfile = calibration.profile.name;
            try {
                prepared->materials = std::make_shared<const materials::MaterialRenderer>(
                    calibration, materials::estimateNoise(input));
            } catch (const Error&) { // too small or flat to measure: the profile's fixed levels
                prepared->materials =
                    std::make_shared<const materials::MaterialRenderer>(calibration);
            }
        }
    }
    render::PyramidOptions pyramidOptions;
    for (const int index : prepared->planes)
        pyramidOptions.signedPlanes.push_back(
            view.planes[static_cast<std::size_t>(index)].signedPixels);
    auto pyramid = render::buildPyramid(levelZero, pyramidOptions, progress, stop);
    if (!pyramid)
        return nullptr;
    prepared->pyramid = std::move(*pyramid);
    const auto& greyPlane = view.planes.front();
    prepared->autoWindow = render::resolveWindow(greyPlane, {}).window;
    prepared->transmission = render::transmissionOf(greyPlane);
    if (prepared->transmission.linear) {
        prepared->defaultScale =
            render::defaultDisplayScale(greyPlane, prepared->transmission, scan->metadata.isDicos);
        prepared->attenuationWindow =
            render::autoAttenuationWindow(greyPlane, prepared->transmission);
        prepared->toneMap = render::LocalToneMap::build(prepared->pyramid, prepared->greyPlane,
                                                        greyPlane, prepared->transmission);
    }
    return prepared;
}

render::Window ViewportRenderer::windowOf(const PreparedView& view,
                                          const DisplaySettings& settings) {
    return settings.window.value_or(view.scaleOf(settings) == render::DisplayScale::Linear
                                        ? view.autoWindow
                                        : view.attenuationWindow);
}

DensityBand ViewportRenderer::sliceOf(const PreparedView& view, const DisplaySettings& settings) {
    if (settings.slice)
        return *settings.slice;
    // Transmission images are dark where dense: the lowest quarter of the window.
    const auto window = windowOf(view, settings);
    return {window.center - window.width / 2, window.center - window.width / 4};
}

const render::DisplayLut& ViewportRenderer::lutFor(const PreparedView& view,
                                                   const DisplaySettings& settings) {
    if (lut_ && lutView_ == &view && lutSettings_.mode == settings.mode &&
        lutSettings_.invert == settings.invert &&
        view.scaleOf(lutSettings_) == view.scaleOf(settings) &&
        windowOf(view, lutSettings_).center == windowOf(view, settings).center &&
        windowOf(view, lutSettings_).width == windowOf(view, settings).width &&
        (settings.mode != DisplayMode::DensitySlice ||
         sliceOf(view, lutSettings_) == sliceOf(view, settings)))
        return *lut_;
    render::GreySettings grey;
    grey.invert = settings.invert;
    grey.window = windowOf(view, settings);
    const auto& plane = view.plane(view.greyPlane);
    if (settings.mode == DisplayMode::DensitySlice) {
        const auto band = sliceOf(view, settings);
        render::DensitySlice slice;
        slice.lower = std::min(band.lower, band.upper);
        slice.upper = std::max(band.lower, band.upper);
        slice.colour = {230, 40, 200};
        lut_ = render::makeDensitySliceLut(plane, slice, grey);
    } else if (view.scaleOf(settings) != render::DisplayScale::Linear) {
        lut_ = render::makeAttenuationLut(plane, view.transmission, *grey.window, 1.0,
                                          settings.invert);
    } else {
        lut_ = render::makeGreyLut(plane, grey);
    }
    lutView_ = &view;
    lutSettings_ = settings;
    return *lut_;
}

const render::ToneCurves& ViewportRenderer::curvesFor(const PreparedView& view,
                                                      const DisplaySettings& settings) {
    const auto window = windowOf(view, settings);
    if (!curves_ || curvesView_ != &view || curvesInvert_ != settings.invert ||
        curvesWindow_.center != window.center || curvesWindow_.width != window.width) {
        curves_ = view.toneMap.curves(window, settings.invert);
        curvesView_ = &view;
        curvesWindow_ = window;
        curvesInvert_ = settings.invert;
    }
    return *curves_;
}

render::ViewportResult ViewportRenderer::render(const PreparedView& view,
                                                const render::Viewport& viewport,
                                                const DisplaySettings& settings) {
    const bool material = isMaterial(settings.mode);
    if (material && !view.isDualEnergy())
        throw Error(ErrorCode::InvalidArgument, "material colour needs a dual-energy view; view " +
                                                    std::to_string(view.view().index) +
                                                    " has a single energy");
    const auto scale = view.scaleOf(settings);
    const bool hdr = scale == render::DisplayScale::Hdr;
    const render::ToneCurves* curves = hdr ? &curvesFor(view, settings) : nullptr;
    const render::DisplayLut* lut = material || hdr ? nullptr : &lutFor(view, settings);
    const bool smooth = settings.smooth && scale != render::DisplayScale::Linear;
    auto draw = [&](std::span<const imaging::ImageView> crops, int level) {
        imaging::Image out;
        if (lut || curves) {
            imaging::ImageView grey = crops[static_cast<std::size_t>(view.greyPlane)];
            imaging::Image smoothed;
            if (smooth) {
                smoothed = render::smoothStarved(grey, view.transmission, level);
                grey = smoothed.view();
            }
            if (curves) {
                // The tone curves place the crop by where it lies in its pyramid level.
                const auto origin =
                    render::cropOrigin(view.pyramid.plane(level, view.greyPlane),
                                       crops[static_cast<std::size_t>(view.greyPlane)]);
                out = curves->apply(grey, origin[0], origin[1], level);
            } else {
                out = lut->apply(grey);
            }
        } else {
            const auto& high = crops[static_cast<std::size_t>(view.highPlane)];
            materials::DualEnergyInput input{high, crops[static_cast<std::size_t>(view.lowPlane)],
                                             view.airHigh, view.airLow};
            out = imaging::Image(imaging::PixelFormat::Rgb8, high.width, high.height);
            materialRenderer(view).render(input, materialView(settings.mode), out.view());
        }
        if (settings.localContrast)
            out = render::localContrast(out.view());
        if (settings.edges)
            out = render::unsharpMask(out.view(), {1.0, 1.5});
        return out;
    };
    return render::renderViewport(view.pyramid, viewport, draw);
}

} // namespace prescreen::ui
