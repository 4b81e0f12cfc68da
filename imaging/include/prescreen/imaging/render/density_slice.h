#pragma once
// Density slicing: the grey display of a plane with one band of modality (rescaled) values
// painted in a colour, so an officer sees at a glance where, say, 2–4 cm of steel equivalent is.
// Built as an Rgb8 DisplayLut like the grey pipeline, so it costs the same to apply.

#include <prescreen/imaging/render/grey.h>
#include <prescreen/imaging/render/lut.h>
#include <prescreen/imaging/scan.h>

#include <array>
#include <cstdint>

namespace prescreen::imaging::render {

struct DensitySlice {
    /// The band [lower, upper] in rescaled units (after slope / intercept), inclusive; finite,
    /// lower ≤ upper.
    double lower = 0;
    double upper = 0;
    std::array<std::uint8_t, 3> colour{255, 0, 0};
    /// 1 paints the band in the pure colour; 0.5 blends half colour, half grey; 0..1.
    double opacity = 1.0;
};

/// The Rgb8 table: for a stored value whose modality value lies in the band,
/// round((1 − opacity) × grey + opacity × colour) per channel; elsewhere (grey, grey, grey), grey
/// being the grey pipeline's output for `settings`. Throws prescreen::Error InvalidArgument for
/// a bad band, for a PALETTE COLOR plane, or for what makeGreyLut rejects.
DisplayLut makeDensitySliceLut(const Plane& plane, const DensitySlice& slice,
                               const GreySettings& settings = {});

} // namespace prescreen::imaging::render
