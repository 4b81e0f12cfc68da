#pragma once
// The facts a risk rule can test (docs/risk.md, "Fields"): what each field is, how its literals
// must look, how its values read in evidence text, and its value for one RiskInput.

#include <prescreen/core/risk.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace prescreen::core::risk {

enum class FieldType {
    Number,
    Text,
    Flag,
    List,    ///< of strings
    Display, ///< text for evidence templates only; conditions cannot test it
};

/// What a literal compared with the field must look like.
enum class ValueKind { Any, Country, Currency, HsChapter, HsHeading, HsCode, Mode, Membership };

/// How a number reads in evidence text.
enum class Format { Mass, Money, Percent, Ratio, Sigma, Count, Area };

struct FieldInfo {
    std::string_view name;
    FieldType type = FieldType::Number;
    ValueKind kind = ValueKind::Any;
    Format format = Format::Count;
    bool sequence = false; ///< a list whose order means something (the route)
    bool perLine = false;  ///< a list with one element per manifest line, in line order
};

/// Every field, in the order docs/risk.md lists them.
const std::vector<FieldInfo>& fieldCatalogue();
/// Index into fieldCatalogue(), or nullopt for an unknown name.
std::optional<std::size_t> findField(std::string_view name);

using Value = std::variant<double, std::string, bool, std::vector<std::string>>;

/// Every field's value for one input; a field is unknown (nullopt) where the input does not say
/// (no scan yet, a single-energy scan, no weight declared, mixed currencies, an empty name).
class Facts {
public:
    explicit Facts(const RiskInput& input);

    const std::optional<Value>& value(std::size_t field) const { return values_.at(field); }
    const Manifest& manifest() const { return *manifest_; }

private:
    const Manifest* manifest_;
    std::vector<std::optional<Value>> values_;
};

/// Number in a field's format: "410", "12.5", "1,250", "38%", "3.4".
std::string formatNumber(double value, Format format);
/// A known value as evidence text: lists joined (sets sorted and without repeats), flags yes/no.
std::string formatValue(const FieldInfo& field, const Value& value);
/// Why `literal` cannot be a value of a field of this kind ("is not an ISO 3166-1 alpha-2
/// code"), or nullopt if it can.
std::optional<std::string> literalProblem(ValueKind kind, std::string_view literal);

} // namespace prescreen::core::risk
