// Compiles a JSON Schema document (draft 2020-12 subset, see json_schema.h) into index-linked
// nodes. Every keyword is checked at load: an unknown or malformed one is an error, never ignored.
#include "json_schema_impl.h"

#include <prescreen/core/json_schema.h>
#include <prescreen/error.h>

#include <cmath>
#include <deque>
#include <set>
#include <utility>

namespace prescreen::core {
namespace schema {
namespace {

using nlohmann::json;

constexpr std::string_view kDialect = "https://json-schema.org/draft/2020-12/schema";

const std::map<std::string, TypeBit, std::less<>>& typeNames() {
    static const std::map<std::string, TypeBit, std::less<>> names = {
        {"null", kNull},     {"boolean", kBoolean}, {"object", kObject},   {"array", kArray},
        {"number", kNumber}, {"string", kString},   {"integer", kInteger},
    };
    return names;
}

class Compiler {
public:
    Compiler(const json& root, const std::string& source) : root_(root), source_(source) {}

    Compiled run() {
        compileAt(root_, "", 0);
        // A $ref may point at a location not reached by walking the keywords (e.g. into
        // "examples"); such targets are compiled on demand until nothing is pending.
        while (!pendingRefs_.empty()) {
            auto [nodeIndex, location, text] = pendingRefs_.front();
            pendingRefs_.pop_front();
            const int target = resolve(text, location);
            out_.nodes[static_cast<std::size_t>(nodeIndex)].ref = target;
        }
        return std::move(out_);
    }

private:
    [[noreturn]] void fail(const std::string& location, const std::string& message) const {
        throw Error(ErrorCode::BadFormat,
                    source_ + ": schema at \"#" + location + "\": " + message);
    }

    int resolve(const std::string& text, const std::string& location) {
        if (text.empty() || text[0] != '#')
            fail(location, "$ref \"" + text + "\" is not a local reference (\"#/$defs/...\")");
        json::json_pointer pointer;
        try {
            pointer = json::json_pointer(text.substr(1));
        } catch (const json::exception&) {
            fail(location, "$ref \"" + text + "\" is not a valid JSON Pointer");
        }
        const std::string canonical = pointer.to_string();
        if (auto found = byLocation_.find(canonical); found != byLocation_.end())
            return found->second;
        const json* target = nullptr;
        try {
            if (root_.contains(pointer))
                target = &root_.at(pointer);
        } catch (const json::exception&) {
            target = nullptr;
        }
        if (!target)
            fail(location, "$ref \"" + text + "\" points at nothing");
        return compileAt(*target, canonical, 0);
    }

    std::size_t count(const json& value, const std::string& location, const char* keyword) {
        if (value.is_number_unsigned())
            return value.get<std::size_t>();
        if (value.is_number_float()) {
            const double number = value.get<double>();
            if (number >= 0 && number < 9.0e15 && std::floor(number) == number)
                return static_cast<std::size_t>(number);
        }
        fail(location, std::string(keyword) + " must be a non-negative integer");
    }

    Bound bound(const json& value, const std::string& location, const char* keyword) {
        if (!value.is_number())
            fail(location, std::string(keyword) + " must be a number");
        return Bound{value.get<double>(), value.dump()};
    }

    int child(const json& value, const std::string& location, const std::string& token, int depth) {
        std::string childLocation = location;
        appendPointerToken(childLocation, token);
        return compileAt(value, childLocation, depth + 1);
    }

    std::vector<int> schemaList(const json& value, const std::string& location,
                                const std::string& keyword, int depth) {
        if (!value.is_array() || value.empty())
            fail(location, keyword + " must be a non-empty array of schemas");
        std::string listLocation = location;
        appendPointerToken(listLocation, keyword);
        std::vector<int> result;
        for (std::size_t i = 0; i < value.size(); ++i)
            result.push_back(child(value[i], listLocation, std::to_string(i), depth));
        return result;
    }

    void typeKeyword(Node& node, const json& value, const std::string& location) {
        auto addType = [&](const json& name) {
            if (!name.is_string())
                fail(location, "type must be a type name or an array of them");
            const auto found = typeNames().find(name.get<std::string>());
            if (found == typeNames().end())
                fail(location, "unknown type \"" + name.get<std::string>() + "\"");
            if ((node.types & found->second) != 0)
                fail(location, "type \"" + found->first + "\" is listed twice");
            node.types |= found->second;
        };
        if (value.is_array()) {
            if (value.empty())
                fail(location, "type must not be an empty array");
            for (const auto& name : value)
                addType(name);
        } else {
            addType(value);
        }
    }

