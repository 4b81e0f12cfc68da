#include "args.h"

#include <charconv>
#include <cstdlib>

namespace prescreen::cli {

Args::Args(const std::vector<std::string>& args, const std::set<std::string>& valued,
           const std::set<std::string>& flags) {
    bool onlyPositionals = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool declaredShort =
            arg.size() == 2 && arg[0] == '-' && (valued.count(arg) != 0 || flags.count(arg) != 0);
        if (onlyPositionals || (!declaredShort && (arg.size() < 3 || arg.rfind("--", 0) != 0))) {
            positionals_.push_back(arg);
            continue;
        }
        if (arg == "--") {
            onlyPositionals = true;
            continue;
        }
        const auto equals = arg.find('=');
        const std::string name = arg.substr(0, equals);
        if (valued.count(name) != 0) {
            if (equals != std::string::npos)
                values_[name] = arg.substr(equals + 1);
            else if (i + 1 < args.size())
                values_[name] = args[++i];
            else
                throw UsageError(name + " needs a value");
        } else if (flags.count(name) != 0 && equals == std::string::npos) {
            flags_.insert(name);
        } else {
            throw UsageError("unknown option " + name);
        }
    }
}

bool Args::has(const std::string& option) const {
    return flags_.count(option) != 0 || values_.count(option) != 0;
}

std::optional<std::string> Args::value(const std::string& option) const {
    const auto it = values_.find(option);
    if (it == values_.end())
        return std::nullopt;
    return it->second;
}

std::string Args::value(const std::string& option, const std::string& fallback) const {
    return value(option).value_or(fallback);
}

double Args::number(const std::string& option, double fallback) const {
    const auto text = value(option);
    if (!text)
        return fallback;
    char* end = nullptr;
    const double parsed = std::strtod(text->c_str(), &end);
    if (text->empty() || end != text->c_str() + text->size())
        throw UsageError(option + " expects a number, got '" + *text + "'");
    return parsed;
}

long long Args::integer(const std::string& option, long long fallback) const {
    const auto text = value(option);
    if (!text)
        return fallback;
    long long parsed = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (ec != std::errc() || end != text->data() + text->size())
        throw UsageError(option + " expects an integer, got '" + *text + "'");
    return parsed;
}

void Args::expectPositionals(std::size_t min, std::size_t max, const std::string& what) const {
    if (positionals_.size() < min || positionals_.size() > max)
        throw UsageError("expects " + what);
}

} // namespace prescreen::cli
