// prescreen-hq: the headquarters sync server.
#include <prescreen/imaging/dictionary.h>
#include <prescreen/version.h>

#include <cstdio>
#include <string_view>

namespace {

constexpr const char* kUsage = R"(Usage: prescreen-hq [--help] [--version]

Headquarters server of Prescreen: receives the workstations' decisions, annotations and audit
events, and distributes cases, manifests, scans, rules and the officer directory.

This build has no server yet: the sync protocol arrives with the HQ sync issue.
)";

} // namespace

int main(int argc, char** argv) {
    prescreen::imaging::initialise();
    const std::string_view first = argc > 1 ? argv[1] : "";
    if (first == "--help" || first == "-h") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (first == "--version") {
        std::printf("prescreen-hq %s\n", prescreen::kVersion);
        return 0;
    }
    std::fputs(kUsage, stderr);
    std::fputs("\nprescreen-hq: nothing to run in this build\n", stderr);
    return 2;
}
