#include "json_limits.h"

#include <prescreen/core/text.h>

#include <set>
#include <vector>

namespace prescreen::core::hq::detail {
namespace {

// Thrown from the parser callback to stop parsing at the first offence.
struct Refusal {
    std::string message;
};

} // namespace

std::variant<nlohmann::json, std::string> parseStrictJson(std::string_view text,
                                                          const JsonLimits& limits) {
    using Event = nlohmann::json::parse_event_t;
    std::vector<std::set<std::string>> keys; // one set per open object
    const auto callback = [&](int depth, Event event, nlohmann::json& parsed) -> bool {
        switch (event) {
        case Event::object_start:
        case Event::array_start:
            if (depth >= limits.maxDepth)
                throw Refusal{"JSON nested deeper than " + std::to_string(limits.maxDepth) +
                              " levels"};
            keys.emplace_back();
            break;
        case Event::object_end:
        case Event::array_end:
            if (!keys.empty())
                keys.pop_back();
            break;
        case Event::key: {
            const auto& key = parsed.get_ref<const std::string&>();
            if (key.size() > limits.maxStringBytes)
                throw Refusal{"JSON key longer than " + std::to_string(limits.maxStringBytes) +
                              " bytes"};
            if (!keys.empty() && !keys.back().insert(key).second)
                throw Refusal{"duplicate JSON key \"" + quotable(key, 60) + "\""};
            break;
        }
        case Event::value:
            if (parsed.is_string() &&
                parsed.get_ref<const std::string&>().size() > limits.maxStringBytes)
                throw Refusal{"JSON string longer than " + std::to_string(limits.maxStringBytes) +
                              " bytes"};
            break;
        }
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), callback);
    } catch (const Refusal& refusal) {
        return refusal.message;
    } catch (const nlohmann::json::parse_error& error) {
        return "malformed JSON at byte " + std::to_string(error.byte) + ": " +
               quotable(error.what(), 400);
    }
}

} // namespace prescreen::core::hq::detail
