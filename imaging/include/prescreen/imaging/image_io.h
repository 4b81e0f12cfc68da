#pragma once
// Raster files: PNG for rendered output and lab data, TIFF for lab data (libpng, libtiff).

#include <prescreen/imaging/image.h>

#include <filesystem>

namespace prescreen::imaging {

/// Writes Gray8, Gray16 or Rgb8 pixels as PNG. Throws prescreen::Error (Io) naming the file.
void writePng(const Image& image, const std::filesystem::path& file);

/// Reads a PNG as Gray8 (1 channel) or Rgb8 (3 channels, alpha dropped); 16-bit PNGs as Gray16.
/// Throws prescreen::Error (BadFormat) naming the file.
Image readPng(const std::filesystem::path& file);

/// Reads an 8/16-bit unsigned grey or RGB TIFF (strips) as Gray8, Gray16 or Rgb8 (16-bit RGB
/// narrowed to 8 bits). Throws prescreen::Error naming the file and what is unsupported.
Image readTiff(const std::filesystem::path& file);

} // namespace prescreen::imaging
