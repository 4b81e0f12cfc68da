// The crash test: a child process syncing a workstation is killed with SIGKILL at random moments,
// mid-push and mid-download, and started again; the workstation and HQ converge: every decision
// once at HQ, the scan complete and verified, the case in the queue.
#include "site_fixture.h"
#include "sync_fixture.h"

#include <prescreen/sync/client.h>
#include <prescreen/sync/download.h>
#include <prescreen/sync/state.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <functional>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace prescreen;
using namespace prescreen::sync;

namespace {

pid_t startChild(const std::filesystem::path& database) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execl(SYNC_CHILD, SYNC_CHILD, database.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return pid;
}

// Waits for the child; its exit status, or -signal.
int reap(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// Polls every 2 ms, at most `polls` times, until `reached()` or the child exits by itself; true
// when it exited (nothing left to kill).
bool exitedBefore(pid_t child, int polls, const std::function<bool()>& reached) {
    for (int poll = 0; poll < polls && !reached(); ++poll) {
        int status = 0;
        if (::waitpid(child, &status, WNOHANG) == child)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
}

} // namespace

TEST_CASE("a sync killed mid-push and mid-download converges when restarted", "[sync][hq][crash]") {
    test::sync::Hq hq;
    test::sync::Workstation ws("ws-a", hq.port());
    {
        RoundReport report;
        SyncClient direct(ws.service, ws.config);
        direct.pullAll(report); // the officer directory
    }
    // Many small pushes, so a kill lands inside one.
    ws.config.batchItems = 50;
    saveSyncConfig(syncConfigPath(ws.store.file()), ws.config);
    const auto session = ws.service.login("OFFA", test::sync::kHqPassword);
    core::RiskAssessment risk;
    risk.score = 5;
    risk.level = core::RiskLevel::Low;
    risk.rulesVersion = "test";
    const auto own = ws.service.ingestCase(test::Site::manifest("LOCAL0001"), {}, risk);
    ws.service.openCase(session, own.id);
    const int decisions = 1500;
    for (int i = 0; i < decisions; ++i)
        ws.service.decide(session, {own.id, core::Outcome::Release, {"low_risk"}, "", i});
    const auto toPush = readSyncStatus(ws.store.connection()).pendingPush;

    std::mt19937_64 random(42);
    int killed = 0;
    // Phase 1: killed while pushing.
    for (int attempt = 0; attempt < 8; ++attempt) {
        const pid_t child = startChild(ws.store.file());
        REQUIRE(child > 0);
        // Wait until HQ has taken something from this child, then kill it a moment later.
        const auto before = hq.count("SELECT count(*) FROM hq_items");
        if (exitedBefore(child, 5000,
                         [&] { return hq.count("SELECT count(*) FROM hq_items") != before; }))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 30));
        ::kill(child, SIGKILL);
        killed += reap(child) == -SIGKILL ? 1 : 0;
    }
    const auto afterKills = readSyncStatus(ws.store.connection()).pendingPush;
    INFO("push: " << toPush << " rows, " << afterKills << " left after " << killed << " kills");
    CHECK(afterKills < toPush); // the children got somewhere before dying
    REQUIRE(reap(startChild(ws.store.file())) == 0);
    CHECK(readSyncStatus(ws.store.connection()).pendingPush == 0);
    CHECK(hq.count("SELECT count(*) FROM hq_items WHERE entity = 'decision'") == decisions);
    CHECK(hq.count("SELECT count(DISTINCT id) FROM hq_items WHERE entity = 'decision'") ==
          decisions);

    // Phase 2: killed while a 48 MiB scan is being written to its part file.
    std::vector<std::string> shas;
    hq.addCase("ws-a", "CRASHSCAN", {48u << 20}, &shas);
    const auto part = partPathFor(ws.cache, shas.front());
    int midDownload = 0;
    std::int64_t lastPart = 0;
    for (int attempt = 0; attempt < 6 && !ws.cache.contains(shas.front()); ++attempt) {
        const pid_t child = startChild(ws.store.file());
        REQUIRE(child > 0);
        // Wait until the download is under way (a part beyond what was there), then kill.
        if (exitedBefore(child, 2000, [&] { return partSize(part) > lastPart; }))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 40));
        ::kill(child, SIGKILL);
        if (reap(child) == -SIGKILL && partSize(part) > 0) {
            ++midDownload;
            CHECK(partSize(part) >= lastPart); // resumed, never restarted
            lastPart = partSize(part);
        }
    }
    REQUIRE(reap(startChild(ws.store.file())) == 0);
    CHECK(midDownload > 0);
    const auto status = readSyncStatus(ws.store.connection());
    CHECK(status.pendingScans == 0);
    CHECK(status.pendingCases == 0);
    CHECK_NOTHROW(ws.cache.verifiedPath(shas.front()));
    CHECK_FALSE(std::filesystem::exists(part));
    bool queued = false;
    for (const auto& item : ws.service.siteQueue())
        queued = queued || item.cargoControlNumber == "CRASHSCAN";
    CHECK(queued);
    WARN("kills mid-push: " << killed << ", mid-download: " << midDownload);
}
