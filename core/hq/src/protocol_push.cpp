// Strict validation of a push body (docs/sync.md#push-post-v1push): every refusal names the
// item and the field.
#include "json_limits.h"
#include "protocol_internal.h"

#include <prescreen/core/text.h>
#include <prescreen/core/time.h>

#include <set>

namespace prescreen::core::hq::detail {
namespace {

struct Refused {
    std::string message;
};

const nlohmann::json& need(const nlohmann::json& object, const char* key,
                           const std::string& where) {
    const auto it = object.find(key);
    if (it == object.end())
        throw Refused{where + ": missing \"" + key + "\""};
    return *it;
}

std::string needText(const nlohmann::json& object, const char* key, const std::string& where,
                     std::size_t maxBytes) {
    const auto& value = need(object, key, where);
    if (!value.is_string())
        throw Refused{where + "." + key + ": must be a string"};
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty() || text.size() > maxBytes)
        throw Refused{where + "." + key + ": must be 1 to " + std::to_string(maxBytes) +
                      " characters"};
    return text;
}

void onlyKeys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed,
              const std::string& where) {
    for (const auto& [key, value] : object.items()) {
        bool known = false;
        for (auto name : allowed)
            known = known || key == name;
        if (!known)
            throw Refused{where + ": unknown key \"" + quotable(key, 60) + "\""};
    }
}

PushItem parseItem(const nlohmann::json& json, const std::string& where) {
    if (!json.is_object())
        throw Refused{where + ": must be an object"};
    onlyKeys(json, {"seq", "entity", "id", "actor", "createdAt", "payload"}, where);
    PushItem item;
    const auto& seq = need(json, "seq", where);
    if (!seq.is_number_integer() || seq.get<std::int64_t>() < 0)
        throw Refused{where + ".seq: must be a non-negative integer"};
    item.seq = seq.get<std::int64_t>();
    item.entity = needText(json, "entity", where, 64);
    item.id = needText(json, "id", where, 200);
    if (const auto actor = json.find("actor"); actor != json.end() && !actor->is_null()) {
        if (!actor->is_string() || actor->get_ref<const std::string&>().empty() ||
            actor->get_ref<const std::string&>().size() > 64)
            throw Refused{where + ".actor: must be a badge of 1 to 64 characters, or absent"};
        item.actor = actor->get<std::string>();
    }
    item.createdAt = needText(json, "createdAt", where, 40);
    if (!parseUtc(item.createdAt))
        throw Refused{where + ".createdAt: \"" + item.createdAt +
                      "\" is not a UTC time like 2026-11-22T10:00:00.000Z"};
    item.payload = need(json, "payload", where);
    return item;
}

} // namespace

std::variant<std::vector<PushItem>, HqResponse> parsePushBody(const std::string& body,
                                                              const ProtocolLimits& limits) {
    auto parsed = parseStrictJson(body, {limits.maxJsonDepth, limits.maxStringBytes});
    if (auto* message = std::get_if<std::string>(&parsed))
        return errorResponse(400, "push body: " + *message);
    const auto& json = std::get<nlohmann::json>(parsed);
    try {
        if (!json.is_object())
            throw Refused{"push body: must be an object with \"batch\" and \"items\""};
        onlyKeys(json, {"batch", "items"}, "push body");
        needText(json, "batch", "push body", 64);
        const auto& items = need(json, "items", "push body");
        if (!items.is_array())
            throw Refused{"push body.items: must be an array"};
        if (items.size() > static_cast<std::size_t>(limits.maxItemsPerPush))
            return errorResponse(413, "push body.items: " + std::to_string(items.size()) +
                                          " items, at most " +
                                          std::to_string(limits.maxItemsPerPush) + " per push");
        std::vector<PushItem> result;
        result.reserve(items.size());
        std::set<std::int64_t> seqs;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto where = "items[" + std::to_string(i) + "]";
            result.push_back(parseItem(items[i], where));
            if (!seqs.insert(result.back().seq).second)
                throw Refused{where + ".seq: " + std::to_string(result.back().seq) +
                              " appears twice in the batch"};
        }
        return result;
    } catch (const Refused& refused) {
        return errorResponse(400, refused.message);
    }
}

} // namespace prescreen::core::hq::detail
