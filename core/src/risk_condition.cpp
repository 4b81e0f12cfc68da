#include "risk_condition.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace prescreen::core::risk {
namespace {

using nlohmann::json;

struct OperatorName {
    std::string_view name;
    Op op;
};

constexpr std::array<OperatorName, 9> kOperators = {{
    {"eq", Op::Eq},
    {"ne", Op::Ne},
    {"lt", Op::Lt},
    {"le", Op::Le},
    {"gt", Op::Gt},
    {"ge", Op::Ge},
    {"in", Op::In},
    {"anyIn", Op::AnyIn},
    {"allIn", Op::AllIn},
}};

constexpr std::array<std::string_view, 4> kShapes = {"all", "any", "not", "field"};

std::string_view typeName(FieldType type) {
    switch (type) {
    case FieldType::Number:
        return "number";
    case FieldType::Text:
        return "text";
    case FieldType::Flag:
        return "true/false";
    case FieldType::List:
        return "list";
    case FieldType::Display:
        return "display";
    }
    return "?";
}

/// The operators that apply to a field type, as the error message lists them.
std::string_view operatorsFor(FieldType type) {
    switch (type) {
    case FieldType::Number:
        return "eq, ne, lt, le, gt or ge with a number";
    case FieldType::Text:
        return "eq or ne with a string, or in";
    case FieldType::Flag:
        return "eq or ne with true or false";
    case FieldType::List:
        return "anyIn or allIn";
    case FieldType::Display:
        return "none";
    }
    return "none";
}

bool fits(FieldType type, Op op) {
    switch (type) {
    case FieldType::Number:
        return op != Op::In && op != Op::AnyIn && op != Op::AllIn;
    case FieldType::Text:
        return op == Op::Eq || op == Op::Ne || op == Op::In;
    case FieldType::Flag:
        return op == Op::Eq || op == Op::Ne;
    case FieldType::List:
        return op == Op::AnyIn || op == Op::AllIn;
    case FieldType::Display:
        return false;
    }
    return false;
}

class Compiler {
public:
    Compiler(const NamedLists& lists, const std::string& where, Problems& problems)
        : lists_(lists), where_(where), problems_(problems) {}

    bool ok() const { return !failed_; }

    Condition compile(const json& node, const std::string& path, int depth) {
        Condition result;
        if (depth > kMaxConditionDepth) {
            fail(path,
                 "conditions nest deeper than " + std::to_string(kMaxConditionDepth) + " levels");
            return result;
        }
        if (!node.is_object()) {
            fail(path, "a condition must be an object");
            return result;
        }
        std::vector<std::string> shapes;
        for (const auto shape : kShapes) {
            if (node.contains(shape))
                shapes.emplace_back(shape);
        }
        if (shapes.size() != 1) {
            fail(path, "a condition is exactly one of all, any, not or a comparison (field "
                       "with one operator); found " +
                           (shapes.empty() ? std::string("none") : join(shapes)));
            return result;
        }
        const std::string& shape = shapes.front();
        if (shape != "field") {
            for (const auto& [key, value] : node.items()) {
                if (key != shape)
                    fail(path + "/" + key,
                         "\"" + key + "\" does not belong beside \"" + shape + "\"");
            }
        }
        if (shape == "not") {
            result.kind = Condition::Kind::Not;
            result.children.push_back(compile(node.at("not"), path + "/not", depth + 1));
        } else if (shape == "all" || shape == "any") {
            result.kind = shape == "all" ? Condition::Kind::All : Condition::Kind::Any;
            const json& operands = node.at(shape);
            if (!operands.is_array() || operands.empty()) {
                fail(path + "/" + shape, "must be a non-empty array of conditions");
                return result;
            }
            for (std::size_t i = 0; i < operands.size(); ++i)
                result.children.push_back(
                    compile(operands[i], path + "/" + shape + "/" + std::to_string(i), depth + 1));
        } else {
            compileComparison(node, path, result);
        }
        return result;
    }

private:
    static std::string join(const std::vector<std::string>& names) {
        std::string text;
        for (const auto& name : names)
            text += (text.empty() ? "" : ", ") + name;
        return text;
    }

    void fail(const std::string& path, const std::string& what) {
        failed_ = true;
        problems_.add(where_ + ", field \"" + path + "\"", what);
    }

