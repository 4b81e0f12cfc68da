// Measures the render area against memcpy of the same bytes, in one run (docs/render.md).
// Not a test: timings depend on the machine and its load. Usage: bench_imaging_render [w h n]

#include <prescreen/imaging/image.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/pyramid.h>
#include <prescreen/imaging/render/viewport.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

namespace {

using prescreen::imaging::Image;
using prescreen::imaging::PixelFormat;
namespace render = prescreen::imaging::render;

/// Median wall time of `repeats` runs, in milliseconds.
double medianMs(int repeats, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        const auto end = std::chrono::steady_clock::now();
        times.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    const int width = argc > 2 ? std::atoi(argv[1]) : 4096;
    const int height = argc > 2 ? std::atoi(argv[2]) : 16384;
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 7;

    prescreen::imaging::Plane plane;
    plane.pixels = Image(PixelFormat::Gray16, width, height);
    for (int y = 0; y < height; ++y) {
        auto* row = plane.pixels.row<std::uint16_t>(y);
        for (int x = 0; x < width; ++x)
            row[x] = static_cast<std::uint16_t>((x * 31 + y * 17) ^ (x >> 3));
    }
    Image copy(PixelFormat::Gray16, width, height);
    Image grey(PixelFormat::Gray8, width, height);
    const double mib = static_cast<double>(plane.pixels.sizeBytes()) / (1 << 20);
    std::printf("plane %dx%d gray16 (%.0f MiB), %u hardware threads, median of %d\n", width, height,
                mib, std::thread::hardware_concurrency(), repeats);

    const double memcpyMs = medianMs(repeats, [&] {
        std::memcpy(copy.row<std::uint8_t>(0), plane.pixels.row<std::uint8_t>(0),
                    plane.pixels.sizeBytes());
    });
    render::GreySettings settings;
    settings.window = render::Window{30000, 40000};
    settings.gamma = 1.4;
    render::DisplayLut lut;
    const double buildMs = medianMs(repeats, [&] { lut = render::makeGreyLut(plane, settings); });
    const double applyMs = medianMs(repeats, [&] { lut.apply(plane.pixels.view(), grey.view()); });
    cv::setNumThreads(1);
    const double applyOneMs =
        medianMs(repeats, [&] { lut.apply(plane.pixels.view(), grey.view()); });
    cv::setNumThreads(-1);
    const double autoMs = medianMs(repeats, [&] { static_cast<void>(render::autoWindow(plane)); });
    const double pyramidMs =
        medianMs(3, [&] { static_cast<void>(render::buildPyramid({plane.pixels.view()})); });
    const auto pyramid = render::buildPyramid({plane.pixels.view()});
    const render::RenderFunction greyFn = [&](std::span<const prescreen::imaging::ImageView> c,
                                              int) {
        return lut.apply(c[0]);
    };
    const auto viewportMs = [&](double zoom) {
        return medianMs(repeats, [&] {
            static_cast<void>(render::renderViewport(
                *pyramid, {1920, 1080, zoom, width / 2.0, height / 2.0}, greyFn));
        });
    };

    std::printf("%-40s %9.2f ms  %5.2f x memcpy\n", "memcpy of the plane", memcpyMs, 1.0);
    std::printf("%-40s %9.2f ms  %5.2f x memcpy\n", "build 65,536-entry table (gamma on)", buildMs,
                buildMs / memcpyMs);
    std::printf("%-40s %9.2f ms  %5.2f x memcpy\n", "apply table to the plane", applyMs,
                applyMs / memcpyMs);
    std::printf("%-40s %9.2f ms  %5.2f x memcpy\n", "apply table, one thread", applyOneMs,
                applyOneMs / memcpyMs);
    std::printf("%-40s %9.2f ms  %5.2f x memcpy\n", "automatic window (histogram)", autoMs,
                autoMs / memcpyMs);
    std::printf("%-40s %9.2f ms  %5.2f x memcpy\n", "pyramid (all levels)", pyramidMs,
                pyramidMs / memcpyMs);
    for (const double zoom : {4.0, 1.0, 1.5, 0.7, 0.51, 0.1})
        std::printf("viewport 1920x1080 zoom %-16.2f %9.2f ms\n", zoom, viewportMs(zoom));
    return 0;
}
