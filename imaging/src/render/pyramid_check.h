#pragma once
// Input checks shared by buildPyramid() and PyramidBuilder (private to the render area).

#include <prescreen/imaging/render/pyramid.h>

#include <vector>

namespace prescreen::imaging::render::detail {

/// Throws prescreen::Error InvalidArgument unless the planes can make a pyramid: at least one,
/// non-empty, gray8 / gray16 / float32, all of one size and format; options sane.
void checkPyramidInput(const std::vector<ImageView>& planes, const PyramidOptions& options);

} // namespace prescreen::imaging::render::detail
