// prescreen-cli bench: speed of the imaging pipeline as ratios to baselines measured in the same
// run (memcpy of the same bytes; DCMTK's dcm2pnm on the same file), never as absolute targets.
#include "../args.h"
#include "../commands.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/materials/phantom.h>
#include <prescreen/imaging/render/attenuation.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/pyramid.h>
#include <prescreen/imaging/render/tone_map.h>
#include <prescreen/imaging/render/viewport.h>
#include <prescreen/version.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <iomanip>
#include <ostream>
#include <sched.h>
#include <sstream>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

namespace prescreen::cli {
namespace {

using namespace prescreen::imaging;
using Clock = std::chrono::steady_clock;

/// Wall times of `repeat` runs, in milliseconds: median and spread.
struct Timing {
    double median = 0;
    double low = 0;
    double high = 0;
};

Timing timeRuns(int repeat, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < repeat; ++i) {
        const auto start = Clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return {times[times.size() / 2], times.front(), times.back()};
}

/// CPU time (user + system) of the child processes that ran since the last call, in ms.
double childCpuMs() {
    static double before = 0;
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    const double now = (static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                        static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3);
    const double delta = now - before;
    before = now;
    return delta;
}

/// While it lives, this process (and the threads it starts) may run on one CPU only, so the
/// renderer's row bands, which follow the affinity mask, use a single thread.
class OneCpu {
public:
    OneCpu() {
        CPU_ZERO(&all_);
        if (::sched_getaffinity(0, sizeof all_, &all_) != 0)
            return;
        cpu_set_t one;
        CPU_ZERO(&one);
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
            if (CPU_ISSET(cpu, &all_)) {
                CPU_SET(cpu, &one);
                break;
            }
        }
        pinned_ = ::sched_setaffinity(0, sizeof one, &one) == 0;
    }
    ~OneCpu() {
        if (pinned_)
            ::sched_setaffinity(0, sizeof all_, &all_);
    }
    OneCpu(const OneCpu&) = delete;
    OneCpu& operator=(const OneCpu&) = delete;

private:
    cpu_set_t all_;
    bool pinned_ = false;
};

/// `work` and `baseline` alternately, `repeat` times each, so drifts in a shared machine's load
/// hit both: their timings, work first.
std::pair<Timing, Timing> timePaired(int repeat, const std::function<void()>& work,
                                     const std::function<void()>& baseline) {
    std::vector<double> times[2];
    for (int i = 0; i < repeat; ++i) {
        for (int which = 0; which < 2; ++which) {
            const auto start = Clock::now();
            (which == 0 ? work : baseline)();
            times[which].push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
    }
    Timing result[2];
    for (int which = 0; which < 2; ++which) {
        auto& t = times[which];
        std::sort(t.begin(), t.end());
        result[which] = {t[t.size() / 2], t.front(), t.back()};
    }
    return {result[0], result[1]};
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
    Timing timing;
    std::string baseline;
    Timing baselineTiming;
};

void printRows(const std::vector<Row>& rows, std::ostream& out) {
    out << "| measurement | median ms (min-max) | baseline | baseline median ms (min-max) | ratio "
           "of medians |\n|---|---|---|---|---|\n";
    const auto cell = [](const Timing& t) {
        std::ostringstream text;
        text << std::fixed << std::setprecision(1) << t.median << " (" << t.low << "-" << t.high
             << ")";
        return text.str();
    };
    for (const auto& row : rows) {
        out << "| " << row.what << " | " << cell(row.timing) << " | " << row.baseline << " | "
            << cell(row.baselineTiming) << " | " << std::fixed << std::setprecision(2)
            << row.timing.median / row.baselineTiming.median << "x |\n";
    }
}

int usableCpuCount() {
    cpu_set_t set;
    CPU_ZERO(&set);
    return ::sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
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

/// Attenuation and HDR display of the cargo phantom (issue 16): the whole scan, and 1920 x 1080
/// viewport frames on one CPU, each against a memcpy of the same pixels in the same run.
void cargoDisplayRows(int width, int height, int repeat, std::vector<Row>& rows,
                      std::ostream& out) {
    materials::PhantomOptions options;
    options.kind = materials::PhantomKind::Cargo;
    options.seed = 1;
    options.width = width;
    options.height = height;
    const auto phantom = materials::generatePhantom(options);
    const Plane& high = *phantom.scan.views.front().find(PlaneKind::HighEnergy);
    out << "cargo phantom: " << width << " x " << height << ", 6 / 4 MeV, "
        << (high.pixels.sizeBytes() >> 20) << " MiB per plane\n\n";
    Image copy(PixelFormat::Gray16, width, height);
    const auto copyOne = [&] {
        copyPlane(high.pixels, copy);
    };
    const OneCpu pinned;

    render::Transmission transmission;
    render::Window window;
    std::optional<render::Pyramid> pyramid;
    render::LocalToneMap toneMap;
    const auto prepare = [&] {
        transmission = render::transmissionOf(high);
        window = render::autoAttenuationWindow(high, transmission);
    };
    auto [prepared, prepareBase] = timePaired(std::min(repeat, 3), prepare, copyOne);
    rows.push_back({"attenuation: transmission rule + object window, full scan, 1 thread", prepared,
                    "memcpy of one plane", prepareBase});
    pyramid = render::buildPyramid({high.pixels.view()});
    auto [built, buildBase] = timePaired(
        std::min(repeat, 3),
        [&] { toneMap = render::LocalToneMap::build(*pyramid, 0, high, transmission); }, copyOne);
    rows.push_back(
        {"HDR: tile histograms, full scan, 1 thread", built, "memcpy of one plane", buildBase});

    const auto lut = render::makeAttenuationLut(high, transmission, window);
    const auto curves = toneMap.curves(window);
    Image grey(PixelFormat::Gray8, width, height);
    auto [lutFull, lutBase] = timePaired(
        repeat, [&] { lut.apply(high.pixels.view(), grey.view()); }, copyOne);
    rows.push_back(
        {"attenuation display, full scan, 1 thread", lutFull, "memcpy of one plane", lutBase});
    const ImageView& level0 = pyramid->plane(0, 0);
    auto [hdrFull, hdrBase] = timePaired(
        std::min(repeat, 3), [&] { curves.apply(level0, level0, 0); }, copyOne);
    rows.push_back({"HDR display, full scan, 1 thread", hdrFull, "memcpy of one plane", hdrBase});
    auto [curvesMade, curvesBase] = timePaired(
        repeat, [&] { (void)toneMap.curves(window); }, copyOne);
    rows.push_back(
        {"HDR: tone curves for a new window", curvesMade, "memcpy of one plane", curvesBase});

    // Frames: what the viewport renders per pan / zoom step. Baseline: memcpy of a 1920 x 1080
    // 16-bit frame.
    Image frameFrom(PixelFormat::Gray16, 1920, 1080);
    Image frameTo(PixelFormat::Gray16, 1920, 1080);
    const auto copyFrame = [&] {
        copyPlane(frameFrom, frameTo);
    };
    const render::RenderFunction attenuation = [&](std::span<const ImageView> crops, int) {
        return lut.apply(crops[0]);
    };
    const render::RenderFunction hdr = [&](std::span<const ImageView> crops, int level) {
        return curves.apply(crops[0], pyramid->plane(level, 0), level);
    };
    const render::RenderFunction smoothed = [&](std::span<const ImageView> crops, int level) {
        const Image quiet = render::smoothStarved(crops[0], transmission, level);
        return lut.apply(quiet.view());
    };
    const double fit = std::min(1920.0 / width, 1080.0 / height);
    for (const double zoom : {1.0, 0.51, fit}) {
        const render::Viewport viewport{1920, 1080, zoom, width / 2.0, height / 2.0};
        for (const auto& [name, function] :
             {std::pair<const char*, const render::RenderFunction*>{"attenuation", &attenuation},
              {"HDR", &hdr},
              {"attenuation + smoothing", &smoothed}}) {
            auto [frame, base] = timePaired(
                repeat, [&] { render::renderViewport(*pyramid, viewport, *function); }, copyFrame);
            std::ostringstream what;
            what << "1920x1080 " << name << " viewport, zoom " << std::setprecision(3) << zoom
                 << ", 1 thread";
            rows.push_back({what.str(), frame, "memcpy of a 1920x1080 16-bit frame", base});
        }
    }
}

} // namespace

int benchCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
    const Args parsed(args, {"--size", "--repeat", "--dicom", "--self"}, {"--cargo-only"});
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

    std::vector<Row> rows;
    if (!parsed.has("--cargo-only")) {
        // A container-sized dual-energy phantom: the largest scans DESIGN.md names (256 MB, 2
        // planes).
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

        Image highCopy(PixelFormat::Gray16, width, height);
        Image lowCopy(PixelFormat::Gray16, width, height);
        const Timing memcpyBoth = timeRuns(repeat, [&] {
            copyPlane(high.pixels, highCopy);
            copyPlane(low.pixels, lowCopy);
        });
        const Timing memcpyOne = timeRuns(repeat, [&] { copyPlane(high.pixels, highCopy); });

        const materials::MaterialRenderer renderer;
        const auto input = materials::dualEnergyInput(view);
        Image rgb(PixelFormat::Rgb8, width, height);
        // The memcpy baseline runs on one thread; the render on every CPU the process may use, and
        // again pinned to one CPU (the fair comparison).
        const auto fullColour = [&] {
            renderer.render(input, materials::MaterialView::Colour, rgb.view());
        };
        const auto copyBoth = [&] {
            copyPlane(high.pixels, highCopy);
            copyPlane(low.pixels, lowCopy);
        };
        std::ostringstream allThreads;
        allThreads << "material colour, full scan, " << usableCpuCount() << " threads";
        const auto [threaded, threadedBaseline] = timePaired(repeat, fullColour, copyBoth);
        rows.push_back(
            {allThreads.str(), threaded, "memcpy of both planes (1 thread)", threadedBaseline});
        {
            const OneCpu pinned;
            const auto [single, singleBaseline] = timePaired(repeat, fullColour, copyBoth);
            rows.push_back({"material colour, full scan, 1 thread", single,
                            "memcpy of both planes (1 thread)", singleBaseline});
        }

        const auto lut = render::makeGreyLut(high);
        Image grey(PixelFormat::Gray8, width, height);
        rows.push_back({"greyscale (VOI LUT), full plane",
                        timeRuns(repeat, [&] { lut.apply(high.pixels.view(), grey.view()); }),
                        "memcpy of one plane", memcpyOne});

        std::optional<render::Pyramid> pyramid;
        rows.push_back(
            {"pyramid build, both planes",
             timeRuns(std::min(repeat, 3),
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
        // 1, 1/4 and 4 are on a level's pixel grid; 0.51 and 0.7 are not, and 0.51 is the worst
        // case (the level read has almost 4 pixels per output pixel); 1.5 magnifies bilinearly.
        for (const double zoom : {1.0, 0.25, 4.0, 0.51, 0.7, 1.5}) {
            render::Viewport viewport{1920, 1080, zoom, width / 2.0, height / 2.0};
            const Timing frame =
                timeRuns(repeat, [&] { render::renderViewport(*pyramid, viewport, material); });
            std::ostringstream what;
            what << "1920x1080 material viewport, zoom " << zoom;
            rows.push_back({what.str(), frame, "memcpy of both planes", memcpyBoth});
        }
    }
    cargoDisplayRows(width, height, repeat, rows, out);
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
        // Wall time as a user sees it, and the processes' CPU time (user + system), which a busy
        // shared machine disturbs much less.
        childCpuMs();
        const Timing oursMs = timeRuns(repeat, [&] { runProcess(ours); });
        const double oursCpu = childCpuMs() / repeat;
        const Timing theirsMs = timeRuns(repeat, [&] { runProcess(theirs); });
        const double theirsCpu = childCpuMs() / repeat;
        std::remove(png.c_str());
        out << "\nwhole process, " << *dicom << " to PNG, window 400/700:\n\n";
        printRows({{"prescreen-cli render", oursMs, "dcm2pnm +on", theirsMs}}, out);
        out << "(dcm2pnm takes " << std::fixed << std::setprecision(2)
            << theirsMs.median / oursMs.median << "x as long; CPU time per run "
            << std::setprecision(1) << oursCpu << " ms against " << theirsCpu << " ms, "
            << std::setprecision(2) << theirsCpu / oursCpu << "x)\n";
    }
    return 0;
}

} // namespace prescreen::cli
