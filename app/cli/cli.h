#pragma once
// prescreen-cli's commands, callable in-process (tests) as well as from main().

#include <iosfwd>
#include <string>
#include <vector>

namespace prescreen::cli {

/// Runs one command line (without the program name). Returns the exit status:
/// 0 success, 1 the command failed (message on err), 2 usage error.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace prescreen::cli
