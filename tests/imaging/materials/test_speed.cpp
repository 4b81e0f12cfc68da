// Speed of the material render on a full 4096 x 16384 dual-energy scan against memcpy of the two
// input planes, measured in the same run. Hidden ([.]): run it by hand, it is not a timed test.
//   test_imaging_materials "[.speed]" -s

#include <prescreen/imaging/materials/analysis.h>
#include <prescreen/imaging/materials/phantom.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

using namespace prescreen::imaging;
using namespace prescreen::imaging::materials;

namespace {

template <typename F>
double bestSeconds(const F& f, int runs = 5) {
    double best = 1e9;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        f();
        best = std::min(
            best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

} // namespace

TEST_CASE("material render speed against memcpy", "[.speed]") {
    const auto t0 = std::chrono::steady_clock::now();
    const auto phantom = generatePhantom({PhantomKind::Container, 1, 16384, 4096});
    const double generate =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto input = dualEnergyInput(phantom.scan.views.front());
    Image copyHigh(PixelFormat::Gray16, 16384, 4096), copyLow(PixelFormat::Gray16, 16384, 4096);
    const auto bytes = static_cast<std::size_t>(input.high.strideBytes) * 4096;
    const double memcpySeconds = bestSeconds([&] {
        std::memcpy(copyHigh.view().data, input.high.data, bytes);
        std::memcpy(copyLow.view().data, input.low.data, bytes);
    });
    const MaterialRenderer renderer;
    Image rgb(PixelFormat::Rgb8, 16384, 4096);
    Image classes(PixelFormat::Gray8, 16384, 4096);
    const double render =
        bestSeconds([&] { renderer.render(input, MaterialView::Colour, rgb.view()); });
    const double classMap = bestSeconds([&] { renderer.classMap(input, classes.view()); });
    const double crop = bestSeconds([&] {
        Image view(PixelFormat::Rgb8, 1920, 1080);
        renderer.render(input.region(7000, 1500, 1920, 1080), MaterialView::Colour, view.view());
    });
    const double analysis =
        bestSeconds([&] { analyseMaterials(renderer, input, phantom.truth.pixelSpacingMm); }, 2);
    const double tables = bestSeconds([&] { MaterialRenderer r; }, 3);
    // CPU time (all threads) of one render and one memcpy pair: independent of other load.
    const auto cpu = [](const auto& f) {
        const std::clock_t start = std::clock();
        f();
        return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    };
    double renderCpu = 1e9, memcpyCpu = 1e9;
    for (int i = 0; i < 3; ++i) {
        renderCpu = std::min(
            renderCpu, cpu([&] { renderer.render(input, MaterialView::Colour, rgb.view()); }));
        memcpyCpu = std::min(memcpyCpu, cpu([&] {
                                 std::memcpy(copyHigh.view().data, input.high.data, bytes);
                                 std::memcpy(copyLow.view().data, input.low.data, bytes);
                             }));
    }
    std::printf("CPU time: render RGB %.1f ms, memcpy %.1f ms (%.2fx)\n", renderCpu * 1e3,
                memcpyCpu * 1e3, renderCpu / memcpyCpu);
    std::printf(
        "4096x16384 dual-energy: phantom %.2f s; memcpy of both planes %.1f ms\n"
        "render RGB %.1f ms (%.2fx memcpy); class map %.1f ms (%.2fx); "
        "1920x1080 crop %.2f ms; mass+composition %.1f ms (%.2fx); renderer tables %.1f ms\n",
        generate, memcpySeconds * 1e3, render * 1e3, render / memcpySeconds, classMap * 1e3,
        classMap / memcpySeconds, crop * 1e3, analysis * 1e3, analysis / memcpySeconds,
        tables * 1e3);
    CHECK(render > 0);
}
