#include <prescreen/core/demo_site.h>
#include <prescreen/core/model.h>
#include <prescreen/error.h>
#include <prescreen/hq/admin.h>
#include <prescreen/hq/demo.h>
#include <prescreen/hq/sqlite_store.h>

#include <sys/wait.h>
#include <unistd.h>

namespace prescreen::core::hq {

void runMakePki(const std::filesystem::path& script, const std::filesystem::path& outDir,
                const std::vector<std::string>& workstations) {
    if (!std::filesystem::is_regular_file(script))
        throw Error(ErrorCode::NotFound, "PKI script " + script.string() + " not found");
    std::vector<std::string> args = {"bash", script.string(), outDir.string()};
    for (const auto& name : workstations) {
        args.emplace_back("--workstation");
        args.push_back(name);
    }
    std::vector<char*> argv;
    for (auto& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    const pid_t child = fork();
    if (child < 0)
        throw Error(ErrorCode::Io, "cannot start " + script.string());
    if (child == 0) {
        execvp("bash", argv.data());
        _exit(127);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR)
            throw Error(ErrorCode::Io, "lost track of " + script.string());
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(ErrorCode::Io,
                    script.string() + " " + outDir.string() + " failed (status " +
                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

HqDemoReport buildHqDemo(const std::filesystem::path& folder,
                         const std::filesystem::path& makePkiScript) {
    HqDemoReport report;
    report.database = folder / "hq.db";
    report.pki = folder / "pki";
    report.scans = folder / "hq-scans";
    if (std::filesystem::exists(report.database) || std::filesystem::exists(report.pki))
        throw Error(ErrorCode::Conflict,
                    folder.string() + " already holds an HQ demo; give a new folder");
    std::filesystem::create_directories(folder);
    runMakePki(makePkiScript, report.pki, {"ws-demo-01", "ws-demo-02"});

    DemoSiteOptions options;
    options.fastPasswords = true; // the workstation copy is discarded: HQ hashes its own
    const auto site = buildDemoSite(folder / "site", options);
    report.problems = site.problems;

    SqliteHqStore store(report.database);
    for (const auto& credential : site.credentials) {
        putOfficer(store, credential.badge, "Demo " + credential.roles + " " + credential.badge,
                   parseRoles(credential.roles), true, credential.password);
        report.officers.push_back({credential.badge, credential.roles, credential.password});
    }
    const auto imported = importCases(store, "*", folder / "site" / "manifests.json",
                                      {folder / "site" / "scans"}, report.scans);
    report.cases = imported.casesAdded;
    report.scanFiles = imported.scanFiles;
    for (const auto& problem : imported.problems)
        report.problems.push_back(problem);
    return report;
}

} // namespace prescreen::core::hq
