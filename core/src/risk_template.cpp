#include "risk_template.h"

#include <algorithm>

namespace prescreen::core::risk {
namespace {

constexpr std::string_view kMatched = ":matched";

bool anyPerLine(const std::set<std::size_t>& fields) {
    return std::any_of(fields.begin(), fields.end(),
                       [](std::size_t f) { return fieldCatalogue()[f].perLine; });
}

/// Resolves one placeholder name; adds a problem and returns nullopt if it names nothing usable.
std::optional<Template::Part> placeholder(std::string_view name,
                                          const std::set<std::size_t>& matchable,
                                          const std::string& where, Problems& problems) {
    const auto fail = [&](const std::string& what) {
        problems.add(where + ", field \"evidence\"", what);
        return std::nullopt;
    };
    Template::Part part;
    if (name.size() > kMatched.size() && name.ends_with(kMatched)) {
        const std::string_view base = name.substr(0, name.size() - kMatched.size());
        if (base == "lines") {
            if (!anyPerLine(matchable))
                return fail("{lines:matched} needs the condition to test a lines.* field with "
                            "anyIn or allIn (outside any not)");
            part.kind = Template::Part::Kind::LineMatches;
            return part;
        }
        const auto field = findField(base);
        if (!field || fieldCatalogue()[*field].type != FieldType::List)
            return fail("unknown template variable {" + std::string(name) + "}: \"" +
                        std::string(base) + "\" is not a list field");
        if (matchable.count(*field) == 0)
            return fail("{" + std::string(name) + "} needs the condition to test \"" +
                        std::string(base) + "\" with anyIn or allIn (outside any not)");
        part.kind = Template::Part::Kind::FieldMatches;
        part.field = *field;
        return part;
    }
    const auto field = findField(name);
    if (!field)
        return fail("unknown template variable {" + std::string(name) +
                    "} (docs/risk.md lists the fields)");
    part.kind = Template::Part::Kind::Field;
    part.field = *field;
    return part;
}

std::string lineMatches(const Facts& facts, const Matches& matches) {
    std::set<std::size_t> indices;
    for (const auto& [field, hits] : matches) {
        if (fieldCatalogue()[field].perLine)
            indices.insert(hits.begin(), hits.end());
    }
    // Sorted by code and description, so reordered manifest lines read the same.
    std::vector<std::pair<std::string, std::string>> lines;
    for (const std::size_t i : indices) {
        const auto& line = facts.manifest().lines.at(i);
        lines.emplace_back(line.hsCode, line.description);
    }
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    if (lines.empty())
        return "none";
    std::string text;
    for (std::size_t i = 0; i < lines.size() && i < kMaxListedLines; ++i) {
        const auto& [code, description] = lines[i];
        text += (i == 0 ? "" : "; ") + code;
        if (!description.empty())
            text += " \"" + description + "\"";
    }
    if (lines.size() > kMaxListedLines)
        text += "; and " + std::to_string(lines.size() - kMaxListedLines) + " more";
    return text;
}

std::string fieldMatches(std::size_t field, const Facts& facts, const Matches& matches) {
    const auto& value = facts.value(field);
    const auto hits = matches.find(field);
    std::vector<std::string> items;
    if (value && hits != matches.end()) {
        const auto& all = std::get<std::vector<std::string>>(*value);
        for (const std::size_t i : hits->second)
            items.push_back(all.at(i));
    }
    return formatValue(fieldCatalogue()[field], items);
}

} // namespace

std::optional<Template> compileTemplate(std::string_view text,
                                        const std::set<std::size_t>& matchable,
                                        const std::string& where, Problems& problems) {
    Template result;
    bool ok = true;
    std::string literal;
    const auto flush = [&] {
        if (!literal.empty())
            result.parts.push_back({Template::Part::Kind::Literal, std::move(literal), 0});
        literal.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool doubled = i + 1 < text.size() && text[i + 1] == c;
        if ((c == '{' || c == '}') && doubled) {
            literal += c;
            ++i;
        } else if (c == '}') {
            problems.add(where + ", field \"evidence\"",
                         "unmatched } at character " + std::to_string(i + 1) + " (write }})");
            ok = false;
        } else if (c == '{') {
            const std::size_t close = text.find('}', i + 1);
            const std::size_t nested = text.find('{', i + 1);
            if (close == std::string_view::npos || nested < close) {
                problems.add(where + ", field \"evidence\"", "unclosed { at character " +
                                                                 std::to_string(i + 1) +
                                                                 " (write {{ for a brace)");
                return std::nullopt;
            }
            flush();
            auto part = placeholder(text.substr(i + 1, close - i - 1), matchable, where, problems);
            if (part)
                result.parts.push_back(std::move(*part));
            else
                ok = false;
            i = close;
        } else {
            literal += c;
        }
    }
    flush();
    if (!ok)
        return std::nullopt;
    return result;
}

std::string render(const Template& evidence, const Facts& facts, const Matches& matches) {
    std::string text;
    for (const auto& part : evidence.parts) {
        switch (part.kind) {
        case Template::Part::Kind::Literal:
            text += part.literal;
            break;
        case Template::Part::Kind::Field: {
            const auto& value = facts.value(part.field);
            text += value ? formatValue(fieldCatalogue()[part.field], *value) : "unknown";
            break;
        }
        case Template::Part::Kind::FieldMatches:
            text += fieldMatches(part.field, facts, matches);
            break;
        case Template::Part::Kind::LineMatches:
            text += lineMatches(facts, matches);
            break;
        }
    }
    return text;
}

} // namespace prescreen::core::risk
