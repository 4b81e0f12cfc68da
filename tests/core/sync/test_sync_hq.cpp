// The sync client against a real HQ server (in-process, mutual TLS on loopback): the round trip,
// a push replayed after its answer was lost, a scan download cut and resumed, a corrupted scan,
// and HQ certificates the workstation must refuse.
#include "fault_proxy.h"
#include "site_fixture.h"
#include "sync_fixture.h"

#include <prescreen/core/manifest.h>
#include <prescreen/error.h>
#include <prescreen/sync/client.h>
#include <prescreen/sync/download.h>
#include <prescreen/sync/https_client.h>
#include <prescreen/sync/state.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace prescreen;
using namespace prescreen::sync;
using test::sync::Hq;
using test::sync::Workstation;

namespace {

nlohmann::json builtinRulesJson() {
    std::ifstream in(PRESCREEN_SOURCE_DIR "/resources/rules/risk-rules.json");
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

// A workstation with cases of its own, decided by an officer it pulled from HQ.
void decideLocally(Workstation& ws, const std::string& badge, int cases) {
    const auto session = ws.service.login(badge, test::sync::kHqPassword);
    for (int i = 0; i < cases; ++i) {
        core::RiskAssessment risk;
        risk.score = 10;
        risk.level = core::RiskLevel::Low;
        risk.rulesVersion = "test";
        const auto item =
            ws.service.ingestCase(test::Site::manifest(badge + std::to_string(1000 + i)), {}, risk);
        ws.service.openCase(session, item.id);
        ws.service.decide(session, {item.id, core::Outcome::Release, {"low_risk"}, "", 500});
    }
}

} // namespace

TEST_CASE("round trip: officers, rules and a case come down, decisions go up once", "[sync][hq]") {
    Hq hq;
    std::vector<std::string> shas;
    const auto hqCaseId = hq.addCase("ws-a", "HQCASE1", {300000, 5000}, &shas);
    hq.addCase("ws-b", "FORANOTHERSITE", {100});
    hq.store->appendFeed("*", "rules", "2026.9", builtinRulesJson());
    Workstation ws("ws-a", hq.port());
    SyncClient client(ws.service, ws.config);

    auto first = client.runRound();
    INFO(first.error);
    REQUIRE(first.ok);
    CHECK(first.officers == 4);
    CHECK(first.rules == 1);
    CHECK(first.cases == 1);
    CHECK(first.scansDownloaded == 2);
    CHECK(first.casesIngested == 1);
    for (const auto& sha : shas)
        CHECK_NOTHROW(ws.cache.verifiedPath(sha));
    const auto queue = ws.service.siteQueue();
    REQUIRE(queue.size() == 1);
    CHECK(queue.front().cargoControlNumber == "HQCASE1");
    // HQ's case id is kept: what is decided here names the case HQ knows.
    CHECK(queue.front().id == hqCaseId);
    CHECK(ws.service.siteCaseDetail(queue.front().id).scans.size() == 2);
    auto status = readSyncStatus(ws.store.connection());
    CHECK(status.cursor == hq.store->feedHead());
    CHECK_FALSE(status.rulesVersion.empty());
    CHECK(status.pendingCases == 0);
    CHECK(status.pendingScans == 0);
    CHECK(status.lastError.empty());
    CHECK_FALSE(status.lastSuccess.empty());

    // The officer signs in here with the password HQ holds, and decides.
    const auto session = ws.service.login("OFFA", test::sync::kHqPassword);
    ws.service.openCase(session, queue.front().id);
    const auto decision =
        ws.service.decide(session, {queue.front().id, core::Outcome::Release, {"low_risk"}, "", 9});
    const auto second = client.runRound();
    INFO(second.error);
    REQUIRE(second.ok);
    CHECK(second.stored > 0);
    CHECK(hq.count("SELECT count(*) FROM hq_items WHERE entity = 'decision' AND id = '" +
                   decision.id +
                   "' AND actor = 'OFFA' AND site = 'ws-a' AND "
                   "json_extract(payload, '$.caseId') = '" +
                   hqCaseId + "'") == 1);
    status = readSyncStatus(ws.store.connection());
    CHECK(status.pendingPush == 0);
    // The officer's claim of the case (a case_assignment row) is accepted like the decision.
    CHECK(second.rejected == 0);
    CHECK(status.rejected == 0);

    const auto third = client.runRound();
    REQUIRE(third.ok);
    CHECK(third.pushBatches == 0);
    CHECK(third.pulledItems == 0);

    // Rules HQ sends that do not parse are kept out; the ones in use stay.
    hq.store->appendFeed("*", "rules", "broken", {{"version", "broken"}, {"rules", 3}});
    const auto fourth = client.runRound();
    REQUIRE(fourth.ok);
    CHECK(fourth.rules == 0);
    REQUIRE(fourth.warnings.size() == 1);
    status = readSyncStatus(ws.store.connection());
    CHECK_FALSE(status.rulesError.empty());
    CHECK(status.rulesVersion != "broken");
}

TEST_CASE("a push whose answer is lost is sent again and HQ keeps each item once", "[sync][hq]") {
    Hq hq;
    Workstation ws("ws-a", hq.port());
    {
        SyncClient direct(ws.service, ws.config);
        REQUIRE(direct.runRound().ok); // the officer directory
    }
    decideLocally(ws, "OFFB", 5);
    const auto pending = readSyncStatus(ws.store.connection()).pendingPush;
    REQUIRE(pending > 10);

    test::FaultProxy proxy("127.0.0.1", hq.port(), {}, 1);
    test::Faults faults;
    faults.cutAnswers = 1;
    proxy.setFaults(faults);
    ws.config.port = proxy.port();
    SyncClient client(ws.service, ws.config);
    const auto cut = client.runRound();
    REQUIRE_FALSE(cut.ok);
    CHECK(proxy.stats().cutAnswers == 1);
    CHECK(readSyncStatus(ws.store.connection()).pendingPush == pending); // nothing deleted
    CHECK_FALSE(readSyncStatus(ws.store.connection()).lastError.empty());
    const auto atHq = hq.count("SELECT count(*) FROM hq_items");
    CHECK(atHq > 0); // HQ committed the batch; only its answer was lost

    const auto again = client.runRound();
    INFO(again.error);
    REQUIRE(again.ok);
    CHECK(again.duplicate == atHq);
    CHECK(again.stored + again.duplicate + again.rejected == pending);
    CHECK(hq.count("SELECT count(*) FROM hq_items") == again.stored + atHq);
    CHECK(hq.count("SELECT count(*) FROM hq_items WHERE entity = 'decision'") == 5);
    CHECK(readSyncStatus(ws.store.connection()).pendingPush == 0);
}

TEST_CASE("a scan download cut mid-file resumes from the part; a corrupt one is refused",
          "[sync][hq][download]") {
    Hq hq;
    std::vector<std::string> shas;
    hq.addCase("ws-a", "BIGSCAN", {1'500'000}, &shas);
    Workstation ws("ws-a", hq.port());
    SyncClient client(ws.service, ws.config);
    RoundReport report;
    client.pullAll(report);
    REQUIRE(readSyncStatus(ws.store.connection()).pendingScans == 1);
    const auto& sha = shas.front();

    int chunks = 0;
    CHECK_THROWS_WITH(downloadScan(client.http(), ws.cache, sha, 1'500'000, 256 * 1024,
                                   [&](std::int64_t) {
                                       if (++chunks == 3)
                                           throw Error(ErrorCode::Network, "cut by the test");
                                   }),
                      Catch::Contains("cut by the test"));
    CHECK(partSize(partPathFor(ws.cache, sha)) == 3 * 256 * 1024);
    CHECK_FALSE(ws.cache.contains(sha));

    std::vector<std::int64_t> seen;
    downloadScan(client.http(), ws.cache, sha, 1'500'000, 256 * 1024,
                 [&](std::int64_t have) { seen.push_back(have); });
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.front() == 4 * 256 * 1024); // resumed after the three chunks on disk
    CHECK_NOTHROW(ws.cache.verifiedPath(sha));
    client.downloadPending(report);
    CHECK(report.casesIngested == 1);

