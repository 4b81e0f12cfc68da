#include "builtin_resources.h"
#include "risk_ruleset.h"

#include <prescreen/core/json_schema.h>
#include <prescreen/error.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>
#include <vector>

namespace prescreen::core {
namespace {

using nlohmann::json;

/// A rules file is a few kilobytes; anything near this is not one.
constexpr std::size_t kMaxRulesBytes = std::size_t{1} << 20;
/// Nesting the parser accepts at all (it guards the parser and what follows from runaway input).
constexpr int kMaxParseDepth = 512;
/// Nesting of the parsed document before schema validation; deeper than any valid rules file
/// (conditions nest at most risk::kMaxConditionDepth levels, two JSON levels each).
constexpr int kMaxDocumentDepth = 2 * risk::kMaxConditionDepth + 8;
/// Problems listed in one error message; the rest are counted.
constexpr std::size_t kMaxListedProblems = 20;

const JsonSchema& rulesSchema() {
    static const JsonSchema schema(json::parse(detail::builtinRiskRulesSchema()),
                                   "resources/rules/risk-rules.schema.json");
    return schema;
}

[[noreturn]] void reject(const std::string& source, const risk::Problems& problems) {
    const auto& all = problems.messages;
    std::string message = source + ": " + std::to_string(all.size()) +
                          (all.size() == 1 ? " problem" : " problems") + " in the rules file";
    for (std::size_t i = 0; i < all.size() && i < kMaxListedProblems; ++i)
        message += "\n" + source + ": " + all[i];
    if (all.size() > kMaxListedProblems)
        message +=
            "\n" + source + ": and " + std::to_string(all.size() - kMaxListedProblems) + " more";
    throw Error(ErrorCode::BadFormat, message);
}

json parseText(std::string_view text, const std::string& source) {
    if (text.size() > kMaxRulesBytes)
        throw Error(ErrorCode::BadFormat, source + ": " + std::to_string(text.size()) +
                                              " bytes is too large for a rules file (at most " +
                                              std::to_string(kMaxRulesBytes) + ")");
    const auto guard = [&source](int depth, json::parse_event_t event, json&) {
        if ((event == json::parse_event_t::object_start ||
             event == json::parse_event_t::array_start) &&
            depth >= kMaxParseDepth)
            throw Error(ErrorCode::BadFormat, source + ": JSON nested deeper than " +
                                                  std::to_string(kMaxParseDepth) + " levels");
        return true;
    };
    try {
        return json::parse(text.begin(), text.end(), guard);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        if (const auto bracket = what.find("] "); bracket != std::string::npos)
            what.erase(0, bracket + 2); // drop nlohmann's "[json.exception.parse_error.101] "
        throw Error(ErrorCode::BadFormat, source + ": not valid JSON: " + what);
    }
}

/// "rule \"origin-high-risk\" (rules[3])", or "rules[3]" while the id is not a string.
std::string ruleName(const json& document, std::size_t index) {
    const std::string position = "rules[" + std::to_string(index) + "]";
    const auto& rules = document.find("rules");
    if (rules != document.end() && rules->is_array() && index < rules->size()) {
        const json& rule = (*rules)[index];
        if (rule.is_object() && rule.contains("id") && rule["id"].is_string())
            return "rule \"" + rule["id"].get<std::string>() + "\" (" + position + ")";
    }
    return position;
}

/// Where a JSON Pointer into the rules file is, in the words of the error messages:
/// `rule "x" (rules[3]), field "condition/all/0/gt"`, `field "version"` or `the file`.
std::string locate(const json& document, const std::string& pointer) {
    std::vector<std::string> parts;
    for (std::size_t start = 1; start <= pointer.size();) {
        const std::size_t end = std::min(pointer.find('/', start), pointer.size());
        std::string part = pointer.substr(start, end - start);
        for (std::size_t at = part.find("~1"); at != std::string::npos; at = part.find("~1"))
            part.replace(at, 2, "/");
        for (std::size_t at = part.find("~0"); at != std::string::npos; at = part.find("~0"))
            part.replace(at, 2, "~");
        parts.push_back(std::move(part));
        start = end + 1;
    }
    const auto joined = [&](std::size_t from) {
        std::string field;
        for (std::size_t i = from; i < parts.size(); ++i)
            field += (field.empty() ? "" : "/") + parts[i];
        return field;
    };
    if (parts.size() >= 2 && parts[0] == "rules" && !parts[1].empty() &&
        std::all_of(parts[1].begin(), parts[1].end(),
                    [](char c) { return c >= '0' && c <= '9'; }) &&
        parts[1].size() < 9) {
        const std::string name = ruleName(document, std::stoul(parts[1]));
        return parts.size() == 2 ? name : name + ", field \"" + joined(2) + "\"";
    }
    return parts.empty() ? std::string("the file") : "field \"" + joined(0) + "\"";
}

/// Finds nesting deeper than kMaxDocumentDepth without recursing (so without a deep stack), and
/// names the rule and field it is in.
void checkDepth(const json& document, risk::Problems& problems) {
    struct Item {
        const json* node;
        int depth;
        std::string pointer; ///< down to the second level below a rule, for the message
    };
    std::vector<Item> stack{{&document, 1, ""}};
    while (!stack.empty()) {
        Item item = std::move(stack.back());
        stack.pop_back();
        if (item.depth > kMaxDocumentDepth) {
            problems.add(locate(document, item.pointer),
                         "nested deeper than " + std::to_string(kMaxDocumentDepth) +
                             " levels (conditions nest at most " +
                             std::to_string(risk::kMaxConditionDepth) + " levels)");
            return;
        }
        if (!item.node->is_structured())
            continue;
        const bool named = item.depth <= 3; // "/rules/N/condition" is precise enough
        for (auto it = item.node->begin(); it != item.node->end(); ++it) {
            std::string pointer = item.pointer;
            if (named)
                pointer += "/" + (item.node->is_object()
                                      ? it.key()
                                      : std::to_string(std::distance(item.node->begin(), it)));
            stack.push_back({&*it, item.depth + 1, std::move(pointer)});
        }
    }
}

risk::NamedLists readLists(const json& document, risk::Problems& problems) {
    risk::NamedLists lists;
    const auto found = document.find("lists");
    if (found == document.end())
        return lists;
    for (const auto& [name, values] : found->items()) {
        const bool goodName =
            !name.empty() && name.size() <= 64 &&
            std::isalpha(static_cast<unsigned char>(name[0])) &&
            std::all_of(name.begin(), name.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
            });
        if (!goodName)
            problems.add("field \"lists/" + name + "\"",
                         "a list name is a letter then letters, digits, - or _ (at most 64)");
        lists.emplace(name, values.get<std::vector<std::string>>());
    }
    return lists;
}

} // namespace

