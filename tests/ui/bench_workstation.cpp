// bench_workstation [frames]: what an officer waits for at the workstation.
//  1. Selecting a case to its first image on screen (demo site: decode, verify, pyramid, first
//     viewport render and paint), against reading the same files and copying their bytes.
//  2. Preparing a 4096 × 16384 dual-energy scan (pyramid of both planes + automatic window).
//  3. Frame time (median, p95) while panning and zooming it in a 1920 × 1080 view, per mode: one
//     frame = the pan or zoom step + re-render of the visible part + a synchronous repaint,
//     against a memcpy of one 1920 × 1080 RGB32 frame and of both planes, in the same run.
// Offscreen unless QT_QPA_PLATFORM says otherwise. Not run by CTest.
#include "histogram_widget.h"
#include "test_scan_fixture.h"
#include "ui_site.h"

#include <prescreen/ui/main_window.h>

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QScrollBar>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

using namespace prescreen;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Stats {
    double median = 0;
    double p95 = 0;
};

Stats stats(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    if (samples.empty())
        return {};
    auto at = [&](double q) {
        return samples[std::min(samples.size() - 1, static_cast<std::size_t>(q * samples.size()))];
    };
    return {at(0.5), at(0.95)};
}

double memcpyMs(std::size_t bytes, int repeats) {
    std::vector<char> from(bytes, 1), to(bytes);
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        std::memcpy(to.data(), from.data(), bytes);
        times.push_back(msSince(start));
        from[static_cast<std::size_t>(i) % bytes] = static_cast<char>(to[bytes / 2] + i);
    }
    return stats(times).median;
}

void caseOpening() {
    std::printf("## Selecting a case to its first image\n\n");
    test::DemoSite site;
    ui::MainWindow window(site.service);
    window.resize(1600, 1000);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        std::fprintf(stderr, "the window was not exposed\n");
    window.setSession(site.signIn("officer1"));
    auto* view = window.findChild<ui::ScanView*>(QStringLiteral("ScanView"));
    const auto cases = site.service.queue(*window.session());
    std::printf("| case | scan files | open → first image | read the files + memcpy (baseline) |\n"
                "|---|---|---|---|\n");
    for (const auto& item : cases) {
        const auto start = Clock::now();
        if (!window.openCase(item.id))
            continue;
        test::waitFor([&] { return !window.isBusy(); });
        view->viewport()->repaint();
        const double openMs = msSince(start);

        const auto detail = site.service.siteCaseDetail(item.id);
        std::size_t bytes = 0;
        const auto baseline = Clock::now();
        for (const auto& file : detail.scans) {
            std::ifstream in(site.cache.pathOf(file.sha256), std::ios::binary);
            std::vector<char> content(static_cast<std::size_t>(file.sizeBytes));
            in.read(content.data(), static_cast<std::streamsize>(content.size()));
            std::vector<char> copy(content);
            bytes += copy.size();
        }
        std::printf("| %s | %.1f MB | %.0f ms | %.1f ms |\n", item.id.substr(0, 8).c_str(),
                    bytes / 1e6, openMs, msSince(baseline));
    }
    std::printf("\n");
}