    void compileComparison(const json& node, const std::string& path, Condition& result) {
        result.kind = Condition::Kind::Compare;
        const json& name = node.at("field");
        if (!name.is_string()) {
            fail(path + "/field", "must be a field name (a string)");
            return;
        }
        const auto field = findField(name.get<std::string>());
        if (!field) {
            fail(path + "/field",
                 "unknown field \"" + name.get<std::string>() + "\" (docs/risk.md lists them)");
            return;
        }
        const FieldInfo& info = fieldCatalogue()[*field];
        result.field = *field;
        if (info.type == FieldType::Display) {
            fail(path + "/field", "\"" + std::string(info.name) +
                                      "\" is for evidence text only; conditions cannot test it");
            return;
        }
        std::vector<std::string> operators;
        for (const auto& [key, value] : node.items()) {
            if (key == "field")
                continue;
            const auto known = std::find_if(kOperators.begin(), kOperators.end(),
                                            [&](const OperatorName& o) { return o.name == key; });
            if (known == kOperators.end()) {
                fail(path + "/" + key, "unknown operator \"" + key +
                                           "\" (operators: eq, ne, lt, le, gt, ge, in, anyIn, "
                                           "allIn)");
                continue;
            }
            operators.push_back(key);
            result.op = known->op;
        }
        if (operators.size() != 1) {
            fail(path, "a comparison needs exactly one operator; found " +
                           (operators.empty() ? std::string("none") : join(operators)));
            return;
        }
        const std::string& op = operators.front();
        const std::string operandPath = path + "/" + op;
        if (!fits(info.type, result.op)) {
            fail(operandPath, "operator \"" + op + "\" does not apply to " +
                                  std::string(typeName(info.type)) + " field \"" +
                                  std::string(info.name) + "\" (use " +
                                  std::string(operatorsFor(info.type)) + ")");
            return;
        }
        compileOperand(info, node.at(op), operandPath, result);
    }

    void compileOperand(const FieldInfo& info, const json& operand, const std::string& path,
                        Condition& result) {
        const std::string field = "\"" + std::string(info.name) + "\"";
        switch (info.type) {
        case FieldType::Number:
            if (!operand.is_number()) {
                fail(path, "number field " + field + " compares with a number");
                return;
            }
            result.number = operand.get<double>();
            return;
        case FieldType::Flag:
            if (!operand.is_boolean()) {
                fail(path, "true/false field " + field + " compares with true or false");
                return;
            }
            result.flag = operand.get<bool>();
            return;
        case FieldType::Text:
            if (result.op == Op::In)
                break;
            if (!operand.is_string()) {
                fail(path, "text field " + field + " compares with a string");
                return;
            }
            result.text = operand.get<std::string>();
            if (const auto problem = literalProblem(info.kind, result.text))
                fail(path, "\"" + result.text + "\" " + *problem);
            return;
        case FieldType::List:
        case FieldType::Display:
            break;
        }
        compileSet(info, operand, path, result);
    }

    void compileSet(const FieldInfo& info, const json& operand, const std::string& path,
                    Condition& result) {
        if (operand.is_object()) {
            const auto list = operand.find("list");
            if (list == operand.end() || !list->is_string() || operand.size() != 1) {
                fail(path, "a set is an array of strings or {\"list\": \"NAME\"}");
                return;
            }
            const auto named = lists_.find(list->get<std::string>());
            if (named == lists_.end()) {
                fail(path + "/list",
                     "no list named \"" + list->get<std::string>() + "\" in \"lists\"");
                return;
            }
            for (const auto& item : named->second)
                checkLiteral(info, item, "list \"" + named->first + "\"", path + "/list");
            result.set = named->second;
        } else if (operand.is_array() && !operand.empty()) {
            for (std::size_t i = 0; i < operand.size(); ++i) {
                const json& item = operand[i];
                const std::string itemPath = path + "/" + std::to_string(i);
                if (!item.is_string()) {
                    fail(itemPath, "set members are strings");
                    continue;
                }
                checkLiteral(info, item.get<std::string>(), "", itemPath);
                result.set.push_back(item.get<std::string>());
            }
        } else {
            fail(path, "a set is a non-empty array of strings or {\"list\": \"NAME\"}");
            return;
        }
        std::sort(result.set.begin(), result.set.end());
        result.set.erase(std::unique(result.set.begin(), result.set.end()), result.set.end());
    }

    void checkLiteral(const FieldInfo& info, const std::string& literal, const std::string& from,
                      const std::string& path) {
        if (const auto problem = literalProblem(info.kind, literal))
            fail(path, "\"" + literal + "\"" + (from.empty() ? "" : " in " + from) + " " +
                           *problem + ", as field \"" + std::string(info.name) + "\" needs");
    }

