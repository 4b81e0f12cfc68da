#include "process.h"

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace prescreen::test {

ProcessResult runShell(const std::string& commandLine) {
    ProcessResult result;
    const std::string full = "{ " + commandLine + " ; } 2>&1";
    std::FILE* pipe = ::popen(full.c_str(), "r");
    if (pipe == nullptr)
        return result;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    if (status != -1 && WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    return result;
}

std::string shellQuote(const std::string& argument) {
    std::string quoted = "'";
    for (const char c : argument) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    return quoted + "'";
}

} // namespace prescreen::test
