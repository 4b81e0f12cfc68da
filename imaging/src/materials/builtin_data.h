#pragma once
// The texts of resources/materials/*.json, compiled into the library (see CMakeLists.txt).

#include <string_view>

namespace prescreen::imaging::materials::detail {

std::string_view builtinMaterialTableText() noexcept;
std::string_view builtinCalibrationText() noexcept;
std::string_view builtinMevMaterialTableText() noexcept;

} // namespace prescreen::imaging::materials::detail
