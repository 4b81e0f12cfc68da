#pragma once

#include <prescreen/imaging/image.h>

#include <string>

namespace prescreen::test {

/// MD5 of a Gray16 image's values as little-endian uint16, row after row (the WG-04 oracle's form).
std::string md5OfPixels(const imaging::Image& image);

} // namespace prescreen::test
