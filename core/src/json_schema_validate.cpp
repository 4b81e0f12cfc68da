// Evaluates an instance against a compiled schema (json_schema_impl.h). Bounded whatever the
// input: nesting (incl. $ref cycles) stops at kMaxDepth, work at kMaxSteps, the report at
// kMaxViolations; values are compared only when they nest no deeper than kMaxDepth, so a hostile
// instance cannot exhaust the stack; long strings are not handed to std::regex (it recurses per
// character).
#include "json_schema_impl.h"

#include <algorithm>
#include <numeric>

namespace prescreen::core::schema {
namespace {

using nlohmann::json;

/// Collects violations up to `limit`; anyOf / oneOf / not branches use their own with limit 1.
struct Sink {
    std::vector<SchemaViolation> list;
    std::size_t limit = kMaxViolations;
    bool full() const { return list.size() >= limit; }
};

class Evaluator {
public:
    Evaluator(const Compiled& compiled, std::size_t maxSteps)
        : compiled_(compiled), maxSteps_(maxSteps) {}

    std::vector<SchemaViolation> run(const json& instance) {
        Sink sink;
        eval(0, instance, 0, sink);
        if (sink.full())
            sink.list.push_back({"", "stopped after " + std::to_string(kMaxViolations) +
                                         " violations; any further ones are not reported"});
        if (haltNote_)
            sink.list.push_back(std::move(*haltNote_));
        return std::move(sink.list);
    }

private:
    /// Records a violation; true when evaluation must stop (the sink is full or a limit hit).
    bool report(Sink& sink, std::string message) {
        sink.list.push_back({path_, std::move(message)});
        return stopped(sink);
    }
    bool stopped(const Sink& sink) const { return halted_ || sink.full(); }
    bool isFalse(int index) const {
        const auto& node = compiled_.nodes[static_cast<std::size_t>(index)];
        return node.booleanSchema && !*node.booleanSchema;
    }

    void halt(std::string message) {
        if (!halted_)
            haltNote_ = SchemaViolation{path_, std::move(message)};
        halted_ = true;
    }

    /// Evaluates a sub-schema on `value` with `token` appended to the instance path.
    bool evalChild(int index, const json& value, const std::string& token, int depth, Sink& sink) {
        const std::size_t mark = path_.size();
        appendPointerToken(path_, token);
        const bool valid = eval(index, value, depth + 1, sink);
        path_.resize(mark);
        return valid;
    }

    /// Whether `value` passes a branch of anyOf / oneOf / not; the branch's first violation (if
    /// any) in `first`, for the message.
    bool branchValid(int index, const json& value, int depth, std::string& first) {
        Sink branch;
        branch.limit = 1;
        const bool valid = eval(index, value, depth + 1, branch);
        if (!branch.list.empty()) {
            // Cut short: nested alternatives would otherwise grow the message with each level.
            first = branch.list.front().message;
            if (first.size() > kQuotedBytes * 2)
                first = first.substr(0, kQuotedBytes * 2) + "...";
        }
        return valid;
    }

    bool checkObject(const Node& node, const json& value, int depth, Sink& sink) {
        bool valid = true;
        for (const auto& name : node.required) {
            if (value.contains(name))
                continue;
            valid = false;
            const std::size_t mark = path_.size();
            appendPointerToken(path_, name);
            const bool stop = report(sink, "required property is missing");
            path_.resize(mark);
            if (stop)
                return false;
        }
        for (const auto& [name, member] : value.items()) {
            const auto declared = node.properties.find(name);
            if (declared != node.properties.end()) {
                valid = evalChild(declared->second, member, name, depth, sink) && valid;
            } else if (node.additionalProperties && isFalse(*node.additionalProperties)) {
                valid = false;
                const std::size_t mark = path_.size();
                appendPointerToken(path_, name);
                const bool stop = report(sink, "unknown property; not allowed here");
                path_.resize(mark);
                if (stop)
                    return false;
            } else if (node.additionalProperties) {
                valid = evalChild(*node.additionalProperties, member, name, depth, sink) && valid;
            }
            if (stopped(sink))
                return false;
        }
        return valid;
    }

