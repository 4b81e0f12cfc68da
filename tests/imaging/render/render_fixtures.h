#pragma once
// Planes and images with known pixels for the render tests.

#include <prescreen/imaging/image.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/scan.h>

#include <cstdint>
#include <functional>

namespace prescreen::test {

/// A Gray16 plane of width × height whose stored value at (x, y) is value(x, y).
inline imaging::Plane makePlane(int width, int height,
                                const std::function<std::uint16_t(int, int)>& value) {
    imaging::Plane plane;
    plane.pixels = imaging::Image(imaging::PixelFormat::Gray16, width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            plane.pixels.at<std::uint16_t>(x, y) = value(x, y);
    return plane;
}

/// A plane holding every 16-bit code once (256 × 256, code = y·256 + x).
inline imaging::Plane everyCodePlane() {
    return makePlane(256, 256,
                     [](int x, int y) { return static_cast<std::uint16_t>(y * 256 + x); });
}

/// An image of the given format filled by value(x, y, channel).
inline imaging::Image makeImage(imaging::PixelFormat format, int width, int height,
                                const std::function<std::uint8_t(int, int, int)>& value) {
    imaging::Image image(format, width, height);
    const int channels = format == imaging::PixelFormat::Rgb8 ? 3 : 1;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < channels; ++c)
                image.row<std::uint8_t>(y)[x * channels + c] = value(x, y, c);
    return image;
}

/// c = 128, w = 256 LINEAR maps modality value m to m on 1..255: expectations stay readable.
inline imaging::render::GreySettings identityWindow() {
    imaging::render::GreySettings settings;
    settings.window = imaging::render::Window{128, 256};
    return settings;
}

} // namespace prescreen::test
