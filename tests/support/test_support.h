#pragma once
// Helpers shared by the test executables.

#include <filesystem>
#include <string>

namespace prescreen::test {

/// Exit status that CTest reports as "skipped" (SKIP_RETURN_CODE).
inline constexpr int kSkipExitCode = 77;

/// The folder of third-party test files, ../shared/data beside the repository.
std::filesystem::path sharedDataRoot();

/// `relative` inside the shared data folder; if it is absent, says so on stdout and ends the
/// test process with kSkipExitCode, so CTest reports the test as skipped, not passed.
std::filesystem::path requireSharedData(const std::string& relative);

/// The process's peak resident set size so far, in bytes (Linux: VmHWM); -1 if unknown.
long long peakResidentBytes();

/// A fresh, empty folder under the system temp dir, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

} // namespace prescreen::test