    // HQ's copy of another scan is damaged: the download is refused and said so.
    std::vector<std::string> bad;
    hq.addCase("ws-a", "DAMAGED", {40000}, &bad);
    {
        std::fstream file(hq.dir / "scans" / bad.front(),
                          std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(1000);
        file.put('\x55');
        file.seekp(1001);
        file.put('\x2a');
    }
    const auto round = client.runRound();
    CHECK_FALSE(round.ok);
    CHECK_THAT(round.error, Catch::Contains("corrupt"));
    CHECK_FALSE(ws.cache.contains(bad.front()));
    CHECK_FALSE(std::filesystem::exists(partPathFor(ws.cache, bad.front())));
    const auto status = readSyncStatus(ws.store.connection());
    CHECK_THAT(status.lastError, Catch::Contains("corrupt"));
    CHECK(status.pendingScans == 1);
    CHECK(status.pendingCases == 1);
}

TEST_CASE("the workstation refuses an HQ whose certificate another CA signed", "[sync][hq][tls]") {
    Hq impostor("ws-other");
    Workstation ws("ws-a", impostor.port());
    SyncClient client(ws.service, ws.config);
    const auto report = client.runRound();
    CHECK_FALSE(report.ok);
    CHECK_THAT(report.error, Catch::Contains("TLS refused by this workstation") &&
                                 Catch::Contains("not trusted"));
    CHECK(readSyncStatus(ws.store.connection()).lastError == report.error);
    CHECK(impostor.count("SELECT count(*) FROM hq_items") == 0);
}

TEST_CASE("HQ refuses a revoked workstation and the client says the handshake failed",
          "[sync][hq][tls]") {
    Hq hq;
    Workstation ws("ws-revoked", hq.port());
    SyncClient client(ws.service, ws.config);
    const auto report = client.runRound();
    CHECK_FALSE(report.ok);
    CHECK_FALSE(report.error.empty());
    Workstation down("ws-a", hq.port() == 1 ? 2 : 1);
    SyncClient nowhere(down.service, down.config);
    CHECK_THAT(nowhere.runRound().error, Catch::Contains("unreachable"));
}
