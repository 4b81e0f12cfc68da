#include "scan_render.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/render/grey.h>

#include <QTemporaryDir>

#include <set>

namespace prescreen::ui {
namespace {

namespace materials = imaging::materials;

// Built once (a few milliseconds), shared by every render; its methods are const and
// thread-safe.
const materials::MaterialRenderer& materialRenderer() {
    static const materials::MaterialRenderer renderer;
    return renderer;
}

// Hands an imaging::Image's pixels to a QImage, which frees them when its last copy goes.
QImage adopt(imaging::Image&& pixels) {
    auto* owned = new imaging::Image(std::move(pixels));
    const auto format = owned->format() == imaging::PixelFormat::Rgb8 ? QImage::Format_RGB888
                                                                      : QImage::Format_Grayscale8;
    return QImage(
        owned->view().data, owned->width(), owned->height(),
        static_cast<qsizetype>(owned->strideBytes()), format,
        [](void* image) { delete static_cast<imaging::Image*>(image); }, owned);
}

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

} // namespace

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

QImage renderView(const imaging::View& view, const DisplaySettings& settings) {
    if (view.planes.empty())
        throw Error(ErrorCode::BadFormat, "view " + std::to_string(view.index) + " has no planes");
    if (settings.mode == DisplayMode::Grey) {
        imaging::render::GreySettings grey;
        grey.invert = settings.invert;
        return adopt(imaging::render::renderGrey(view.planes.front(), grey));
    }
    const auto input = materials::dualEnergyInput(view); // says so when single-energy
    imaging::Image rgb(imaging::PixelFormat::Rgb8, input.high.width, input.high.height);
    materialRenderer().render(input, materialView(settings.mode), rgb.view());
    return adopt(std::move(rgb));
}

} // namespace prescreen::ui