void largeScan(int frames) {
    std::printf("## A 4096 × 16384 dual-energy scan in a 1920 × 1080 view\n\n");
    auto scan = test::syntheticScan(16384, 4096);
    {
        // The worker's job alone, on this thread: both pyramids and the automatic window.
        const auto start = Clock::now();
        const auto prepared = ui::prepareView(scan, 0, {}, {});
        std::printf("prepare on the calling thread: %.0f ms\n\n", msSince(start));
    }
    ui::ScanPanel panel{core::ScanCache(std::filesystem::temp_directory_path())};
    panel.resize(1920, 1080);
    panel.show();
    if (!QTest::qWaitForWindowExposed(&panel))
        std::fprintf(stderr, "the window was not exposed\n");
    panel.histogram().hide();
    QTest::qWait(50);
    // The view itself 1920 × 1080: the toolbar and readout come on top.
    panel.resize(1920, 1080 + panel.height() - panel.view().viewport()->height());
    QTest::qWait(50);
    const auto start = Clock::now();
    panel.showScan(scan);
    test::waitFor([&] { return !panel.isBusy(); }, 600000);
    auto& view = panel.view();
    view.viewport()->repaint();
    std::printf("viewport %d × %d; prepare (both pyramids + automatic window, worker) and first "
                "image: %.0f ms; memcpy of both planes (256 MiB): %.1f ms\n\n",
                view.viewport()->width(), view.viewport()->height(), msSince(start),
                memcpyMs(2ull * 16384 * 4096 * 2, 5));

    const double frameCopy = memcpyMs(1920ull * 1080 * 4, 50);
    std::printf(
        "| mode | motion | median frame | p95 frame | frame ÷ memcpy of a frame (%.2f ms) |\n"
        "|---|---|---|---|---|\n",
        frameCopy);
    struct Mode {
        const char* name;
        ui::DisplayMode mode;
        bool clahe;
    };
    for (const Mode& mode : {Mode{"grey", ui::DisplayMode::Grey, false},
                             Mode{"material", ui::DisplayMode::Material, false},
                             Mode{"material + CLAHE", ui::DisplayMode::Material, true}}) {
        panel.setMode(mode.mode);
        panel.setLocalContrast(mode.clahe);
        {
            // The render alone (no Qt painting): the visible part at 1:1 from level 0.
            ui::ViewportRenderer renderer;
            const imaging::render::Viewport viewport{1920, 1080, 1.0, 4000, 2000, {}};
            ui::DisplaySettings settings = panel.settings();
            std::vector<double> times;
            for (int i = 0; i < 20; ++i) {
                const auto t = Clock::now();
                renderer.render(*view.preparedView(), viewport, settings);
                times.push_back(msSince(t));
            }
            const auto s = stats(times);
            std::printf("| %s | render only, 1:1 | %.1f ms | %.1f ms | %.1f |\n", mode.name,
                        s.median, s.p95, s.median / frameCopy);
        }
        auto measure = [&](const char* motion, const std::function<void(int)>& step) {
            std::vector<double> times;
            for (int i = 0; i < frames; ++i) {
                const auto t = Clock::now();
                step(i);
                view.viewport()->repaint();
                times.push_back(msSince(t));
            }
            const auto s = stats(times);
            std::printf("| %s | %s | %.1f ms | %.1f ms | %.1f |\n", mode.name, motion, s.median,
                        s.p95, s.median / frameCopy);
        };
        view.setZoomAndCentre(1.0, QPointF(4000, 2000), false);
        view.viewport()->repaint();
        measure("pan at 1:1", [&](int i) {
            const int dx = (i / 40) % 2 == 0 ? 37 : -37;
            view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() + dx);
            view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() + dx / 3);
        });
        view.fitToWindow();
        view.zoomAt(2.0, QPointF(view.viewport()->rect().center()));
        view.viewport()->repaint();
        measure("pan at 2 × fit", [&](int i) {
            const int dx = (i / 40) % 2 == 0 ? 29 : -29;
            view.horizontalScrollBar()->setValue(view.horizontalScrollBar()->value() + dx);
        });
        view.fitToWindow();
        view.viewport()->repaint();
        measure("wheel zoom fit ↔ 4:1", [&](int i) {
            const double factor = (i / 40) % 2 == 0 ? 1.2 : 1 / 1.2;
            view.zoomAt(factor, QPointF(700, 400));
        });
    }
    std::printf("\n");
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int frames = argc > 1 ? std::max(10, std::atoi(argv[1])) : 120;
    std::printf("# bench_workstation\n\n%s, %s, %d hardware threads, Qt %s, platform %s\n\n",
                qPrintable(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)),
                qPrintable(QSysInfo::prettyProductName()), QThread::idealThreadCount(), qVersion(),
                qPrintable(QGuiApplication::platformName()));
    caseOpening();
    largeScan(frames);
    return 0;
}
