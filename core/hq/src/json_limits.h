#pragma once
// Strict JSON parsing of request bodies: bounded nesting and string sizes, no duplicate keys.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace prescreen::core::hq::detail {

struct JsonLimits {
    int maxDepth = 64;
    std::size_t maxStringBytes = 1u << 20;
};

/// The parsed document, or a message that says what is wrong and where (byte offset, key).
std::variant<nlohmann::json, std::string> parseStrictJson(std::string_view text,
                                                          const JsonLimits& limits);

} // namespace prescreen::core::hq::detail
