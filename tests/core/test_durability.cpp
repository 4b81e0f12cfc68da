// The store's promise that a decision reported as saved is never lost (DESIGN.md invariant 1):
// a writer process (durability_writer.cpp) decides 1,000 cases through core::Service::decide and
// prints an ACK line only after each decide() returned; this test SIGKILLs it at random points,
// many times over, and after every kill checks that every acknowledged decision is in the
// database with its case, that the database and the audit chain are intact, and that no
// transaction was half-applied. Each round continues on the same database, so the writer also
// recovers from the WAL a killed predecessor left behind.
//
// The seed is printed; PRESCREEN_DURABILITY_SEED=N repeats the same kill plan (the timing of the
// processes still varies). PRESCREEN_DURABILITY_ROUNDS=N runs a longer soak.
#include "test_support.h"

#include <prescreen/core/audit.h>
#include <prescreen/core/store.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <poll.h>
#include <random>
#include <set>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

using namespace prescreen;
using namespace prescreen::core;
using SteadyClock = std::chrono::steady_clock;

constexpr int kCases = 1000;
constexpr int kDefaultRounds = 30;
constexpr auto kRoundTimeout = std::chrono::seconds(60);

/// When to kill the writer: `afterAcks` ACK lines read (0: ignore), or `afterUs` microseconds
/// after it was started (0: ignore); then `extraUs` more. Neither: let it finish.
struct KillPlan {
    int afterAcks = 0;
    long afterUs = 0;
    long extraUs = 0;
    std::string describe() const {
        std::ostringstream text;
        if (afterAcks > 0)
            text << "after " << afterAcks << " ACKs + " << extraUs << " us";
        if (afterUs > 0)
            text << (afterAcks > 0 ? " or " : "") << afterUs << " us after start";
        if (afterAcks == 0 && afterUs == 0)
            text << "never";
        return text.str();
    }
};

struct WriterRun {
    std::vector<std::pair<std::string, std::string>> acks; ///< decision id, case id
    std::vector<std::string> otherLines;
    bool killed = false; ///< ended by our SIGKILL
    int exitStatus = -1; ///< when it exited by itself
    bool partialLine = false;
};

