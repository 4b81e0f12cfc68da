// Value helpers of the evaluator: the "format" values JsonSchema asserts (RFC 3339 full-date and
// date-time), type tests, lengths and the renderings of values used in messages.
#include "json_schema_impl.h"

#include <algorithm>
#include <cmath>

namespace prescreen::core::schema {

using nlohmann::json;
namespace {

/// The number `text[pos, pos + digits)` spells, or -1 if any of it is not an ASCII digit.
int digitsAt(const std::string& text, std::size_t pos, std::size_t digits) {
    if (pos + digits > text.size())
        return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + digits; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/// full-date = YYYY "-" MM "-" DD at `pos`, with a day that exists in that month.
bool dateAt(const std::string& text, std::size_t pos) {
    const int year = digitsAt(text, pos, 4);
    const int month = digitsAt(text, pos + 5, 2);
    const int day = digitsAt(text, pos + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || text[pos + 4] != '-' ||
        text[pos + 7] != '-')
        return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int limit = (month == 2 && isLeapYear(year)) ? 29 : kDays[month - 1];
    return day <= limit;
}

} // namespace

bool depthWithin(const json& value, int limit) {
    if (!value.is_structured())
        return true;
    if (limit == 0)
        return false;
    for (const auto& element : value)
        if (!depthWithin(element, limit - 1))
            return false;
    return true;
}

std::size_t codePoints(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    }));
}

/// A short, printable rendering of an instance value for messages.
std::string describe(const json& value) {
    switch (value.type()) {
    case json::value_t::string: {
        std::string text = value.get<std::string>();
        bool cut = false;
        if (text.size() > kQuotedBytes) {
            std::size_t end = kQuotedBytes;
            while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u)
                --end;
            text.resize(end);
            cut = true;
        }
        return "string " + json(text).dump(-1, ' ', false, json::error_handler_t::replace) +
               (cut ? "..." : "");
    }
    case json::value_t::array:
        return "an array of " + std::to_string(value.size()) + " items";
    case json::value_t::object:
        return "an object";
    case json::value_t::boolean:
        return "boolean " + value.dump();
    case json::value_t::null:
        return "null";
    default:
        return "number " + value.dump();
    }
}

/// A schema-side value (enum / const entry) for messages, cut short if long.
std::string literal(const json& value) {
    std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > 200)
        text = text.substr(0, 200) + "...";
    return text;
}

std::string typeList(unsigned types) {
    static constexpr std::pair<unsigned, const char*> kNames[] = {
        {kNull, "null"},     {kBoolean, "boolean"}, {kObject, "object"},   {kArray, "array"},
        {kNumber, "number"}, {kString, "string"},   {kInteger, "integer"},
    };
    std::string out;
    for (const auto& [bit, name] : kNames) {
        if ((types & bit) == 0)
            continue;
        out += out.empty() ? "" : " or ";
        out += name;
    }
    return out;
}

bool matchesType(unsigned types, const json& value) {
    if (types == 0)
        return true;
    switch (value.type()) {
    case json::value_t::null:
        return (types & kNull) != 0;
    case json::value_t::boolean:
        return (types & kBoolean) != 0;
    case json::value_t::object:
        return (types & kObject) != 0;
    case json::value_t::array:
        return (types & kArray) != 0;
    case json::value_t::string:
        return (types & kString) != 0;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return (types & (kNumber | kInteger)) != 0;
    case json::value_t::number_float: {
        const double number = value.get<double>();
        return (types & kNumber) != 0 || ((types & kInteger) != 0 && std::trunc(number) == number);
    }
    default:
        return false;
    }
}

bool isDate(const std::string& text) {
    return text.size() == 10 && dateAt(text, 0);
}

bool isDateTime(const std::string& text) {
    // date "T" HH ":" MM ":" SS [ "." 1*DIGIT ] ( "Z" / ("+" / "-") HH ":" MM ), T and Z in
    // either case (RFC 3339 section 5.6).
    if (text.size() < 20 || !dateAt(text, 0) || (text[10] != 'T' && text[10] != 't'))
        return false;
    const int hour = digitsAt(text, 11, 2);
    const int minute = digitsAt(text, 14, 2);
    const int second = digitsAt(text, 17, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
        text[13] != ':' || text[16] != ':')
        return false;
    std::size_t pos = 19;
    if (text[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
            ++pos;
        if (pos == start)
            return false;
    }
    if (pos >= text.size())
        return false;
    if (text[pos] == 'Z' || text[pos] == 'z')
        return pos + 1 == text.size();
    if (text[pos] != '+' && text[pos] != '-')
        return false;
    const int offsetHours = digitsAt(text, pos + 1, 2);
    const int offsetMinutes = digitsAt(text, pos + 4, 2);
    return pos + 6 == text.size() && text[pos + 3] == ':' && offsetHours >= 0 &&
           offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59;
}

} // namespace prescreen::core::schema
