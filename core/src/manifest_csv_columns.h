#pragma once
// The columns of the CSV manifest form and the conversion of a cell to its JSON value. Private to
// core (manifest_csv.cpp).

#include <nlohmann/json.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace prescreen::core::manifest_detail {

enum class Kind { Text, Number, Boolean, List };
enum class Level { Shipment, Line };

/// One CSV column: its header name and where its value goes in the JSON record.
struct ColumnSpec {
    std::string_view name;
    std::string_view pointer; ///< in the record (shipment level) or in one line (line level)
    Kind kind;
    Level level;
};

/// Every column the CSV form knows, in the order docs/manifest.md lists them.
std::span<const ColumnSpec> csvColumns();
/// Index of cargo_control_number in csvColumns().
inline constexpr std::size_t kCcnColumn = 1;

/// `text` with ASCII upper-case letters lowered.
std::string lowerAscii(std::string_view text);
/// The JSON value of a (trimmed, non-empty) cell: a number, boolean or list where the column
/// holds one and the text spells one; otherwise the text, for the schema to judge.
nlohmann::json cellValue(const ColumnSpec& spec, std::string_view text);
/// The column whose JSON location holds `pointer` (or lies inside it, for a whole party); empty
/// if none.
std::string_view columnFor(std::string_view pointer, Level level);

} // namespace prescreen::core::manifest_detail