/// The writer process and our end of its stdout; on an early exit (a failed REQUIRE) the process
/// is killed and reaped, so no test leaves a writer running.
struct Child {
    pid_t pid = 0;
    int stdoutFd = -1;
    bool reaped = false;
    Child() = default;
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child() {
        if (stdoutFd >= 0)
            ::close(stdoutFd);
        if (pid > 0 && !reaped) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
};

long envNumber(const char* name, long fallback) {
    const char* text = std::getenv(name);
    return text != nullptr && *text != '\0' ? std::strtol(text, nullptr, 10) : fallback;
}

/// Runs durability_writer with `args`, its stdout on a pipe, and kills it as `plan` says.
/// Every line it wrote before dying is read: those are the acknowledgements it gave.
WriterRun runWriter(const std::vector<std::string>& args, const KillPlan& plan) {
    int fds[2];
    REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    std::vector<std::string> argv = {DURABILITY_WRITER};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (auto& arg : argv)
        pointers.push_back(arg.data());
    pointers.push_back(nullptr);
    Child child;
    child.stdoutFd = fds[0];
    const auto started = SteadyClock::now();
    const int spawned =
        ::posix_spawn(&child.pid, DURABILITY_WRITER, &actions, nullptr, pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    REQUIRE(spawned == 0);

    WriterRun result;
    std::string pending;
    bool killSent = false;
    auto sendKill = [&](long extraUs) {
        if (extraUs > 0)
            std::this_thread::sleep_for(std::chrono::microseconds(extraUs));
        ::kill(child.pid, SIGKILL);
        killSent = true;
    };
    auto takeLines = [&] {
        std::size_t start = 0;
        for (auto end = pending.find('\n'); end != std::string::npos;
             end = pending.find('\n', start)) {
            const std::string line = pending.substr(start, end - start);
            start = end + 1;
            std::istringstream fields(line);
            std::string tag, decisionId, caseId, rest;
            fields >> tag >> decisionId >> caseId;
            if (tag == "ACK" && decisionId.size() == 36 && caseId.size() == 36 && !(fields >> rest))
                result.acks.emplace_back(decisionId, caseId);
            else
                result.otherLines.push_back(line);
        }
        pending.erase(0, start);
    };
    const long long limitUs =
        std::chrono::duration_cast<std::chrono::microseconds>(kRoundTimeout).count();
    for (;;) {
        const long long elapsedUs =
            std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started)
                .count();
        if (!killSent && plan.afterUs > 0 && elapsedUs >= plan.afterUs)
            sendKill(plan.extraUs);
        if (!killSent && elapsedUs >= limitUs) {
            sendKill(0);
            FAIL("durability_writer ran longer than " << kRoundTimeout.count() << " s");
        }
        int timeoutMs = 1000;
        if (!killSent && plan.afterUs > 0)
            timeoutMs = static_cast<int>(std::max<long long>(0, (plan.afterUs - elapsedUs) / 1000));
        pollfd poller{fds[0], POLLIN, 0};
        const int ready = ::poll(&poller, 1, timeoutMs);
        if (ready < 0 && errno == EINTR)
            continue;
        REQUIRE(ready >= 0);
        if (ready == 0)
            continue;
        char buffer[4096];
        const auto got = ::read(fds[0], buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        REQUIRE(got >= 0);
        if (got == 0)
            break; // the writer exited or died: every line it wrote has been read
        pending.append(buffer, static_cast<std::size_t>(got));
        takeLines();
        if (!killSent && plan.afterAcks > 0 &&
            static_cast<int>(result.acks.size()) >= plan.afterAcks)
            sendKill(plan.extraUs);
    }
    int status = 0;
    while (::waitpid(child.pid, &status, 0) < 0)
        REQUIRE(errno == EINTR);
    child.reaped = true;
    result.partialLine = !pending.empty();
    result.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (WIFEXITED(status))
        result.exitStatus = WEXITSTATUS(status);
    return result;
}

std::int64_t countOf(Store& store, const std::string& sql) {
    auto query = store.connection().prepare(sql);
    REQUIRE(query.step());
    return query.columnInt64(0);
}

/// Everything that must hold after a kill, checked on the database at `file`. `acks` are every
/// decision acknowledged so far, `seen` every decision found committed by earlier checks.
/// Returns the ids of the decisions now committed.
std::set<std::string> verify(const std::filesystem::path& file,
                             const std::map<std::string, std::string>& acks,
                             const std::set<std::string>& seen) {
    Store store(file);
    {
        std::vector<std::string> problems;
        auto check = store.connection().prepare("PRAGMA integrity_check");
        while (check.step())
            problems.push_back(check.columnText(0));
        INFO("integrity_check: " << (problems.empty() ? std::string("no answer") : problems[0]));
        REQUIRE(problems == std::vector<std::string>{"ok"});
    }
    CHECK(countOf(store, "SELECT count(*) FROM pragma_foreign_key_check") == 0);

    std::set<std::string> committed;
    {
        auto rows = store.connection().prepare("SELECT id FROM decisions");
        while (rows.step())
            committed.insert(rows.columnText(0));
    }
    REQUIRE(committed.size() >= acks.size());
    auto lookup = store.connection().prepare(
        "SELECT d.case_id, c.status FROM decisions d JOIN cases c ON c.id = d.case_id "
        "WHERE d.id = ?1");
    for (const auto& [decisionId, caseId] : acks) {
        lookup.reset();
        lookup.bind(1, decisionId);
        INFO("acknowledged decision " << decisionId << " on case " << caseId);
        REQUIRE(lookup.step());
        REQUIRE(lookup.columnText(0) == caseId);
        REQUIRE(lookup.columnText(1) == "decided");
    }
    for (const auto& id : seen) {
        INFO("decision " << id << " was committed at an earlier check");
        REQUIRE(committed.count(id) == 1);
    }

    // Each decide() transaction is all or nothing: the decision, the case's status, the outbox
    // entry and the audit event exist together or not at all.
    // (NOT IN over a subquery: SQLite builds its set once, so these stay linear.)
    CHECK(countOf(store, "SELECT count(*) FROM decisions WHERE id NOT IN (SELECT entity_id FROM "
                         "outbox WHERE entity = 'decision' AND "
                         "json_extract(payload, '$.id') = entity_id)") == 0);
    CHECK(countOf(store, "SELECT count(*) FROM decisions WHERE (case_id, id) NOT IN (SELECT "
                         "subject, json_extract(details, '$.decisionId') FROM audit_events "
                         "WHERE action = 'decide')") == 0);
    CHECK(countOf(store, "SELECT count(*) FROM outbox WHERE entity = 'decision' AND entity_id "
                         "NOT IN (SELECT id FROM decisions)") == 0);
    CHECK(countOf(store, "SELECT count(*) FROM cases WHERE status = 'decided' AND id NOT IN "
                         "(SELECT case_id FROM decisions)") == 0);
    CHECK(countOf(store, "SELECT count(*) FROM cases WHERE status <> 'decided' AND id IN "
                         "(SELECT case_id FROM decisions)") == 0);
    // The writer never corrects: a case decided twice would mean a commit it did not see.
    CHECK(countOf(store, "SELECT count(*) FROM decisions WHERE kind <> 'initial'") == 0);

    const auto report = AuditLog(store.connection(), systemClock()).verify();
    INFO("audit: " << (report.ok() ? std::string("ok") : report.problems.front().message));
    REQUIRE(report.ok());
    return committed;
}

/// A crash snapshot of the database: the main file and its WAL as the dead writer left them.
/// Checking the copy leaves the WAL in place, so the next writer has to recover it itself.
std::filesystem::path snapshot(const std::filesystem::path& database,
                               const std::filesystem::path& folder) {
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const auto copy = folder / database.filename();
    std::filesystem::copy_file(database, copy);
    const auto wal = std::filesystem::path(database.string() + "-wal");
    if (std::filesystem::exists(wal))
        std::filesystem::copy_file(wal, std::filesystem::path(copy.string() + "-wal"));
    return copy;
}

} // namespace

TEST_CASE("acknowledged decisions survive SIGKILL of the writer at random points", "[durability]") {
    const auto seed = static_cast<std::uint64_t>(
        envNumber("PRESCREEN_DURABILITY_SEED", static_cast<long>(std::random_device{}() >> 1)));
    const int rounds = static_cast<int>(
        std::clamp(envNumber("PRESCREEN_DURABILITY_ROUNDS", kDefaultRounds), 1L, 100000L));
    std::cout << "durability: seed " << seed << " (PRESCREEN_DURABILITY_SEED=" << seed
              << " repeats the kill plan), " << rounds << " kill rounds over " << kCases
              << " decisions" << std::endl;
    INFO("seed " << seed);
    std::mt19937_64 random(seed);
    auto uniform = [&](long low, long high) {
        return std::uniform_int_distribution<long>(low, high)(random);
    };

    test::TempDir dir;
    const auto database = dir / "prescreen.sqlite3";
    {
        const auto prepared = runWriter({"prepare", database.string(), std::to_string(kCases)}, {});
        REQUIRE(prepared.exitStatus == 0);
        REQUIRE(prepared.otherLines == std::vector<std::string>{"PREPARED 1000"});
    }

    std::map<std::string, std::string> acks; // decision id -> case id, over every round
    std::set<std::string> committed;
    int killedRounds = 0;
    for (int round = 1; round <= rounds + 1; ++round) {
        const bool last = round > rounds; // the last run is not killed and finishes the cases
        const int remaining = kCases - static_cast<int>(committed.size());
        KillPlan plan;
        if (!last) {
            // At most twice this round's share of the remaining cases, so that on a fast disk
            // no round decides everything and leaves the later rounds nothing to interrupt.
            const int roundsLeft = rounds - round + 1;
            plan.afterAcks = static_cast<int>(uniform(1, std::max(1, 2 * remaining / roundsLeft)));
            if (uniform(0, 3) == 0) {
                // Start-up: opening (recovering) the store, signing in, the queue, first commits
                // (or the ACK limit, whichever comes first).
                plan.afterUs = uniform(1, 300000);
            } else {
                plan.extraUs = uniform(0, 4000);
            }
        }
        const long burst = uniform(1, 40);
        const long pauseUs = uniform(0, 1) == 0 ? 0 : uniform(1, 3000);
        INFO("round " << round << ": kill " << plan.describe() << ", bursts of " << burst
                      << " with " << pauseUs << " us pauses");
        const auto run = runWriter(
            {"decide", database.string(), std::to_string(burst), std::to_string(pauseUs)}, plan);
        REQUIRE_FALSE(run.partialLine); // an ACK is one atomic write(2)
        for (const auto& line : run.otherLines) {
            INFO("writer said: " << line);
            const bool known = line == "MODE wal 2" || line.rfind("DONE ", 0) == 0;
            REQUIRE(known); // WAL with synchronous=FULL (2), or the end
        }
        if (last) {
            REQUIRE(run.exitStatus == 0);
        } else {
            REQUIRE((run.killed || run.exitStatus == 0));
            killedRounds += run.killed ? 1 : 0;
        }
        for (const auto& [decisionId, caseId] : run.acks)
            REQUIRE(acks.emplace(decisionId, caseId).second);

        // Every third round checks the database in place (recovery and checkpoint by a new
        // connection); the others check a crash snapshot, leaving the WAL to the next writer.
        const auto checked =
            round % 3 == 0 || last ? database : snapshot(database, dir / "snapshot");
        committed = verify(checked, acks, committed);
    }
    CHECK(killedRounds >= rounds / 2);
    REQUIRE(static_cast<int>(committed.size()) == kCases);

    Store store(database);
    CHECK(countOf(store, "SELECT count(*) FROM cases WHERE status = 'decided'") == kCases);
    CHECK(countOf(store, "SELECT count(DISTINCT case_id) FROM decisions") == kCases);
    std::cout << "durability: " << killedRounds << " of " << rounds << " rounds killed, "
              << acks.size() << " decisions acknowledged, " << committed.size() - acks.size()
              << " committed but not yet acknowledged when killed; all " << committed.size()
              << " present" << std::endl;
}