    void requiredKeyword(Node& node, const json& value, const std::string& location) {
        if (!value.is_array())
            fail(location, "required must be an array of property names");
        std::set<std::string> seen;
        for (const auto& name : value) {
            if (!name.is_string())
                fail(location, "required must be an array of property names");
            if (!seen.insert(name.get<std::string>()).second)
                fail(location, "required lists \"" + name.get<std::string>() + "\" twice");
            node.required.push_back(name.get<std::string>());
        }
    }

    void patternKeyword(Node& node, const json& value, const std::string& location) {
        if (!value.is_string())
            fail(location, "pattern must be a string");
        node.patternText = value.get<std::string>();
        auto& cached = out_.regexCache[node.patternText];
        if (!cached) {
            try {
                cached =
                    std::make_shared<const std::regex>(node.patternText, std::regex::ECMAScript);
            } catch (const std::regex_error& error) {
                fail(location, "pattern \"" + node.patternText +
                                   "\" is not a valid regular "
                                   "expression (" +
                                   error.what() + ")");
            }
        }
        node.pattern = cached;
    }

    void keyword(Node& node, int index, const std::string& key, const json& value,
                 const std::string& location, int depth) {
        const bool atRoot = location.empty();
        if (key == "type") {
            typeKeyword(node, value, location);
        } else if (key == "enum") {
            if (!value.is_array())
                fail(location, "enum must be an array");
            node.enumValues = value.get<std::vector<json>>();
        } else if (key == "const") {
            node.constValue = value;
        } else if (key == "required") {
            requiredKeyword(node, value, location);
        } else if (key == "properties") {
            if (!value.is_object())
                fail(location, "properties must be an object of schemas");
            std::string propertiesLocation = location;
            appendPointerToken(propertiesLocation, "properties");
            for (const auto& [name, sub] : value.items()) {
                const int target = child(sub, propertiesLocation, name, depth);
                out_.nodes[static_cast<std::size_t>(index)].properties.emplace(name, target);
            }
        } else if (key == "additionalProperties") {
            const int target = child(value, location, key, depth);
            out_.nodes[static_cast<std::size_t>(index)].additionalProperties = target;
        } else if (key == "items") {
            if (value.is_array())
                fail(location, "items must be one schema (the array form is not draft 2020-12)");
            const int target = child(value, location, key, depth);
            out_.nodes[static_cast<std::size_t>(index)].items = target;
        } else if (key == "minItems") {
            node.minItems = count(value, location, "minItems");
        } else if (key == "maxItems") {
            node.maxItems = count(value, location, "maxItems");
        } else if (key == "minLength") {
            node.minLength = count(value, location, "minLength");
        } else if (key == "maxLength") {
            node.maxLength = count(value, location, "maxLength");
        } else if (key == "uniqueItems") {
            if (!value.is_boolean())
                fail(location, "uniqueItems must be a boolean");
            node.uniqueItems = value.get<bool>();
        } else if (key == "pattern") {
            patternKeyword(node, value, location);
        } else if (key == "format") {
            if (value == "date")
                node.format = Format::Date;
            else if (value == "date-time")
                node.format = Format::DateTime;
            else
                fail(location, "format " + value.dump() + " is not supported (date, date-time)");
        } else if (key == "minimum") {
            node.minimum = bound(value, location, "minimum");
        } else if (key == "maximum") {
            node.maximum = bound(value, location, "maximum");
        } else if (key == "exclusiveMinimum") {
            node.exclusiveMinimum = bound(value, location, "exclusiveMinimum");
        } else if (key == "exclusiveMaximum") {
            node.exclusiveMaximum = bound(value, location, "exclusiveMaximum");
        } else if (key == "$ref") {
            if (!value.is_string())
                fail(location, "$ref must be a string");
            pendingRefs_.push_back({index, location, value.get<std::string>()});
        } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
            auto list = schemaList(value, location, key, depth);
            auto& target = out_.nodes[static_cast<std::size_t>(index)];
            (key == "allOf"   ? target.allOf
             : key == "anyOf" ? target.anyOf
                              : target.oneOf) = std::move(list);
        } else if (key == "not") {
            const int target = child(value, location, key, depth);
            out_.nodes[static_cast<std::size_t>(index)].notSchema = target;
        } else if (key == "$defs") {
            if (!value.is_object())
                fail(location, "$defs must be an object of schemas");
            std::string defsLocation = location;
            appendPointerToken(defsLocation, "$defs");
            for (const auto& [name, sub] : value.items())
                child(sub, defsLocation, name, depth);
        } else if (key == "$schema") {
            if (!atRoot)
                fail(location, "$schema is only allowed at the root");
            if (!value.is_string() || value.get<std::string>() != kDialect)
                fail(location, "$schema must be \"" + std::string(kDialect) + "\"");
        } else if (key == "$id") {
            if (!atRoot)
                fail(location, "$id in a sub-schema is not supported (it would change $ref bases)");
            if (!value.is_string())
                fail(location, "$id must be a string");
        } else if (key == "title" || key == "description" || key == "$comment") {
            if (!value.is_string())
                fail(location, key + " must be a string");
        } else if (key == "examples") {
            if (!value.is_array())
                fail(location, "examples must be an array");
        } else {
            fail(location, "keyword \"" + key + "\" is not supported");
        }
    }