RuleSet::RuleSet() : impl_(std::make_unique<Impl>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

RuleSet RuleSet::parse(std::string_view jsonText, const std::string& source) {
    const json document = parseText(jsonText, source);
    risk::Problems problems;
    checkDepth(document, problems);
    if (!problems.messages.empty())
        reject(source, problems);
    for (const auto& violation : rulesSchema().validate(document))
        problems.add(locate(document, violation.path), violation.message);
    if (!problems.messages.empty())
        reject(source, problems);

    // The schema has vouched for the shape; what follows checks meaning.
    RuleSet result;
    Impl& impl = *result.impl_;
    impl.version = document.at("version").get<std::string>();
    impl.baseScore = document.at("baseScore").get<double>();
    impl.mediumFrom = document.at("levels").at("medium").get<int>();
    impl.highFrom = document.at("levels").at("high").get<int>();
    if (impl.mediumFrom >= impl.highFrom)
        problems.add("field \"levels\"", "medium (" + std::to_string(impl.mediumFrom) +
                                             ") must be below high (" +
                                             std::to_string(impl.highFrom) + ")");
    const risk::NamedLists lists = readLists(document, problems);

    std::map<std::string, std::size_t> seen;
    const json& rules = document.at("rules");
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const json& rule = rules[i];
        const std::string where = ruleName(document, i);
        const std::string id = rule.at("id").get<std::string>();
        if (const auto [first, inserted] = seen.emplace(id, i); !inserted)
            problems.add(where + ", field \"id\"", "duplicate id; rules[" +
                                                       std::to_string(first->second) +
                                                       "] has it already");
        auto condition = risk::compileCondition(rule.at("condition"), lists, where, problems);
        if (!condition)
            continue;
        auto evidence = risk::compileTemplate(rule.at("evidence").get<std::string>(),
                                              risk::matchableFields(*condition), where, problems);
        if (!evidence)
            continue;
        impl.rules.push_back({id, rule.at("description").get<std::string>(), std::move(*condition),
                              rule.at("weight").get<double>(), std::move(*evidence)});
    }
    if (!problems.messages.empty())
        reject(source, problems);
    return result;
}

const RuleSet& RuleSet::builtin() {
    static const RuleSet rules =
        parse(detail::builtinRiskRules(), "resources/rules/risk-rules.json");
    return rules;
}

const std::string& RuleSet::version() const {
    return impl_->version;
}

std::size_t RuleSet::size() const {
    return impl_->rules.size();
}

} // namespace prescreen::core
