#pragma once
// Histogram of the raw 16-bit codes of a plane (private to the render area).

#include <prescreen/imaging/image.h>

#include <cstdint>
#include <vector>

namespace prescreen::imaging::render::detail {

/// 65,536 counts, one per stored code; rows split over OpenCV's pool, one private histogram
/// each. The view must be Gray16 (not checked).
std::vector<std::uint64_t> rawHistogram(const ImageView& pixels);

} // namespace prescreen::imaging::render::detail
