#pragma once
// A reader for NumPy .npy files (version 1-3, little-endian float64 or int64, C order): enough for
// the semiZ calibration set and `prescreen-cli calibrate --semiz`.

#include <cstddef>
#include <filesystem>
#include <vector>

namespace prescreen::imaging::materials {

struct NpyArray {
    std::vector<std::size_t> shape;
    std::vector<double> values; ///< row-major; int64 data converted to double
    /// Element (row, column) of a two-dimensional array (unchecked).
    double at(std::size_t row, std::size_t column) const { return values[row * shape[1] + column]; }
};

/// Throws prescreen::Error (Io, BadFormat) naming the file and what is wrong.
NpyArray readNpy(const std::filesystem::path& path);

} // namespace prescreen::imaging::materials