    bool checkArray(const Node& node, const json& value, int depth, Sink& sink) {
        bool valid = true;
        const std::size_t size = value.size();
        if (node.minItems && size < *node.minItems) {
            valid = false;
            if (report(sink, "must have at least " + std::to_string(*node.minItems) +
                                 " items (got " + std::to_string(size) + ")"))
                return false;
        }
        if (node.maxItems && size > *node.maxItems) {
            valid = false;
            if (report(sink, "must have at most " + std::to_string(*node.maxItems) +
                                 " items (got " + std::to_string(size) + ")"))
                return false;
        }
        if (node.uniqueItems && size > 1) {
            if (!depthWithin(value, kMaxDepth)) {
                valid = false;
                if (report(sink, "is nested too deeply to check uniqueItems"))
                    return false;
            } else {
                std::vector<std::size_t> order(size);
                std::iota(order.begin(), order.end(), std::size_t{0});
                std::stable_sort(order.begin(), order.end(),
                                 [&](std::size_t a, std::size_t b) { return value[a] < value[b]; });
                for (std::size_t i = 1; i < size; ++i) {
                    if (value[order[i - 1]] != value[order[i]])
                        continue;
                    valid = false;
                    const auto [a, b] = std::minmax(order[i - 1], order[i]);
                    if (report(sink, "items " + std::to_string(a) + " and " + std::to_string(b) +
                                         " are equal; items must be unique"))
                        return false;
                    break;
                }
            }
        }
        if (node.items) {
            for (std::size_t i = 0; i < size; ++i) {
                valid = evalChild(*node.items, value[i], std::to_string(i), depth, sink) && valid;
                if (stopped(sink))
                    return false;
            }
        }
        return valid;
    }

    bool checkString(const Node& node, const json& value, Sink& sink) {
        const auto& text = value.get_ref<const std::string&>();
        bool valid = true;
        bool lengthOk = true;
        const std::size_t length = (node.minLength || node.maxLength) ? codePoints(text) : 0;
        if (node.minLength && length < *node.minLength) {
            valid = lengthOk = false;
            if (report(sink, "must be at least " + std::to_string(*node.minLength) +
                                 " characters long (got " + std::to_string(length) + ")"))
                return false;
        }
        if (node.maxLength && length > *node.maxLength) {
            valid = lengthOk = false;
            if (report(sink, "must be at most " + std::to_string(*node.maxLength) +
                                 " characters long (got " + std::to_string(length) + ")"))
                return false;
        }
        if (node.pattern && lengthOk) {
            if (text.size() > kMaxPatternInputBytes) {
                valid = false;
                if (report(sink, "is too long (" + std::to_string(text.size()) +
                                     " bytes) to check against pattern " + node.patternText))
                    return false;
            } else if (!std::regex_search(text, *node.pattern)) {
                valid = false;
                if (report(sink, "must match pattern " + node.patternText + " (got " +
                                     describe(value) + ")"))
                    return false;
            }
        }
        if (node.format == Format::Date && !isDate(text)) {
            valid = false;
            if (report(sink, "must be a date YYYY-MM-DD (got " + describe(value) + ")"))
                return false;
        }
        if (node.format == Format::DateTime && !isDateTime(text)) {
            valid = false;
            if (report(sink, "must be an RFC 3339 date-time such as 2026-11-22T09:15:00Z (got " +
                                 describe(value) + ")"))
                return false;
        }
        return valid;
    }

    bool checkNumber(const Node& node, const json& value, Sink& sink) {
        const double number = value.get<double>();
        struct Check {
            const std::optional<Bound>& bound;
            bool (*passes)(double, double);
            const char* words;
        };
        const Check checks[] = {
            {node.minimum, [](double n, double b) { return n >= b; }, "at least"},
            {node.maximum, [](double n, double b) { return n <= b; }, "at most"},
            {node.exclusiveMinimum, [](double n, double b) { return n > b; }, "greater than"},
            {node.exclusiveMaximum, [](double n, double b) { return n < b; }, "less than"},
        };
        bool valid = true;
        for (const auto& check : checks) {
            if (!check.bound || check.passes(number, check.bound->value))
                continue;
            valid = false;
            if (report(sink, std::string("must be ") + check.words + " " + check.bound->text +
                                 " (got " + value.dump() + ")"))
                return false;
        }
        return valid;
    }

