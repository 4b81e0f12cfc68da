#pragma once
// Runs a command line through /bin/sh for end-to-end tests and collects what it printed.

#include <string>

namespace prescreen::test {

struct ProcessResult {
    int exitCode = -1;  ///< the process's exit status; -1 if it did not exit normally
    std::string output; ///< stdout and stderr together
};

ProcessResult runShell(const std::string& commandLine);

/// Quotes one argument for /bin/sh.
std::string shellQuote(const std::string& argument);

} // namespace prescreen::test
