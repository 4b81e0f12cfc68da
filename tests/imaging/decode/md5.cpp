#include "md5.h"

#include <prescreen/core/digest.h>

namespace prescreen::test {

std::string md5OfPixels(const imaging::Image& image) {
    core::Digest digest(core::Digest::Algorithm::Md5);
    for (int y = 0; y < image.height(); ++y)
        digest.update(image.row<std::uint16_t>(y), static_cast<std::size_t>(image.width()) * 2);
    return digest.hex();
}

} // namespace prescreen::test
