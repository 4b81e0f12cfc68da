// prescreen-cli render: a scan view to PNG through the same pipeline the workstation uses.
#include "../args.h"
#include "../commands.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/image_io.h>
#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/render/attenuation.h>
#include <prescreen/imaging/render/density_slice.h>
#include <prescreen/imaging/render/enhance.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/pyramid.h>
#include <prescreen/imaging/render/tone_map.h>
#include <prescreen/imaging/render/viewport.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <thread>
#include <vector>
#include <zlib.h>

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
Image renderZoomed(const render::Pyramid& pyramid, double zoom,
                   const render::RenderFunction& renderCrop) {
    render::Viewport viewport;
    viewport.width = std::max(1, static_cast<int>(std::lround(pyramid.width(0) * zoom)));
    viewport.height = std::max(1, static_cast<int>(std::lround(pyramid.height(0) * zoom)));
    viewport.zoom = zoom;
    viewport.centerX = pyramid.width(0) / 2.0;
    viewport.centerY = pyramid.height(0) / 2.0;
    return render::renderViewport(pyramid, viewport, renderCrop).image;
}

render::Pyramid pyramidOf(const std::vector<ImageView>& planes) {
    auto pyramid = render::buildPyramid(planes);
    if (!pyramid)
        throw Error(ErrorCode::Internal, "pyramid build was cancelled");
    return std::move(*pyramid);
}