    bool checkCombinators(const Node& node, const json& value, int depth, Sink& sink) {
        bool valid = true;
        if (node.ref) {
            valid = eval(*node.ref, value, depth + 1, sink) && valid;
            if (stopped(sink))
                return false;
        }
        for (const int sub : node.allOf) {
            valid = eval(sub, value, depth + 1, sink) && valid;
            if (stopped(sink))
                return false;
        }
        if (!node.anyOf.empty()) {
            std::string reasons;
            bool any = false;
            for (std::size_t i = 0; i < node.anyOf.size() && !any && !halted_; ++i) {
                std::string first;
                any = branchValid(node.anyOf[i], value, depth, first);
                reasons += (i == 0 ? "" : "; ") + std::to_string(i + 1) + ": " + first;
            }
            if (!any) {
                valid = false;
                if (report(sink, "must match at least one alternative (" + reasons + ")"))
                    return false;
            }
        }
        if (!node.oneOf.empty()) {
            std::string reasons;
            std::vector<std::size_t> matching;
            for (std::size_t i = 0; i < node.oneOf.size() && !halted_; ++i) {
                std::string first;
                if (branchValid(node.oneOf[i], value, depth, first))
                    matching.push_back(i + 1);
                else
                    reasons += (reasons.empty() ? "" : "; ") + std::to_string(i + 1) + ": " + first;
            }
            if (matching.size() != 1) {
                valid = false;
                const std::string message =
                    matching.empty()
                        ? "must match exactly one alternative, matches none (" + reasons + ")"
                        : "must match exactly one alternative, matches " +
                              std::to_string(matching.size()) + " (alternatives " +
                              std::to_string(matching[0]) + " and " + std::to_string(matching[1]) +
                              ")";
                if (report(sink, message))
                    return false;
            }
        }
        if (node.notSchema) {
            std::string ignored;
            if (branchValid(*node.notSchema, value, depth, ignored) && !halted_) {
                valid = false;
                if (report(sink, "must not match the schema under \"not\""))
                    return false;
            }
        }
        return valid;
    }

    bool eval(int index, const json& value, int depth, Sink& sink) {
        if (halted_)
            return false;
        if (depth > kMaxDepth) {
            halt("nested deeper than " + std::to_string(kMaxDepth) +
                 " levels (or a $ref cycle); not validated further");
            return false;
        }
        if (++steps_ > maxSteps_) {
            halt("validation stopped after " + std::to_string(maxSteps_) + " steps");
            return false;
        }
        const Node& node = compiled_.nodes[static_cast<std::size_t>(index)];
        if (node.booleanSchema) {
            if (*node.booleanSchema)
                return true;
            report(sink, "is not allowed here (the schema is false)");
            return false;
        }
        bool valid = true;
        if (!matchesType(node.types, value)) {
            // The other keywords assume the declared type, so nothing else is checked.
            report(sink,
                   "must be of type " + typeList(node.types) + " (got " + describe(value) + ")");
            return false;
        }
        if (node.constValue || node.enumValues) {
            if (!depthWithin(value, kMaxDepth)) {
                valid = false;
                if (report(sink, "is nested too deeply to compare"))
                    return false;
            } else if (node.constValue && *node.constValue != value) {
                valid = false;
                if (report(sink, "must be " + literal(*node.constValue) + " (got " +
                                     describe(value) + ")"))
                    return false;
            } else if (node.enumValues &&
                       std::find(node.enumValues->begin(), node.enumValues->end(), value) ==
                           node.enumValues->end()) {
                valid = false;
                if (report(sink, "must be one of " + literal(json(*node.enumValues)) + " (got " +
                                     describe(value) + ")"))
                    return false;
            }
        }
        switch (value.type()) {
        case json::value_t::object:
            valid = checkObject(node, value, depth, sink) && valid;
            break;
        case json::value_t::array:
            valid = checkArray(node, value, depth, sink) && valid;
            break;
        case json::value_t::string:
            valid = checkString(node, value, sink) && valid;
            break;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            valid = checkNumber(node, value, sink) && valid;
            break;
        default:
            break;
        }
        if (stopped(sink))
            return false;
        return checkCombinators(node, value, depth, sink) && valid;
    }

    const Compiled& compiled_;
    std::size_t maxSteps_;
    std::string path_;
    std::size_t steps_ = 0;
    bool halted_ = false;
    std::optional<SchemaViolation> haltNote_;
};

} // namespace

std::vector<SchemaViolation> evaluate(const Compiled& compiled, const json& instance,
                                      std::size_t maxSteps) {
    return Evaluator(compiled, maxSteps).run(instance);
}

} // namespace prescreen::core::schema
