// prescreen-cli render: a scan view to PNG through the same pipeline the workstation uses.
#include "../args.h"
#include "../commands.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/image_io.h>
#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/render/density_slice.h>
#include <prescreen/imaging/render/enhance.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/pyramid.h>
#include <prescreen/imaging/render/viewport.h>

#include <cmath>
#include <ostream>

namespace prescreen::cli {
namespace {

using namespace prescreen::imaging;

std::pair<double, double> numberPair(const Args& args, const std::string& option) {
    const std::string text = *args.value(option);
    const auto comma = text.find(',');
    char* end = nullptr;
    const double first = std::strtod(text.c_str(), &end);
    if (comma == std::string::npos || end != text.c_str() + comma)
        throw UsageError(option + " expects two numbers A,B, got '" + text + "'");
    const std::string rest = text.substr(comma + 1);
    const double second = std::strtod(rest.c_str(), &end);
    if (rest.empty() || end != rest.c_str() + rest.size() || !std::isfinite(first) ||
        !std::isfinite(second))
        throw UsageError(option + " expects two numbers A,B, got '" + text + "'");
    return {first, second};
}

const View& chooseView(const Scan& scan, const Args& args) {
    if (scan.views.empty())
        throw Error(ErrorCode::BadFormat, "the scan has no views");
    if (!args.value("--view"))
        return scan.views.front();
    const auto index = args.integer("--view", 0);
    for (const auto& view : scan.views) {
        if (view.index == index)
            return view;
    }
    throw UsageError("the scan has no view " + std::to_string(index));
}

const Plane& choosePlane(const View& view, const Args& args) {
    const std::string wanted = args.value("--plane", "");
    if (wanted.empty())
        return view.planes.front(); // high energy first when there is one
    for (const auto& plane : view.planes) {
        std::string name = planeKindName(plane.kind);
        for (auto& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name.rfind(wanted, 0) == 0)
            return plane;
    }
    throw UsageError("view " + std::to_string(view.index) + " has no '" + wanted + "' plane");
}

// The whole view at `zoom` through the pyramid and viewport machinery the workstation uses.
Image renderZoomed(const std::vector<ImageView>& planes, double zoom,
                   const render::RenderFunction& renderCrop) {
    const auto pyramid = render::buildPyramid(planes);
    if (!pyramid)
        throw Error(ErrorCode::Internal, "pyramid build was cancelled");
    render::Viewport viewport;
    viewport.width = static_cast<int>(std::lround(planes.front().width * zoom));
    viewport.height = static_cast<int>(std::lround(planes.front().height * zoom));
    viewport.zoom = zoom;
    viewport.centerX = planes.front().width / 2.0;
    viewport.centerY = planes.front().height / 2.0;
    return render::renderViewport(*pyramid, viewport, renderCrop).image;
}

} // namespace

int renderCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args,
                      {"-o", "--output", "--mode", "--window", "--gamma", "--zoom", "--view",
                       "--plane", "--slice"},
                      {"--invert", "--clahe", "--edge", "--no-siblings"});
    parsed.expectPositionals(1, 1, "exactly one PATH (a scan file or folder)");
    const auto output = parsed.value("-o") ? parsed.value("-o") : parsed.value("--output");
    if (!output)
        throw UsageError("say where to write the PNG: -o OUT.png");
    const std::string mode = parsed.value("--mode", "grey");
    const double zoom = parsed.number("--zoom", 1.0);
    if (!(zoom > 0) || !std::isfinite(zoom))
        throw UsageError("--zoom expects a positive number");

    OpenOptions options;
    options.findSiblings = !parsed.has("--no-siblings");
    const Scan scan = openScan(parsed.positionals().front(), options);
    const View& view = chooseView(scan, parsed);

    std::vector<ImageView> planes;
    render::RenderFunction renderCrop;
    std::optional<render::DisplayLut> lut;
    std::optional<materials::MaterialRenderer> materialRenderer;
    materials::DualEnergyInput dual;
    if (mode == "grey" || mode == "gray") {
        const Plane& plane = choosePlane(view, parsed);
        render::GreySettings settings;
        if (parsed.value("--window")) {
            const auto [center, width] = numberPair(parsed, "--window");
            settings.window = render::Window{center, width};
        }
        settings.gamma = parsed.number("--gamma", 1.0);
        settings.invert = parsed.has("--invert");
        if (parsed.value("--slice")) {
            const auto [lower, upper] = numberPair(parsed, "--slice");
            lut = render::makeDensitySliceLut(plane, {lower, upper, {255, 40, 40}, 0.7}, settings);
        } else {
            lut = render::makeGreyLut(plane, settings);
        }
        planes = {plane.pixels.view()};
        renderCrop = [&lut](std::span<const ImageView> crops, int) {
            return lut->apply(crops[0]);
        };
    } else if (mode == "material" || mode == "organic" || mode == "inorganic") {
        if (parsed.has("--invert") || parsed.value("--window") || parsed.value("--slice"))
            throw UsageError("--invert, --window and --slice apply to --mode grey");
        const auto materialView = mode == "material"  ? materials::MaterialView::Colour
                                  : mode == "organic" ? materials::MaterialView::OrganicOnly
                                                      : materials::MaterialView::InorganicOnly;
        dual = materials::dualEnergyInput(view); // says clearly when the view is single-energy
        materialRenderer.emplace();
        planes = {dual.high, dual.low};
        renderCrop = [&](std::span<const ImageView> crops, int) {
            Image rgb(PixelFormat::Rgb8, crops[0].width, crops[0].height);
            materials::DualEnergyInput crop = dual;
            crop.high = crops[0];
            crop.low = crops[1];
            materialRenderer->render(crop, materialView, rgb.view());
            return rgb;
        };
    } else {
        throw UsageError("--mode is one of grey, material, organic, inorganic");
    }

    Image image = zoom == 1.0 ? renderCrop(planes, 0) : renderZoomed(planes, zoom, renderCrop);
    if (parsed.has("--clahe"))
        image = render::localContrast(image.view());
    if (parsed.has("--edge"))
        image = render::unsharpMask(image.view());
    writePng(image, *output);
    out << "wrote " << *output << " (" << image.width() << 'x' << image.height() << ' '
        << pixelFormatName(image.format()) << ", view " << view.index << ", " << mode << ")\n";
    return 0;
}

} // namespace prescreen::cli
