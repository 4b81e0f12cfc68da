#pragma once
// Scans for the scan-view tests and the benchmark: a ScanPanel showing a phantom (known
// objects, pixel spacing and materials), and a large synthetic dual-energy scan.

#include "scan_panel.h"
#include "scan_view.h"

#include <prescreen/imaging/materials/phantom.h>

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <functional>
#include <memory>

namespace prescreen::test {

inline bool waitFor(const std::function<bool()>& done, int timeoutMs = 60000) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return done();
}

/// A parcel phantom (dual energy, 0.6 mm pixels) of the given size.
inline std::shared_ptr<imaging::materials::Phantom>
parcelPhantom(std::uint64_t seed = 1, int width = 1000, int height = 500) {
    imaging::materials::PhantomOptions options;
    options.seed = seed;
    options.width = width;
    options.height = height;
    return std::make_shared<imaging::materials::Phantom>(
        imaging::materials::generatePhantom(options));
}

/// A scan sharing the phantom's pixels (the phantom must outlive it: the aliasing pointer keeps
/// it alive).
inline std::shared_ptr<const imaging::Scan>
scanOf(const std::shared_ptr<imaging::materials::Phantom>& phantom) {
    return {phantom, &phantom->scan};
}

/// A dual-energy view of `width` × `height` without decoding or phantom physics: air with
/// horizontal bands of rising attenuation and a lattice of blocks, cheap to make at any size.
inline imaging::View syntheticView(int width, int height, int index = 0) {
    using imaging::PixelFormat;
    imaging::View view;
    view.index = index;
    const double air[] = {60000, 45000};
    const imaging::PlaneKind kinds[] = {imaging::PlaneKind::HighEnergy,
                                        imaging::PlaneKind::LowEnergy};
    for (int p = 0; p < 2; ++p) {
        imaging::Plane plane;
        plane.kind = kinds[p];
        plane.pixels = imaging::Image(PixelFormat::Gray16, width, height);
        plane.airValue = air[p];
        plane.pixelSpacingMm = std::array<double, 2>{2.0, 2.0};
        // Low energy is attenuated more (organic-like ratio 1.2) except in blocks (metal-like 2).
        for (int y = 0; y < height; ++y) {
            auto* row = plane.pixels.row<std::uint16_t>(y);
            const double band = 0.2 + 3.0 * (y % 1024) / 1024.0;
            for (int x = 0; x < width; ++x) {
                const bool block = (x / 256) % 3 == 1 && (y / 256) % 2 == 1;
                const bool empty = x % 2048 < 64;
                const double a = empty ? 0.0 : band * (block ? 0.6 : 0.4);
                const double ratio = p == 0 ? 1.0 : (block ? 2.0 : 1.2);
                row[x] = static_cast<std::uint16_t>(air[p] * std::exp(-a * ratio));
            }
        }
        view.planes.push_back(std::move(plane));
    }
    return view;
}

inline std::shared_ptr<const imaging::Scan> syntheticScan(int width, int height) {
    auto scan = std::make_shared<imaging::Scan>();
    scan->views.push_back(syntheticView(width, height));
    return scan;
}

} // namespace prescreen::test
