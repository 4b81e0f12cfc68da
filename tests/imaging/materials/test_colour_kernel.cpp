// The material colour render's fast path (eight pixels per step as packed 64-bit stores, row
// bands on threads) against a
// straightforward one-pixel-at-a-time reference over the same tables, on random planes of
// awkward widths, crops with padded strides and random open-beam values.

#include "../../../imaging/src/materials/tables.h"

#include <prescreen/error.h>
#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/materials/phantom.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>

using namespace prescreen;
using namespace prescreen::imaging;
using namespace prescreen::imaging::materials;

namespace {

Image randomPlane(int width, int height, std::mt19937& random) {
    Image plane(PixelFormat::Gray16, width, height);
    std::uniform_int_distribution<int> any(0, 65535);
    for (int y = 0; y < height; ++y) {
        auto* row = plane.view().row<std::uint16_t>(y);
        for (int x = 0; x < width; ++x)
            row[x] = static_cast<std::uint16_t>(any(random));
    }
    // The extremes always occur: 0 (no photons) and 65535 (the last table entry).
    plane.view().row<std::uint16_t>(0)[0] = 0;
    plane.view().row<std::uint16_t>(height - 1)[width - 1] = 65535;
    return plane;
}

// One pixel at a time, byte by byte: the definition the fast paths must reproduce.
Image referenceColours(const DualEnergyInput& input, const detail::BinLut& bins,
                       const std::vector<std::uint32_t>& colours) {
    Image out(PixelFormat::Rgb8, input.high.width, input.high.height);
    for (int y = 0; y < input.high.height; ++y) {
        for (int x = 0; x < input.high.width; ++x) {
            const auto h = input.high.row<const std::uint16_t>(y)[x];
            const auto l = input.low.row<const std::uint16_t>(y)[x];
            const std::uint32_t colour = colours.at(bins.highIndex.at(h) | bins.lowBin.at(l));
            auto* pixel = out.view().row<std::uint8_t>(y) + 3 * x;
            pixel[0] = static_cast<std::uint8_t>(colour & 0xFF);
            pixel[1] = static_cast<std::uint8_t>((colour >> 8) & 0xFF);
            pixel[2] = static_cast<std::uint8_t>((colour >> 16) & 0xFF);
        }
    }
    return out;
}

bool samePixels(const ImageView& a, const ImageView& b) {
    for (int y = 0; y < a.height; ++y) {
        if (std::memcmp(a.row<const std::uint8_t>(y), b.row<const std::uint8_t>(y),
                        static_cast<std::size_t>(a.width) * 3) != 0)
            return false;
    }
    return true;
}

} // namespace

TEST_CASE("the colour render equals the one-pixel reference on random planes",
          "[materials][classify][kernel]") {
    std::mt19937 random(20261122);
    const MaterialRenderer renderer;
    const auto& tables = detail::RendererAccess::tables(renderer);
    // Widths around the 8-pixel SIMD step and the 4-pixel scalar step; heights below and above
    // the 64 rows a thread needs.
    const std::pair<int, int> sizes[] = {{1, 1},  {7, 3},    {8, 2},    {9, 5},   {15, 70},
                                         {16, 9}, {17, 130}, {33, 200}, {250, 3}, {1029, 131}};
    std::uniform_real_distribution<double> air(200, 65000);
    for (const auto& [width, height] : sizes) {
        const Image high = randomPlane(width + 5, height + 2, random);
        const Image low = randomPlane(width + 5, height + 2, random);
        // A crop, so rows are strided and start at an odd pixel.
        const DualEnergyInput input =
            DualEnergyInput{high.view(), low.view(), air(random), air(random)}.region(3, 1, width,
                                                                                      height);
        const auto bins = detail::buildBinLut(input.airHigh, input.airLow);
        for (int view = 0; view < 3; ++view) {
            const auto& colours = tables.colours[static_cast<std::size_t>(view)];
            const Image expected = referenceColours(input, bins, colours);
            for (const int threads : {1, 2, 0}) {
                INFO("size " << width << "x" << height << ", view " << view << ", threads "
                             << threads);
                Image out(PixelFormat::Rgb8, width, height);
                detail::renderColours(input, bins, colours, out.view(), threads);
                CHECK(samePixels(out.view(), expected.view()));
            }
            Image viaRenderer(PixelFormat::Rgb8, width, height);
            renderer.render(input, static_cast<MaterialView>(view), viaRenderer.view());
            CHECK(samePixels(viaRenderer.view(), expected.view()));
        }
    }
}

