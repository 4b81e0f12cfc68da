#pragma once
// Enhancements applied to display pixels (the output of the grey pipeline or of any other
// renderer): local contrast (CLAHE) and edge enhancement (unsharp mask). Both work on 8-bit
// images, so they act on what the officer sees and cost the same whatever the plane's depth.
// Pure functions: inputs are read, a new image is returned; safe to call from any thread.

#include <prescreen/imaging/image.h>

namespace prescreen::imaging::render {

/// Contrast-limited adaptive histogram equalisation.
struct LocalContrastSettings {
    /// Histogram clip limit, as a multiple of the mean bin height (OpenCV's convention); > 0.
    double clipLimit = 2.0;
    /// Tiles across and down the image; ≥ 1 each.
    int tilesX = 8;
    int tilesY = 8;
};

/// CLAHE of a Gray8 image, or of the luma of an Rgb8 image (chroma kept, so material colours
/// survive). Throws prescreen::Error InvalidArgument for other formats, an empty image or bad
/// settings.
Image localContrast(const ImageView& display, const LocalContrastSettings& settings = {});

/// Unsharp mask: out = in + amount × (in − GaussianBlur(in, sigma = radiusPx)), saturated to
/// 0..255, per channel.
struct UnsharpSettings {
    double amount = 1.0;   ///< ≥ 0; 0 returns a copy
    double radiusPx = 2.0; ///< Gaussian sigma in output pixels; > 0
};

/// Edge enhancement of a Gray8 or Rgb8 image. Throws prescreen::Error InvalidArgument for other
/// formats, an empty image or bad settings.
Image unsharpMask(const ImageView& display, const UnsharpSettings& settings = {});

} // namespace prescreen::imaging::render