    int compileAt(const json& schema, const std::string& location, int depth) {
        if (auto found = byLocation_.find(location); found != byLocation_.end())
            return found->second;
        if (depth > kMaxDepth)
            fail(location, "nested deeper than " + std::to_string(kMaxDepth) + " levels");
        const int index = static_cast<int>(out_.nodes.size());
        out_.nodes.emplace_back();
        byLocation_.emplace(location, index);
        if (schema.is_boolean()) {
            out_.nodes.back().booleanSchema = schema.get<bool>();
            return index;
        }
        if (!schema.is_object())
            fail(location, "a schema must be an object or a boolean");
        // Sub-schemas append to out_.nodes, so the node is filled in a local and stored after;
        // keywords that compile children write their indices straight into out_.nodes[index].
        Node node;
        for (const auto& [key, value] : schema.items())
            keyword(node, index, key, value, location, depth);
        auto& stored = out_.nodes[static_cast<std::size_t>(index)];
        node.properties = std::move(stored.properties);
        node.additionalProperties = stored.additionalProperties;
        node.items = stored.items;
        node.allOf = std::move(stored.allOf);
        node.anyOf = std::move(stored.anyOf);
        node.oneOf = std::move(stored.oneOf);
        node.notSchema = stored.notSchema;
        stored = std::move(node);
        return index;
    }

    struct PendingRef {
        int node;
        std::string location;
        std::string text;
    };

    const json& root_;
    const std::string& source_;
    Compiled out_;
    std::map<std::string, int> byLocation_;
    std::deque<PendingRef> pendingRefs_;
};

} // namespace

void appendPointerToken(std::string& pointer, const std::string& token) {
    pointer += '/';
    for (const char c : token) {
        if (c == '~')
            pointer += "~0";
        else if (c == '/')
            pointer += "~1";
        else
            pointer += c;
    }
}

Compiled compile(const json& schema, const std::string& source) {
    return Compiler(schema, source).run();
}

} // namespace schema

struct JsonSchema::Impl {
    schema::Compiled compiled;
    std::string source;
};

JsonSchema::JsonSchema(const nlohmann::json& schema, std::string source)
    : impl_(std::make_unique<Impl>()) {
    impl_->source = std::move(source);
    impl_->compiled = schema::compile(schema, impl_->source);
}

JsonSchema::~JsonSchema() = default;
JsonSchema::JsonSchema(JsonSchema&&) noexcept = default;
JsonSchema& JsonSchema::operator=(JsonSchema&&) noexcept = default;

std::vector<SchemaViolation> JsonSchema::validate(const nlohmann::json& instance,
                                                  std::size_t maxSteps) const {
    return schema::evaluate(impl_->compiled, instance, maxSteps);
}

const std::string& JsonSchema::source() const {
    return impl_->source;
}

} // namespace prescreen::core
