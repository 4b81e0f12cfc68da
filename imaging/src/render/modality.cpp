#include "modality.h"

#include <prescreen/error.h>

#include <cmath>
#include <string>

namespace prescreen::imaging::render::detail {

Modality modalityOf(const Plane& plane, const char* where) {
    if (plane.bitsStored < 1 || plane.bitsStored > 16)
        throw Error(ErrorCode::InvalidArgument, std::string(where) + ": Bits Stored " +
                                                    std::to_string(plane.bitsStored) +
                                                    " is outside 1..16");
    if (!std::isfinite(plane.rescaleSlope) || !std::isfinite(plane.rescaleIntercept))
        throw Error(ErrorCode::InvalidArgument,
                    std::string(where) + ": rescale slope " + std::to_string(plane.rescaleSlope) +
                        " / intercept " + std::to_string(plane.rescaleIntercept) +
                        " is not finite");
    return Modality{plane.signedPixels, plane.bitsStored, plane.rescaleSlope,
                    plane.rescaleIntercept};
}

} // namespace prescreen::imaging::render::detail
