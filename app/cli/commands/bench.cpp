// prescreen-cli bench: speed of the imaging pipeline as ratios to baselines measured in the same
// run (memcpy of the same bytes; DCMTK's dcm2pnm on the same file), never as absolute targets.
#include "../args.h"
#include "../commands.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/materials/phantom.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/pyramid.h>
#include <prescreen/imaging/render/viewport.h>
#include <prescreen/version.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace prescreen::cli {
namespace {

using namespace prescreen::imaging;
using Clock = std::chrono::steady_clock;

/// Median wall time of `repeat` runs, in milliseconds.
double medianMs(int repeat, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        const auto start = Clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void copyPlane(const Image& from, Image& to) {
    std::memcpy(to.view().data, from.view().data, from.sizeBytes());
}

std::string cpuModel() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    }
    return "unknown CPU";
}

struct Row {
    std::string what;
    double ms;
    std::string baseline;
    double baselineMs;
};

void printRows(const std::vector<Row>& rows, std::ostream& out) {
    out << "| measurement | median ms | baseline | baseline ms | ratio |\n|---|---|---|---|---|\n";
    for (const auto& row : rows) {
        out << "| " << row.what << " | " << std::fixed << std::setprecision(1) << row.ms << " | "
            << row.baseline << " | " << row.baselineMs << " | " << std::setprecision(2)
            << row.ms / row.baselineMs << "x |\n";
    }
}

int runProcess(const std::string& commandLine) {
    const int status = std::system((commandLine + " >/dev/null 2>&1").c_str());
    return status == 0 ? 0 : 1;
}

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

} // namespace

int benchCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
    const Args parsed(args, {"--size", "--repeat", "--dicom", "--self"}, {});
    parsed.expectPositionals(0, 0, "no positional arguments");
    const int repeat = static_cast<int>(parsed.integer("--repeat", 7));
    if (repeat < 1 || repeat > 1000)
        throw UsageError("--repeat expects 1..1000");
    const std::string size = parsed.value("--size", "16384x4096");
    int width = 0, height = 0;
    if (std::sscanf(size.c_str(), "%dx%d", &width, &height) != 2 || width < 64 || height < 64)
        throw UsageError("--size expects WIDTHxHEIGHT, e.g. 16384x4096");

    out << "# Prescreen " << kVersion << " imaging benchmark\n\n"
        << "machine: " << cpuModel() << ", " << std::thread::hardware_concurrency()
        << " hardware threads; median of " << repeat << " runs\n\n";

    // A container-sized dual-energy phantom: the largest scans DESIGN.md names (256 MB, 2 planes).
    materials::PhantomOptions options;
    options.kind = materials::PhantomKind::Container;
    options.seed = 1;
    options.width = width;
    options.height = height;
    const auto phantom = materials::generatePhantom(options);
    const View& view = phantom.scan.views.front();
    const Plane& high = *view.find(PlaneKind::HighEnergy);
    const Plane& low = *view.find(PlaneKind::LowEnergy);
    out << "scan: " << width << " x " << height << " dual-energy phantom, "
        << (high.pixels.sizeBytes() * 2 >> 20) << " MiB of 16-bit planes\n\n";

    std::vector<Row> rows;
    Image highCopy(PixelFormat::Gray16, width, height);
    Image lowCopy(PixelFormat::Gray16, width, height);
    const double memcpyBoth = medianMs(repeat, [&] {
        copyPlane(high.pixels, highCopy);
        copyPlane(low.pixels, lowCopy);
    });
    const double memcpyOne = medianMs(repeat, [&] { copyPlane(high.pixels, highCopy); });

    const materials::MaterialRenderer renderer;
    const auto input = materials::dualEnergyInput(view);
    Image rgb(PixelFormat::Rgb8, width, height);
    rows.push_back(
        {"material colour, full scan",
         medianMs(repeat,
                  [&] { renderer.render(input, materials::MaterialView::Colour, rgb.view()); }),
         "memcpy of both planes", memcpyBoth});

    const auto lut = render::makeGreyLut(high);
    Image grey(PixelFormat::Gray8, width, height);
    rows.push_back({"greyscale (VOI LUT), full plane",
                    medianMs(repeat, [&] { lut.apply(high.pixels.view(), grey.view()); }),
                    "memcpy of one plane", memcpyOne});

    std::optional<render::Pyramid> pyramid;
    rows.push_back(
        {"pyramid build, both planes",
         medianMs(std::min(repeat, 3),
                  [&] {
                      pyramid = render::buildPyramid({high.pixels.view(), low.pixels.view()});
                  }),
         "memcpy of both planes", memcpyBoth});
    const render::RenderFunction material = [&](std::span<const ImageView> crops, int) {
        Image colour(PixelFormat::Rgb8, crops[0].width, crops[0].height);
        auto crop = input;
        crop.high = crops[0];
        crop.low = crops[1];
        renderer.render(crop, materials::MaterialView::Colour, colour.view());
        return colour;
    };
    for (const double zoom : {1.0, 0.25, 4.0}) {
        render::Viewport viewport{1920, 1080, zoom, width / 2.0, height / 2.0};
        const double frame =
            medianMs(repeat, [&] { render::renderViewport(*pyramid, viewport, material); });
        std::ostringstream what;
        what << "1920x1080 material viewport, zoom " << zoom;
        rows.push_back({what.str(), frame, "memcpy of both planes", memcpyBoth});
    }
    printRows(rows, out);

    // prescreen-cli render against DCMTK's dcm2pnm: same file, same window, PNG out, whole
    // processes (start-up included) as a user would run them.
    const auto dicom = parsed.value("--dicom");
    const auto self = parsed.value("--self");
    if (dicom && self) {
        const std::string png = "/tmp/prescreen-bench-" + std::to_string(::getpid()) + ".png";
        const std::string ours = quote(*self) + " render --no-siblings " + quote(*dicom) + " -o " +
                                 quote(png) + " --window 400,700";
        const std::string theirs = "dcm2pnm +Ww 400 700 +on " + quote(*dicom) + " " + quote(png);
        if (runProcess(ours) != 0 || runProcess(theirs) != 0) {
            err << "prescreen-cli bench: render or dcm2pnm failed on " << *dicom << '\n';
            return 1;
        }
        const double oursMs = medianMs(repeat, [&] { runProcess(ours); });
        const double theirsMs = medianMs(repeat, [&] { runProcess(theirs); });
        std::remove(png.c_str());
        out << "\nwhole process, " << *dicom << " to PNG, window 400/700:\n\n";
        printRows({{"prescreen-cli render", oursMs, "dcm2pnm +on", theirsMs}}, out);
        out << "(dcm2pnm takes " << std::fixed << std::setprecision(2) << theirsMs / oursMs
            << "x as long)\n";
    }
    return 0;
}

} // namespace prescreen::cli
