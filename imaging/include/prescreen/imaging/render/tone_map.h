#pragma once
// High-dynamic-range display of a transmission plane: contrast-limited adaptive histogram
// equalisation (CLAHE) of the attenuation, before anything is reduced to 8 bits
// (docs/render.md, "HDR"). The tiles are fixed on the scan (square, in full-resolution pixels),
// their histograms are counted once per scan, so a pan or zoom only interpolates the tiles'
// curves, and the picture does not change while panning. A thin container wall next to the air
// and a dense pallet in the middle each get the whole grey range of their own tile.
//
// Use: LocalToneMap::build once per plane (worker thread, one pass over a pyramid level),
// curves(window, invert) whenever the window changes (~1 ms), ToneCurves::apply per frame on
// the visible crop. All three are immutable once made; apply is safe on any thread.

#include <prescreen/imaging/image.h>
#include <prescreen/imaging/render/attenuation.h>
#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/pyramid.h>

#include <array>
#include <cstdint>
#include <vector>

namespace prescreen::imaging::render {

struct ToneMapSettings {
    /// Tiles along the scan's shorter side (the longer side gets as many of the same size).
    int tilesAcross = 8;
    /// Histogram clip limit as a multiple of the mean bin height over the tile's span (its 1st
    /// to 99th percentile, at least 1 / maxGain of the window); > 0.
    double clipLimit = 3.0;
    /// The most a tile may stretch its attenuation compared with the plain window; ≥ 1. Bounds
    /// how far a flat, noisy tile's noise is amplified.
    double maxGain = 16.0;
    /// 1 = the tile's equalised curve alone; 0 = the plain attenuation window. In between, a
    /// blend that keeps some of the absolute level (dense stays darker than thin).
    double strength = 0.8;
};

class ToneCurves;

/// Where `crop`, a view into `level` (same stride), starts in it: {x, y}. Throws
/// prescreen::Error InvalidArgument when it is not inside.
std::array<int, 2> cropOrigin(const ImageView& level, const ImageView& crop);

class LocalToneMap {
public:
    /// Attenuation codes: A in [0, maxAttenuation()] quantised to this many steps.
    static constexpr int kCodes = 1024;

    LocalToneMap() = default;

    /// Counts each tile's histogram of attenuation codes from the coarsest pyramid level whose
    /// tiles still hold at least 64 × 64 pixels. `plane` is the pyramid plane of `source`
    /// (whose stored values and Bits Stored it uses). Throws prescreen::Error InvalidArgument
    /// for an empty pyramid, a plane that is not linear transmission, or bad settings.
    static LocalToneMap build(const Pyramid& pyramid, int plane, const Plane& source,
                              const Transmission& transmission,
                              const ToneMapSettings& settings = {});

    bool empty() const noexcept { return tilesX_ == 0; }
    int tilesX() const noexcept { return tilesX_; }
    int tilesY() const noexcept { return tilesY_; }
    int tileSize() const noexcept { return tileSize_; } ///< full-resolution pixels
    double maxAttenuation() const noexcept { return maxAttenuation_; }

    /// The tiles' display curves for a window in attenuation units (dense dark; invert flips).
    /// Throws prescreen::Error InvalidArgument for an empty map or a bad window.
    ToneCurves curves(const Window& window, bool invert = false) const;

private:
    friend class ToneCurves;

    /// Where `crop`, a view into `level` (same stride), starts in it: {x, y}. Throws
    /// prescreen::Error InvalidArgument when it is not inside.
    std::array<int, 2> cropOrigin(const ImageView& level, const ImageView& crop);
    int tilesX_ = 0, tilesY_ = 0, tileSize_ = 0;
    int width_ = 0, height_ = 0; ///< full resolution
    double maxAttenuation_ = 0;
    ToneMapSettings settings_;
    std::vector<std::uint16_t> code_;   ///< stored value → attenuation code
    std::vector<std::uint32_t> counts_; ///< [tile][code]
};

class ToneCurves {
public:
    /// The crop (a view into `level`, pyramid level `levelIndex` of the map's plane, as
    /// renderViewport hands it over) as Gray8: per pixel the four nearest tiles' curves,
    /// bilinearly weighted by the distance to their centres. Throws prescreen::Error
    /// InvalidArgument when the crop is not Gray16 or does not lie inside `level`.
    Image apply(const ImageView& crop, const ImageView& level, int levelIndex) const;
    /// Same for pixels that are not a view of the level (a smoothed copy of a crop): the crop's
    /// top-left pixel is (originX, originY) of pyramid level `levelIndex`.
    Image apply(const ImageView& pixels, int originX, int originY, int levelIndex) const;

private:
    friend class LocalToneMap;
    int tilesX_ = 0, tilesY_ = 0, tileSize_ = 0;
    std::vector<std::uint16_t> code_;  ///< stored value → attenuation code (the map's)
    std::vector<std::uint8_t> curves_; ///< [tile][code]
};

} // namespace prescreen::imaging::render
