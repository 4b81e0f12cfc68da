#pragma once
// VOI LUT functions without per-call checks, for building tables (private to the render area).

#include <prescreen/imaging/render/grey.h>

namespace prescreen::imaging::render::detail {

/// Throws prescreen::Error InvalidArgument if `window` is not valid for `function`.
void checkWindow(VoiFunction function, const Window& window);

/// voiOutput() for a window already checked.
double voiUnchecked(VoiFunction function, const Window& window, double modality);

} // namespace prescreen::imaging::render::detail