    const NamedLists& lists_;
    const std::string& where_;
    Problems& problems_;
    bool failed_ = false;
};

bool contains(const std::vector<std::string>& sorted, const std::string& value) {
    return std::binary_search(sorted.begin(), sorted.end(), value);
}

Truth compare(const Condition& c, const Value& value, Matches& matches) {
    const auto truth = [](bool b) {
        return b ? Truth::True : Truth::False;
    };
    if (const auto* number = std::get_if<double>(&value)) {
        switch (c.op) {
        case Op::Eq:
            return truth(*number == c.number);
        case Op::Ne:
            return truth(*number != c.number);
        case Op::Lt:
            return truth(*number < c.number);
        case Op::Le:
            return truth(*number <= c.number);
        case Op::Gt:
            return truth(*number > c.number);
        case Op::Ge:
            return truth(*number >= c.number);
        default:
            return Truth::Unknown;
        }
    }
    if (const auto* flag = std::get_if<bool>(&value))
        return truth(c.op == Op::Eq ? *flag == c.flag : *flag != c.flag);
    if (const auto* text = std::get_if<std::string>(&value)) {
        if (c.op == Op::In)
            return truth(contains(c.set, *text));
        return truth(c.op == Op::Eq ? *text == c.text : *text != c.text);
    }
    const auto& items = std::get<std::vector<std::string>>(value);
    std::set<std::size_t> hits;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (contains(c.set, items[i]))
            hits.insert(i);
    }
    const bool holds =
        c.op == Op::AnyIn ? !hits.empty() : !items.empty() && hits.size() == items.size();
    if (holds)
        matches[c.field].insert(hits.begin(), hits.end());
    return truth(holds);
}

void merge(Matches& into, const Matches& from) {
    for (const auto& [field, indices] : from)
        into[field].insert(indices.begin(), indices.end());
}

void collectMatchable(const Condition& c, std::set<std::size_t>& out) {
    switch (c.kind) {
    case Condition::Kind::Not:
        return;
    case Condition::Kind::All:
    case Condition::Kind::Any:
        for (const auto& child : c.children)
            collectMatchable(child, out);
        return;
    case Condition::Kind::Compare:
        if (c.op == Op::AnyIn || c.op == Op::AllIn)
            out.insert(c.field);
        return;
    }
}

} // namespace

std::optional<Condition> compileCondition(const json& node, const NamedLists& lists,
                                          const std::string& where, Problems& problems) {
    Compiler compiler(lists, where, problems);
    Condition condition = compiler.compile(node, "condition", 1);
    if (!compiler.ok())
        return std::nullopt;
    return condition;
}

Truth evaluate(const Condition& condition, const Facts& facts, Matches& matches) {
    switch (condition.kind) {
    case Condition::Kind::Compare: {
        const auto& value = facts.value(condition.field);
        return value ? compare(condition, *value, matches) : Truth::Unknown;
    }
    case Condition::Kind::Not: {
        Matches ignored; // what a negated condition matched is no evidence for the rule
        const Truth inner = evaluate(condition.children.front(), facts, ignored);
        return inner == Truth::Unknown ? Truth::Unknown
               : inner == Truth::True  ? Truth::False
                                       : Truth::True;
    }
    case Condition::Kind::All: {
        Matches local;
        bool unknown = false;
        for (const auto& child : condition.children) {
            const Truth t = evaluate(child, facts, local);
            if (t == Truth::False)
                return Truth::False;
            unknown = unknown || t == Truth::Unknown;
        }
        if (unknown)
            return Truth::Unknown;
        merge(matches, local);
        return Truth::True;
    }
    case Condition::Kind::Any: {
        bool anyTrue = false, unknown = false;
        for (const auto& child : condition.children) {
            Matches local;
            const Truth t = evaluate(child, facts, local);
            if (t == Truth::True) {
                anyTrue = true;
                merge(matches, local);
            }
            unknown = unknown || t == Truth::Unknown;
        }
        return anyTrue ? Truth::True : unknown ? Truth::Unknown : Truth::False;
    }
    }
    return Truth::Unknown;
}

std::set<std::size_t> matchableFields(const Condition& condition) {
    std::set<std::size_t> fields;
    collectMatchable(condition, fields);
    return fields;
}

} // namespace prescreen::core::risk
