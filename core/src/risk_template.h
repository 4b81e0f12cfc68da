#pragma once
// Evidence templates (docs/risk.md, "Evidence"): text with {field} placeholders, filled from the
// facts of the input in officer-readable form. {FIELD:matched} is the part of a list field that
// made the rule fire; {lines:matched} the manifest lines behind it. {{ and }} are literal braces.

#include "risk_condition.h"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::core::risk {

struct Template {
    struct Part {
        enum class Kind { Literal, Field, FieldMatches, LineMatches };
        Kind kind = Kind::Literal;
        std::string literal;
        std::size_t field = 0;
    };
    std::vector<Part> parts;
};

/// At most this many matched lines are listed; the rest are counted.
inline constexpr std::size_t kMaxListedLines = 5;

/// Compiles `text`; `matchable` are the rule's list fields whose matches can be shown (see
/// matchableFields). `where` names the rule. Returns nullopt if there were problems.
std::optional<Template> compileTemplate(std::string_view text,
                                        const std::set<std::size_t>& matchable,
                                        const std::string& where, Problems& problems);

/// The evidence text for one firing of the rule; an unknown fact reads "unknown".
std::string render(const Template& evidence, const Facts& facts, const Matches& matches);

} // namespace prescreen::core::risk
