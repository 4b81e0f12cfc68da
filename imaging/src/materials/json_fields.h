#pragma once
// Reading typed fields of the materials JSON files with what-and-where errors.

#include <prescreen/error.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::imaging::materials::detail {

[[noreturn]] inline void badField(const std::string& where, const std::string& what) {
    throw Error(ErrorCode::BadFormat, where + ": " + what);
}

inline nlohmann::json parseJson(std::string_view text, const std::string& where) {
    try {
        auto json = nlohmann::json::parse(text);
        if (!json.is_object())
            badField(where, "the top level is not a JSON object");
        return json;
    } catch (const nlohmann::json::exception& e) {
        badField(where, std::string("not valid JSON: ") + e.what());
    }
}

inline const nlohmann::json& field(const nlohmann::json& object, const char* key,
                                   const std::string& where) {
    const auto it = object.find(key);
    if (it == object.end())
        badField(where, std::string("field '") + key + "' is missing");
    return *it;
}

inline double number(const nlohmann::json& object, const char* key, const std::string& where) {
    const auto& value = field(object, key, where);
    if (!value.is_number() || !std::isfinite(value.get<double>()))
        badField(where, std::string("field '") + key + "' is not a finite number");
    return value.get<double>();
}

inline double positive(const nlohmann::json& object, const char* key, const std::string& where) {
    const double value = number(object, key, where);
    if (value <= 0)
        badField(where,
                 std::string("field '") + key + "' must be positive, is " + std::to_string(value));
    return value;
}

inline std::string text(const nlohmann::json& object, const char* key, const std::string& where) {
    const auto& value = field(object, key, where);
    if (!value.is_string() || value.get<std::string>().empty())
        badField(where, std::string("field '") + key + "' is not a non-empty string");
    return value.get<std::string>();
}

inline const nlohmann::json& array(const nlohmann::json& object, const char* key,
                                   const std::string& where) {
    const auto& value = field(object, key, where);
    if (!value.is_array() || value.empty())
        badField(where, std::string("field '") + key + "' is not a non-empty array");
    return value;
}

inline std::vector<double> numbers(const nlohmann::json& object, const char* key,
                                   const std::string& where) {
    std::vector<double> values;
    const auto& items = array(object, key, where);
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i].is_number() || !std::isfinite(items[i].get<double>()) ||
            items[i].get<double>() < 0)
            badField(where, std::string("'") + key + "[" + std::to_string(i) +
                                "]' is not a non-negative number");
        values.push_back(items[i].get<double>());
    }
    return values;
}

/// Checks the "format" and "version" fields every materials file starts with.
inline int checkHeader(const nlohmann::json& json, const char* format, int supportedVersion,
                       const std::string& where) {
    if (text(json, "format", where) != format)
        badField(where, std::string("field 'format' is not \"") + format + "\"");
    const double version = number(json, "version", where);
    if (version != supportedVersion)
        throw Error(ErrorCode::Unsupported, where + ": version " + std::to_string(version) +
                                                " is not supported (this build reads version " +
                                                std::to_string(supportedVersion) + ")");
    return supportedVersion;
}

} // namespace prescreen::imaging::materials::detail
