#include "builtin_resources.h"

#include <prescreen/core/push_payloads.h>

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace prescreen::core {
namespace {

std::map<std::string, JsonSchema, std::less<>> compileAll() {
    const auto file = nlohmann::json::parse(detail::builtinPushPayloadsSchema());
    const auto& defs = file.at("$defs");
    std::map<std::string, JsonSchema, std::less<>> schemas;
    for (const auto& [name, definition] : defs.items()) {
        if (!definition.is_object() || definition.value("type", "") != "object")
            continue; // a shared piece (uuid, time ...), not an entity
        nlohmann::json schema = {{"$defs", defs}, {"$ref", "#/$defs/" + name}};
        schemas.emplace(name, JsonSchema(schema, "push-payloads.schema.json#/$defs/" + name));
    }
    return schemas;
}

} // namespace

const JsonSchema* pushPayloadSchema(std::string_view entity) {
    static const auto schemas = compileAll();
    const auto it = schemas.find(entity);
    return it == schemas.end() ? nullptr : &it->second;
}

} // namespace prescreen::core
