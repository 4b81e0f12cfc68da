#pragma once
// The condition language of risk rules (docs/risk.md, "Conditions"): all / any / not over
// comparisons of one field with literals. Compiled once when the rules load, with every problem
// named; evaluated in three-valued logic, so a rule that needs an unknown fact does not fire.

#include "risk_fields.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace prescreen::core::risk {

/// Problems found while loading a rules file, each already saying where.
struct Problems {
    std::vector<std::string> messages;
    void add(const std::string& where, const std::string& what) {
        messages.push_back(where + ": " + what);
    }
};

/// The file's named value lists ("lists": {"highRiskOrigins": [...]}), by name.
using NamedLists = std::map<std::string, std::vector<std::string>, std::less<>>;

/// Conditions nest at most this many levels (all / any / not and the comparison at the bottom).
inline constexpr int kMaxConditionDepth = 12;

enum class Op { Eq, Ne, Lt, Le, Gt, Ge, In, AnyIn, AllIn };

struct Condition {
    enum class Kind { All, Any, Not, Compare };
    Kind kind = Kind::Compare;
    std::vector<Condition> children; ///< All / Any: the operands; Not: one

    std::size_t field = 0; ///< Compare: index into fieldCatalogue()
    Op op = Op::Eq;
    double number = 0;            ///< operand of a number comparison
    std::string text;             ///< operand of a text comparison
    bool flag = false;            ///< operand of a flag comparison
    std::vector<std::string> set; ///< operand of in / anyIn / allIn, sorted, no repeats
};

enum class Truth { False, Unknown, True };

/// For each list field, the indices of its elements that made a firing comparison true.
using Matches = std::map<std::size_t, std::set<std::size_t>>;

/// Compiles the condition at `node`. `where` names the rule ("rule \"x\" (rules[3])"); each
/// problem adds the field's path below it. Returns nullopt if there were problems.
std::optional<Condition> compileCondition(const nlohmann::json& node, const NamedLists& lists,
                                          const std::string& where, Problems& problems);

/// Evaluates `condition`; when true, `matches` receives the list elements behind it (never from
/// inside a `not`, nor from an alternative of `any` that was not true).
Truth evaluate(const Condition& condition, const Facts& facts, Matches& matches);

/// The list fields whose matches a firing rule can report: those compared with anyIn or allIn
/// outside every `not`.
std::set<std::size_t> matchableFields(const Condition& condition);

} // namespace prescreen::core::risk