// The PNG of a Gray8 or Rgb8 image, deflated in row bands on parallel threads (as pigz does):
// every band is a raw deflate stream ending byte-aligned (Z_SYNC_FLUSH), the last one final, so
// their concatenation is one valid zlib stream; Adler-32 is combined from the bands'. Same
// filter (Up), level (1) and strategy (Z_RLE) as imaging::writePng, which runs on one thread:
// that single deflate was a third of this command's time on a 1760 x 2140 image.
void writePngParallel(const Image& image, const std::filesystem::path& file) {
    const ImageView& view = image.view();
    if (view.format != PixelFormat::Gray8 && view.format != PixelFormat::Rgb8) {
        writePng(image, file);
        return;
    }
    const int channels = view.format == PixelFormat::Rgb8 ? 3 : 1;
    const auto rowBytes = static_cast<std::size_t>(view.width) * static_cast<std::size_t>(channels);
    constexpr int kMinRowsPerBand = 128;
    const int cpus = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int bands = std::clamp(view.height / kMinRowsPerBand, 1, std::min(cpus, 8));
    struct Band {
        std::unique_ptr<std::uint8_t[]> deflated; ///< raw deflate, byte-aligned end
        std::size_t size = 0;                     ///< bytes used in `deflated`
        uLong adler = 1;                          ///< Adler-32 of the band's filtered rows
        uLong length = 0;                         ///< filtered bytes in the band
        bool ok = true;
    };
    std::vector<Band> results(static_cast<std::size_t>(bands));
    const auto deflateBand = [&](int band) {
        Band& out = results[static_cast<std::size_t>(band)];
        const int y0 = static_cast<int>(static_cast<long long>(view.height) * band / bands);
        const int y1 = static_cast<int>(static_cast<long long>(view.height) * (band + 1) / bands);
        z_stream zs{};
        if (deflateInit2(&zs, 1, Z_DEFLATED, -15, 8, Z_RLE) != Z_OK) {
            out.ok = false;
            return;
        }
        out.length = static_cast<uLong>(rowBytes + 1) * static_cast<uLong>(y1 - y0);
        // Room for the worst case (incompressible rows, plus the flush marker) in one block, so
        // deflate writes straight into it: no growing, no copying.
        // Not zero-filled: only the pages deflate writes are ever touched.
        const std::size_t room = deflateBound(&zs, out.length) + 16;
        out.deflated = std::make_unique_for_overwrite<std::uint8_t[]>(room);
        zs.next_out = out.deflated.get();
        zs.avail_out = static_cast<uInt>(room);
        std::vector<std::uint8_t> filtered(rowBytes + 1);
        for (int y = y0; y < y1 && out.ok; ++y) {
            const auto* row = view.row<const std::uint8_t>(y);
            const auto* above = y > 0 ? view.row<const std::uint8_t>(y - 1) : nullptr;
            filtered[0] = 2; // PNG filter type Up
            for (std::size_t i = 0; i < rowBytes; ++i)
                filtered[i + 1] = static_cast<std::uint8_t>(row[i] - (above ? above[i] : 0));
            out.adler = adler32(out.adler, filtered.data(), static_cast<uInt>(filtered.size()));
            zs.next_in = filtered.data();
            zs.avail_in = static_cast<uInt>(filtered.size());
            const int flush = y + 1 < y1 ? Z_NO_FLUSH : band + 1 == bands ? Z_FINISH : Z_SYNC_FLUSH;
            const int status = deflate(&zs, flush);
            // The bound leaves room for everything: input left over means it did not.
            if (status == Z_STREAM_ERROR || zs.avail_in != 0 ||
                (flush == Z_FINISH && status != Z_STREAM_END))
                out.ok = false;
        }
        out.size = room - zs.avail_out;
        deflateEnd(&zs);
    };
    // An exception must not leave a worker thread (std::terminate): a failed band says so.
    const auto guardedBand = [&](int band) {
        try {
            deflateBand(band);
        } catch (...) {
            results[static_cast<std::size_t>(band)].ok = false;
        }
    };
    {
        std::vector<std::jthread> workers;
        for (int band = 1; band < bands; ++band)
            workers.emplace_back(guardedBand, band);
        guardedBand(0);
    }

    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    const auto write = [&out](const void* data, std::size_t size) {
        out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    };
    const auto write32 = [&write](std::uint32_t value) {
        const std::uint8_t bytes[4] = {
            static_cast<std::uint8_t>(value >> 24), static_cast<std::uint8_t>(value >> 16),
            static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value)};
        write(bytes, 4);
    };
    const std::uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    write(signature, sizeof signature);
    // IHDR: size, 8 bits, grey (0) or RGB (2), deflate, adaptive filtering, no interlace.
    std::uint8_t header[17] = {'I', 'H', 'D', 'R'};
    for (int i = 0; i < 4; ++i) {
        header[4 + i] =
            static_cast<std::uint8_t>(static_cast<std::uint32_t>(view.width) >> (24 - 8 * i));
        header[8 + i] =
            static_cast<std::uint8_t>(static_cast<std::uint32_t>(view.height) >> (24 - 8 * i));
    }
    header[12] = 8;
    header[13] = channels == 3 ? 2 : 0;
    write32(13);
    write(header, sizeof header);
    write32(static_cast<std::uint32_t>(crc32(0, header, sizeof header)));
    // One IDAT: the zlib header (deflate, 32 KiB window, fastest), the bands, the Adler-32.
    std::uint64_t length = 2 + 4;
    uLong adler = 1;
    for (const auto& band : results) {
        if (!band.ok)
            throw Error(ErrorCode::Internal, file.string() + ": PNG deflate failed");
        length += band.size;
        adler = adler32_combine(adler, band.adler, static_cast<z_off_t>(band.length));
    }
    if (length > 0x7FFFFFFFu)
        throw Error(ErrorCode::Unsupported,
                    file.string() + ": the image is too large for one PNG chunk");
    const std::uint8_t start[6] = {'I', 'D', 'A', 'T', 0x78, 0x01};
    write32(static_cast<std::uint32_t>(length));
    write(start, sizeof start);
    uLong crc = crc32(0, start, sizeof start);
    for (const auto& band : results) {
        write(band.deflated.get(), band.size);
        crc = crc32(crc, band.deflated.get(), static_cast<uInt>(band.size));
    }
    const std::uint8_t check[4] = {
        static_cast<std::uint8_t>(adler >> 24), static_cast<std::uint8_t>(adler >> 16),
        static_cast<std::uint8_t>(adler >> 8), static_cast<std::uint8_t>(adler)};
    write(check, sizeof check);
    write32(static_cast<std::uint32_t>(crc32(crc, check, sizeof check)));
    const std::uint8_t end[4] = {'I', 'E', 'N', 'D'};
    write32(0);
    write(end, sizeof end);
    write32(static_cast<std::uint32_t>(crc32(0, end, sizeof end)));
    out.close();
    if (!out)
        throw Error(ErrorCode::Io, file.string() + ": cannot write the PNG");
}

} // namespace

int renderCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args,
                      {"-o", "--output", "--mode", "--window", "--gamma", "--zoom", "--view",
                       "--plane", "--slice", "--display"},
                      {"--invert", "--clahe", "--edge", "--no-siblings", "--smooth"});
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

    std::optional<render::DisplayScale> display;
    if (const auto name = parsed.value("--display")) {
        display = render::parseDisplayScale(*name);
        if (!display)
            throw UsageError("--display is one of linear, attenuation, hdr");
    }

    std::vector<ImageView> planes;
    render::RenderFunction renderCrop;
    std::optional<render::Pyramid> pyramid;
    std::optional<render::DisplayLut> lut;
    std::optional<render::ToneCurves> curves;
    render::Transmission transmission;
    std::string shown = mode;
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
        planes = {plane.pixels.view()};
        // Attenuation and HDR for linear transmission only; anything else is shown as stored.
        // Without --display: attenuation for linear transmission (render::defaultDisplayScale),
        // but a --window alone keeps its old meaning (rescaled units, linear display).
        transmission = render::transmissionOf(plane);
        if (!display)
            display = parsed.value("--window")
                          ? render::DisplayScale::Linear
                          : render::defaultDisplayScale(plane, transmission, scan.metadata.isDicos);
        if (*display == render::DisplayScale::Linear)
            transmission.linear = false;
        const bool logScale = transmission.linear && !parsed.value("--slice");
        if (logScale) {
            const auto window = settings.window
                                    ? *settings.window
                                    : render::autoAttenuationWindow(plane, transmission);
            if (*display == render::DisplayScale::Hdr) {
                pyramid = pyramidOf(planes);
                curves = render::LocalToneMap::build(*pyramid, 0, plane, transmission)
                             .curves(window, settings.invert);
            } else {
                lut = render::makeAttenuationLut(plane, transmission, window, settings.gamma,
                                                 settings.invert);
            }
            shown += std::string(", ") + render::displayScaleName(*display) + " window " +
                     std::to_string(window.center) + "/" + std::to_string(window.width);
        } else if (parsed.value("--slice")) {
            const auto [lower, upper] = numberPair(parsed, "--slice");
            lut = render::makeDensitySliceLut(plane, {lower, upper, {255, 40, 40}, 0.7}, settings);
        } else {
            lut = render::makeGreyLut(plane, settings);
        }
        if (*display != render::DisplayScale::Linear && !logScale)
            shown += ", linear (" + transmission.reason + ")";
        const bool smooth = parsed.has("--smooth") && logScale;
        if (smooth)
            shown += ", photon-starved pixels smoothed";
        renderCrop = [&, smooth](std::span<const ImageView> crops, int level) {
            Image smoothed;
            ImageView crop = crops[0];
            if (smooth) {
                smoothed = render::smoothStarved(crop, transmission, level);
                crop = smoothed.view();
            }
            if (curves) {
                const auto origin = render::cropOrigin(pyramid->plane(level, 0), crops[0]);
                return curves->apply(crop, origin[0], origin[1], level);
            }
            return lut->apply(crop);
        };
    } else if (mode == "material" || mode == "organic" || mode == "inorganic") {
        if (parsed.has("--invert") || parsed.value("--window") || parsed.value("--slice") ||
            parsed.value("--display") || parsed.has("--smooth"))
            throw UsageError("--invert, --window, --slice, --display and --smooth apply to "
                             "--mode grey");
        const auto materialView = mode == "material"  ? materials::MaterialView::Colour
                                  : mode == "organic" ? materials::MaterialView::OrganicOnly
                                                      : materials::MaterialView::InorganicOnly;
        dual = materials::dualEnergyInput(view); // says clearly when the view is single-energy
        materialRenderer.emplace();
        planes = {dual.high, dual.low};
        // materialView by value: it ends with this block, the function is called after it.
        renderCrop = [&, materialView](std::span<const ImageView> crops, int) {
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

    if (zoom != 1.0 && !pyramid)
        pyramid = pyramidOf(planes);
    Image image = zoom == 1.0 ? renderCrop(planes, 0) : renderZoomed(*pyramid, zoom, renderCrop);
    if (parsed.has("--clahe"))
        image = render::localContrast(image.view());
    if (parsed.has("--edge"))
        image = render::unsharpMask(image.view());
    writePngParallel(image, *output);
    out << "wrote " << *output << " (" << image.width() << 'x' << image.height() << ' '
        << pixelFormatName(image.format()) << ", view " << view.index << ", " << shown << ")\n";
    return 0;
}

} // namespace prescreen::cli