TEST_CASE("the colour render writes nothing outside the output rectangle",
          "[materials][classify][kernel]") {
    std::mt19937 random(7);
    const MaterialRenderer renderer;
    const auto& colours = detail::RendererAccess::tables(renderer).colours[0];
    const Image high = randomPlane(37, 12, random);
    const Image low = randomPlane(37, 12, random);
    const DualEnergyInput input{high.view(), low.view(), 60000, 45000};
    const auto bins = detail::buildBinLut(input.airHigh, input.airLow);
    Image out(PixelFormat::Rgb8, 37, 12);
    CHECK_THROWS_AS(detail::renderColours(input, detail::BinLut{}, colours, out.view()), Error);
    for (const int threads : {1, 2}) {
        Image canvas(PixelFormat::Rgb8, 41, 14);
        for (int y = 0; y < 14; ++y)
            std::memset(canvas.view().row<std::uint8_t>(y), 0x5A, 41 * 3);
        detail::renderColours(input, bins, colours, canvas.view().region(2, 1, 37, 12), threads);
        for (int y = 0; y < 14; ++y) {
            const auto* row = canvas.view().row<const std::uint8_t>(y);
            for (int x = 0; x < 41; ++x) {
                if (y >= 1 && y < 13 && x >= 2 && x < 39)
                    continue;
                INFO("x " << x << ", y " << y);
                REQUIRE(row[3 * x] == 0x5A);
                REQUIRE(row[3 * x + 1] == 0x5A);
                REQUIRE(row[3 * x + 2] == 0x5A);
            }
        }
    }
}

// Hidden ([.]): by hand, `test_imaging_materials "[.kernelspeed]" -s`. Median of 9 runs on 1 and 2
// threads against a memcpy of both planes, interleaved so drifts in the machine's load hit all.
TEST_CASE("colour kernel speed against memcpy", "[.kernelspeed]") {
    const auto phantom = generatePhantom({PhantomKind::Container, 1, 16384, 4096});
    const auto input = dualEnergyInput(phantom.scan.views.front());
    const MaterialRenderer renderer;
    const auto& colours = detail::RendererAccess::tables(renderer).colours[0];
    const auto bins = detail::buildBinLut(input.airHigh, input.airLow);
    Image copyHigh(PixelFormat::Gray16, 16384, 4096), copyLow(PixelFormat::Gray16, 16384, 4096);
    Image rgb(PixelFormat::Rgb8, 16384, 4096);
    const auto bytes = static_cast<std::size_t>(input.high.strideBytes) * 4096;
    using Clock = std::chrono::steady_clock;
    const auto ms = [](const auto& work) {
        const auto start = Clock::now();
        work();
        return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    };
    struct Case {
        const char* name;
        int threads;
        std::vector<double> times;
    };
    std::vector<Case> cases{{"1 thread", 1, {}}, {"2 threads", 2, {}}};
    std::vector<double> copies;
    for (int run = 0; run < 9; ++run) {
        copies.push_back(ms([&] {
            std::memcpy(copyHigh.view().data, input.high.data, bytes);
            std::memcpy(copyLow.view().data, input.low.data, bytes);
        }));
        for (auto& c : cases)
            c.times.push_back(
                ms([&] { detail::renderColours(input, bins, colours, rgb.view(), c.threads); }));
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double copy = median(copies);
    std::printf("memcpy of both planes: median %.1f ms (min %.1f, max %.1f)\n", copy,
                *std::min_element(copies.begin(), copies.end()),
                *std::max_element(copies.begin(), copies.end()));
    for (const auto& c : cases)
        std::printf("%-21s median %.1f ms = %.2fx memcpy (min %.1f, max %.1f ms)\n", c.name,
                    median(c.times), median(c.times) / copy,
                    *std::min_element(c.times.begin(), c.times.end()),
                    *std::max_element(c.times.begin(), c.times.end()));
    // The same on a crop that stays in cache (512 x 64 pixels, 224 KiB in and out):
    // the per-pixel cost without memory traffic.
    const auto crop = input.region(8000, 2000, 512, 64);
    Image small(PixelFormat::Rgb8, 512, 64);
    std::vector<double> perPixel;
    for (int run = 0; run < 9; ++run) {
        const double total = ms([&] {
            for (int i = 0; i < 100; ++i)
                detail::renderColours(crop, bins, colours, small.view(), 1);
        });
        perPixel.push_back(total * 1e6 / (100.0 * 512 * 64));
    }
    std::printf("in cache, 1 thread: median %.2f ns per pixel (min %.2f)\n", median(perPixel),
                *std::min_element(perPixel.begin(), perPixel.end()));
    CHECK(copy > 0);
}
