// The CSV manifest form's columns and cell conversion (manifest_csv_columns.h).
#include "manifest_csv_columns.h"

#include "manifest_csv_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace prescreen::core::manifest_detail {
namespace {

using nlohmann::json;

constexpr Kind kText = Kind::Text;
constexpr Level kShip = Level::Shipment;

constexpr ColumnSpec kColumns[] = {
    {"format_version", "/formatVersion", kText, kShip},
    {"cargo_control_number", "/cargoControlNumber", kText, kShip},
    {"mode", "/mode", kText, kShip},
    {"carrier", "/carrier", kText, kShip},
    {"shipper_name", "/shipper/name", kText, kShip},
    {"shipper_business_number", "/shipper/businessNumber", kText, kShip},
    {"shipper_country", "/shipper/country", kText, kShip},
    {"shipper_address", "/shipper/address", kText, kShip},
    {"consignee_name", "/consignee/name", kText, kShip},
    {"consignee_business_number", "/consignee/businessNumber", kText, kShip},
    {"consignee_country", "/consignee/country", kText, kShip},
    {"consignee_address", "/consignee/address", kText, kShip},
    {"importer_name", "/importer/name", kText, kShip},
    {"importer_business_number", "/importer/businessNumber", kText, kShip},
    {"importer_country", "/importer/country", kText, kShip},
    {"importer_address", "/importer/address", kText, kShip},
    {"origin", "/origin", kText, kShip},
    {"route", "/route", Kind::List, kShip},
    {"trusted_trader", "/trustedTrader", Kind::List, kShip},
    {"low_value_shipment", "/lowValueShipment", Kind::Boolean, kShip},
    {"scan_link_id", "/scanLinkId", kText, kShip},
    {"expected_arrival", "/expectedArrival", kText, kShip},
    {"hs_code", "/hsCode", kText, Level::Line},
    {"description", "/description", kText, Level::Line},
    {"quantity", "/quantity", Kind::Number, Level::Line},
    {"unit", "/unit", kText, Level::Line},
    {"weight_kg", "/weightKg", Kind::Number, Level::Line},
    {"value", "/value", Kind::Number, Level::Line},
    {"currency", "/currency", kText, Level::Line},
};

/// A decimal number (-?digits[.digits][e[+-]digits]) as JSON; anything else stays a string, so
/// the schema reports "must be of type number (got string ...)".
json numberCell(std::string_view text) {
    std::size_t i = text.substr(0, 1) == "-" ? 1 : 0;
    const auto digitsFrom = [&](std::size_t& at) {
        const std::size_t start = at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9')
            ++at;
        return at > start;
    };
    bool ok = digitsFrom(i);
    if (ok && i < text.size() && text[i] == '.')
        ok = digitsFrom(++i);
    if (ok && i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            ++i;
        ok = digitsFrom(i);
    }
    double value = 0;
    if (ok && i == text.size()) {
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc() && end == text.data() + text.size() && std::isfinite(value))
            return value;
    }
    return std::string(text);
}

json booleanCell(std::string_view text) {
    const std::string lower = lowerAscii(text);
    if (lower == "true" || lower == "yes" || lower == "1")
        return true;
    if (lower == "false" || lower == "no" || lower == "0")
        return false;
    return std::string(text);
}

json listCell(std::string_view text) {
    json items = json::array();
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(';', start);
        items.push_back(std::string(trimmed(text.substr(start, end - start))));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return items;
}

} // namespace

std::span<const ColumnSpec> csvColumns() {
    return kColumns;
}

std::string lowerAscii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
    return out;
}

json cellValue(const ColumnSpec& spec, std::string_view text) {
    switch (spec.kind) {
    case Kind::Number:
        return numberCell(text);
    case Kind::Boolean:
        return booleanCell(text);
    case Kind::List:
        return listCell(text);
    default:
        return std::string(text);
    }
}

std::string_view columnFor(std::string_view pointer, Level level) {
    for (const auto& spec : kColumns) {
        if (spec.level != level)
            continue;
        const auto& own = spec.pointer;
        const bool inside = pointer.size() > own.size() && pointer.substr(0, own.size()) == own &&
                            pointer[own.size()] == '/';
        const bool holds = own.size() > pointer.size() &&
                           own.substr(0, pointer.size()) == pointer && own[pointer.size()] == '/';
        if (pointer == own || inside || holds)
            return spec.name;
    }
    return {};
}

} // namespace prescreen::core::manifest_detail
