#include "voi.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/grey.h>

#include <cmath>
#include <string>

namespace prescreen::imaging::render {

namespace {

const char* voiName(VoiFunction function) {
    switch (function) {
    case VoiFunction::Linear:
        return "LINEAR";
    case VoiFunction::LinearExact:
        return "LINEAR_EXACT";
    case VoiFunction::Sigmoid:
        return "SIGMOID";
    }
    return "?";
}

} // namespace

namespace detail {

void checkWindow(VoiFunction function, const Window& window) {
    const bool finite = std::isfinite(window.center) && std::isfinite(window.width);
    const double minimum = function == VoiFunction::Linear ? 1.0 : 0.0;
    const bool wide = function == VoiFunction::Linear ? window.width >= 1.0 : window.width > 0.0;
    if (!finite || !wide)
        throw Error(ErrorCode::InvalidArgument,
                    std::string("VOI window: center ") + std::to_string(window.center) + " width " +
                        std::to_string(window.width) + " is not valid for " + voiName(function) +
                        " (finite, width " + (function == VoiFunction::Linear ? ">= " : "> ") +
                        std::to_string(minimum) + ")");
}

double voiUnchecked(VoiFunction function, const Window& window, double x) {
    constexpr double yMin = 0.0;
    constexpr double yMax = 255.0;
    const double c = window.center;
    const double w = window.width;
    switch (function) {
    case VoiFunction::Linear:
        // PS3.3 C.11.2.1.2.1
        if (x <= c - 0.5 - (w - 1) / 2)
            return yMin;
        if (x > c - 0.5 + (w - 1) / 2)
            return yMax;
        return ((x - (c - 0.5)) / (w - 1) + 0.5) * (yMax - yMin) + yMin;
    case VoiFunction::LinearExact:
        // PS3.3 C.11.2.1.3.2
        if (x <= c - w / 2)
            return yMin;
        if (x > c + w / 2)
            return yMax;
        return ((x - c) / w + 0.5) * (yMax - yMin) + yMin;
    case VoiFunction::Sigmoid:
        // PS3.3 C.11.2.1.3.1
        return (yMax - yMin) / (1 + std::exp(-4 * (x - c) / w)) + yMin;
    }
    return yMin;
}

} // namespace detail

double voiOutput(VoiFunction function, const Window& window, double modality) {
    detail::checkWindow(function, window);
    return detail::voiUnchecked(function, window, modality);
}

} // namespace prescreen::imaging::render
