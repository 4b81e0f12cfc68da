#include <prescreen/error.h>
#include <prescreen/imaging/materials/classify.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace prescreen::imaging::materials {

void renderWithoutMaterialInformation(const ImageView& plane, double airValue,
                                      const ImageView& outGray8) {
    if (plane.empty() || plane.format != PixelFormat::Gray16)
        throw Error(ErrorCode::InvalidArgument,
                    "single-energy render: the plane is empty or not gray16");
    if (!(airValue > 0) || !std::isfinite(airValue))
        throw Error(ErrorCode::InvalidArgument, "single-energy render: air value " +
                                                    std::to_string(airValue) + " is not positive");
    if (outGray8.format != PixelFormat::Gray8 || outGray8.width != plane.width ||
        outGray8.height != plane.height || outGray8.empty())
        throw Error(ErrorCode::InvalidArgument,
                    "single-energy render: the output must be gray8 of the plane's size");
    // Transmission, square-rooted so that dense parts keep some contrast; air is white.
    std::array<std::uint8_t, 65536> lut{};
    for (std::size_t v = 0; v < lut.size(); ++v) {
        const double t = std::clamp(static_cast<double>(v) / airValue, 0.0, 1.0);
        lut[v] = static_cast<std::uint8_t>(std::lround(255 * std::sqrt(t)));
    }
    for (int y = 0; y < plane.height; ++y) {
        const auto* in = plane.row<const std::uint16_t>(y);
        auto* out = outGray8.row<std::uint8_t>(y);
        for (int x = 0; x < plane.width; ++x)
            out[x] = lut[in[x]];
    }
}

} // namespace prescreen::imaging::materials
