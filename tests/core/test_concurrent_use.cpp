// The GUI, its background sync and prescreen-cli on one workstation database at the same time,
// as separate processes (concurrent_user): no write may fail with "database is locked", and the
// audit chain they append to together must hold every event once, in one unbroken chain.
#include <prescreen/core/audit.h>
#include <prescreen/core/store.h>

#include <catch2/catch.hpp>

#include <map>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <test_support.h>
#include <vector>

extern char** environ;

using namespace prescreen::core;

namespace {

pid_t spawnUser(const std::string& role, const std::string& db, int rounds) {
    const std::string count = std::to_string(rounds);
    std::vector<std::string> args = {CONCURRENT_USER, role, db, count};
    std::vector<char*> pointers;
    for (auto& arg : args)
        pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(::posix_spawn(&pid, CONCURRENT_USER, nullptr, nullptr, pointers.data(), environ) == 0);
    return pid;
}

int exitStatus(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

TEST_CASE("GUI, sync and CLI processes write one database side by side without a lock error",
          "[store][concurrency]") {
    prescreen::test::TempDir dir;
    const auto db = (dir / "prescreen.sqlite3").string();
    { Store store(db); } // created and migrated, then closed: every user below opens it anew
    struct Run {
        std::string role;
        int rounds;
        pid_t pid;
    };
    std::vector<Run> runs;
    for (const auto& [role, rounds] : std::vector<std::pair<std::string, int>>{
             {"gui", 150}, {"sync", 100}, {"cli", 60}, {"cli", 60}, {"cli", 60}})
        runs.push_back({role, rounds, spawnUser(role, db, rounds)});
    std::map<std::string, int> expected;
    for (const auto& run : runs) {
        INFO(run.role);
        CHECK(exitStatus(run.pid) == 0); // the child lists any failed round on stderr
        expected[run.role] += run.rounds;
    }

    Store store(db);
    AuditLog log(store.connection(), systemClock());
    const auto report = log.verify();
    CHECK(report.ok());
    std::map<std::string, int> counted;
    for (std::int64_t after = 0;;) {
        const auto events = log.events(after, 1000);
        if (events.empty())
            break;
        for (const auto& event : events)
            ++counted[event.action];
        after = events.back().seq;
    }
    CHECK(counted == expected);
    CHECK(report.eventsChecked == 150 + 100 + 180);
}
