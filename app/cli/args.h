#pragma once
// Command-line arguments of one command of prescreen-cli or prescreen-hq: positionals and
// --options, parsed against the options the command declares, so a typo is a usage error rather
// than silently ignored. The one parser of both mains (the GUI uses QCommandLineParser).

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace prescreen::cli {

/// A usage error: the message goes to stderr with the command's synopsis; exit status 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    /// `args` excludes the command name. `valued` options take a value ("--mode grey" or
    /// "--mode=grey"); `flags` take none. Throws UsageError on unknown options or missing values.
    Args(const std::vector<std::string>& args, const std::set<std::string>& valued,
         const std::set<std::string>& flags);

    const std::vector<std::string>& positionals() const { return positionals_; }
    bool has(const std::string& option) const;
    std::optional<std::string> value(const std::string& option) const;
    std::string value(const std::string& option, const std::string& fallback) const;
    /// The option's value as a number; UsageError naming the option if it is not one.
    double number(const std::string& option, double fallback) const;
    long long integer(const std::string& option, long long fallback) const;

    /// UsageError unless there are between min and max positionals.
    void expectPositionals(std::size_t min, std::size_t max, const std::string& what) const;

private:
    std::vector<std::string> positionals_;
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
};

} // namespace prescreen::cli
