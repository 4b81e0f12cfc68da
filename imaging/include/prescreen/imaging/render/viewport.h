#pragma once
// Zoom and pan: renders the part of a view that is on screen, from the coarsest pyramid level
// that still has enough detail, reading only the pixels it needs. The per-pixel rendering is a
// caller-supplied function (the grey pipeline, a material-colour renderer ...), so the same
// geometry serves every display mode.
//
// Geometry, in full-resolution continuous image coordinates (pixel (i, j) covers
// [i, i+1) × [j, j+1)): output pixel (ox, oy) shows the image point
//   X = centerX + (ox + 0.5 − width / 2) / zoom,  Y = centerY + (oy + 0.5 − height / 2) / zoom.
// Output pixels whose point lies outside [0, imageWidth) × [0, imageHeight) get the background.

#include <prescreen/imaging/image.h>
#include <prescreen/imaging/render/pyramid.h>

#include <array>
#include <cstdint>
#include <functional>
#include <span>

namespace prescreen::imaging::render {

struct Viewport {
    int width = 0;        ///< output pixels, 1..16384
    int height = 0;       ///< output pixels, 1..16384
    double zoom = 1.0;    ///< output pixels per full-resolution image pixel; finite, > 0
    double centerX = 0.0; ///< full-resolution image coordinates of the output's centre; finite
    double centerY = 0.0;
    /// Fill for off-image pixels (Gray8 outputs use the rounded mean of the three).
    std::array<std::uint8_t, 3> background{0, 0, 0};
};

/// An axis-aligned rectangle of pixels; empty when width or height is 0.
struct PixelRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    bool empty() const noexcept { return width <= 0 || height <= 0; }
};

/// Renders a crop: receives one view per pyramid plane (same rectangle of each, Gray16 etc. as
/// built) and the level, returns a Gray8 or Rgb8 image of the crop's size. Called at most once
/// per renderViewport(), on the calling thread.
using RenderFunction = std::function<Image(std::span<const ImageView> crops, int level)>;

struct ViewportResult {
    Image image;          ///< Gray8 or Rgb8 (as the render function returned), viewport size
    int level = 0;        ///< pyramid level read
    PixelRect sourceRect; ///< the only pixels read, in that level's coordinates; empty if none
    bool nearest = false; ///< nearest neighbour (blocks from 2x, copies at 1:1), else bilinear
};

/// Chooses level L = the coarsest with zoom·2^L ≤ √2 (the level nearest the screen in pixel
/// size; clamped to the pyramid), crops the visible rectangle plus a 1-pixel margin, renders it
/// and resamples: nearest neighbour when zoom·2^L ≥ 2 or exactly 1 (one output pixel per level
/// pixel: copied, crisp), bilinear otherwise. The crop rendered thus holds at most about twice
/// the output's pixels at any zoom. With no visible pixel the render function is not called and
/// the image is all background. Throws prescreen::Error InvalidArgument for an empty pyramid, a
/// bad viewport (size, NaN or non-positive zoom, non-finite centre) or a render function that
/// returns the wrong size or format.
ViewportResult renderViewport(const Pyramid& pyramid, const Viewport& viewport,
                              const RenderFunction& render);

} // namespace prescreen::imaging::render
