#pragma once
// Writing display images to files (PNG), for the CLI, screenshots of renders and tests.

#include <prescreen/imaging/image.h>

#include <filesystem>

namespace prescreen::imaging {

/// Writes Gray8, Gray16 or Rgb8 pixels as PNG. Throws prescreen::Error (Io) naming the file.
void writePng(const Image& image, const std::filesystem::path& file);

/// Reads a PNG as Gray8 (1 channel) or Rgb8 (3 channels, alpha dropped); 16-bit PNGs as Gray16.
/// Throws prescreen::Error (BadFormat) naming the file.
Image readPng(const std::filesystem::path& file);

} // namespace prescreen::imaging
