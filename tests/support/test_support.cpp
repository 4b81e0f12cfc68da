#include "test_support.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>

namespace prescreen::test {

std::filesystem::path sharedDataRoot() {
    return PRESCREEN_SHARED_DATA;
}

std::filesystem::path requireSharedData(const std::string& relative) {
    const auto path = sharedDataRoot() / relative;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        std::printf("SKIPPED: test data %s is absent (expected ../shared/data beside the "
                    "repository; see ../shared/data/README.md)\n",
                    path.string().c_str());
        std::fflush(stdout);
        std::_Exit(kSkipExitCode);
    }
    return path;
}

TempDir::TempDir() {
    std::random_device random;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("prescreen-test-" + std::to_string(random()));
        std::error_code ec;
        if (std::filesystem::create_directory(candidate, ec)) {
            path_ = std::move(candidate);
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder in " + base.string());
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

long long peakResidentBytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stoll(line.substr(6)) * 1024;
    }
    return -1;
}

} // namespace prescreen::test
