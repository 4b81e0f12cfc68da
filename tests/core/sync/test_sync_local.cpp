// The sync client's parts that need no HQ: configuration, outbox batches and actors, HQ's push
// answer applied, scan part files, back-off.
#include "site_fixture.h"
#include "sync_fixture.h"

#include <prescreen/core/digest.h>
#include <prescreen/error.h>
#include <prescreen/sync/config.h>
#include <prescreen/sync/download.h>
#include <prescreen/sync/outbox.h>
#include <prescreen/sync/runner.h>
#include <prescreen/sync/state.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace prescreen;
using namespace prescreen::sync;

namespace {

void write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

std::string sha256(const std::string& bytes) {
    core::Digest digest(core::Digest::Algorithm::Sha256);
    digest.update(bytes.data(), bytes.size());
    return digest.hex();
}

} // namespace

TEST_CASE("sync.json: saved, read back, and every bad field named", "[sync][config]") {
    test::TempDir dir;
    const auto db = dir / "prescreen.sqlite3";
    const auto file = syncConfigPath(db);
    CHECK_FALSE(loadSyncConfig(file));
    CHECK_THROWS_WITH(requireSyncConfig(db), Catch::Contains("sync is not configured"));

    SyncConfig config;
    parseHqUrl("https://hq.example.org:8443", config);
    CHECK(config.host == "hq.example.org");
    CHECK(config.port == 8443);
    config.caFile = test::sync::pki() / "ca.crt";
    config.certFile = test::sync::pki() / "ws-a.crt";
    config.keyFile = test::sync::pki() / "ws-a.key";
    saveSyncConfig(file, config);
    const auto back = requireSyncConfig(db);
    CHECK(back.url() == "https://hq.example.org:8443");
    CHECK(back.certFile == config.certFile);
    CHECK(back.crlFile.empty());
    CHECK(back.batchItems == 500);

    for (const auto* url : {"http://hq:1", "https://hq:0", "https://hq:99999", "https://hq/x",
                            "https://user@hq", "https://-bad", "https://h q"})
        CHECK_THROWS_AS(parseHqUrl(url, config), Error);

    const std::string files = "\"caFile\": \"" + config.caFile.string() + "\", \"certFile\": \"" +
                              config.certFile.string() + "\", \"keyFile\": \"" +
                              config.keyFile.string() + "\"";
    write(file, "{\"hq\": \"https://hq:1\", " + files + ", \"batchItems\": 501}");
    CHECK_THROWS_WITH(loadSyncConfig(file), Catch::Contains("batchItems"));
    write(file, "{\"hq\": \"https://hq:1\", " + files + ", \"colour\": 1}");
    CHECK_THROWS_WITH(loadSyncConfig(file), Catch::Contains("colour: unknown setting"));
    write(file, "{\"hq\": \"https://hq:1\", \"caFile\": \"missing.pem\"}");
    CHECK_THROWS_WITH(loadSyncConfig(file), Catch::Contains("caFile"));
    write(file, "[1, 2");
    CHECK_THROWS_WITH(loadSyncConfig(file), Catch::Contains("not JSON"));
    write(file, std::string(70000, ' '));
    CHECK_THROWS_WITH(loadSyncConfig(file), Catch::Contains("64 KiB"));
}

TEST_CASE("outbox batches carry each record's officer badge, within the limits", "[sync][outbox]") {
    test::Site site;
    const auto item = site.addCase("CCNX0001");
    const auto officer = site.as("OFF1");
    site.service.openCase(officer, item.id);
    site.service.decide(officer, {item.id, core::Outcome::Release, {"low_risk"}, "", 1000});
    const auto supervisor = site.as("SUP1");
    site.service.overrideDecision(
        supervisor, {item.id, core::Outcome::Release, {"explained_anomaly"}, "known machinery", 1});

    auto& db = site.store.connection();
    const auto batch = readOutboxBatch(db, 500, 4u << 20);
    REQUIRE_FALSE(batch.items.empty());
    int decisions = 0;
    for (const auto& entry : batch.items) {
        INFO(entry.entity << " " << entry.payload.dump());
        if (entry.entity == "decision") {
            ++decisions;
            CHECK(entry.actor == (entry.payload.at("kind") == "override" ? "SUP1" : "OFF1"));
        } else if (entry.entity == "audit_event") {
            CHECK(entry.actor == entry.payload.at("actor").get<std::string>());
        } else if (entry.entity == "officer") {
            // Added by ADMIN. ADMIN itself, the site's bootstrap account, stays local: with no
            // officer behind it HQ could only refuse it.
            CHECK(entry.actor == "ADMIN");
            CHECK(entry.payload.at("badge") != "ADMIN");
        } else if (entry.entity == "case_assignment") {
            CHECK(entry.actor == "OFF1");
        } else if (entry.entity == "case" || entry.entity == "shipment") {
            CHECK(entry.actor.empty());
        }
    }
    CHECK(decisions == 2);
    const auto body = nlohmann::json::parse(batch.body);
    CHECK(body.at("items").size() == batch.items.size());

    // Limits: items and bytes.
    CHECK(readOutboxBatch(db, 3, 4u << 20).items.size() == 3);
    const auto small = readOutboxBatch(db, 500, 2000);
    CHECK(small.body.size() <= 2000);
    CHECK_FALSE(small.items.empty());
    CHECK(small.items.size() < batch.items.size());
}

TEST_CASE("HQ's push answer: listed rows leave the outbox, rejected ones are kept with a reason",
          "[sync][outbox]") {
    test::Site site;
    site.addCase("CCNX0002");
    auto& db = site.store.connection();
    const auto before = readOutboxBatch(db, 500, 4u << 20);
    const auto total = static_cast<std::int64_t>(before.items.size());
    REQUIRE(total >= 4);
    const auto batch = readOutboxBatch(db, 3, 4u << 20);
    const auto first = batch.items[0].seq;
    const auto second = batch.items[1].seq;
    const std::string answer = "{\"results\": [{\"seq\": " + std::to_string(first) +
                               ", \"status\": \"stored\"}, {\"seq\": " + std::to_string(second) +
                               ", \"status\": \"rejected\", \"reason\": \"officer X unknown\"}]}";
    const auto results = parsePushResponse(answer, batch);
    const auto counts = applyPushResults(db, batch, results, "2026-11-22T10:00:00.000Z");
    CHECK(counts.stored == 1);
    CHECK(counts.rejected == 1);
    const auto status = readSyncStatus(db);
    CHECK(status.pendingPush == total - 2); // the third was not listed: it stays
    CHECK(status.rejected == 1);
    auto reason = db.prepare("SELECT reason FROM sync_rejected WHERE seq = ?1");
    reason.bind(1, second);
    REQUIRE(reason.step());
    CHECK(reason.columnText(0) == "officer X unknown");
    CHECK(readOutboxBatch(db, 1, 4u << 20).items.front().seq == batch.items[2].seq);

    CHECK_THROWS_WITH(parsePushResponse("{\"results\": [{\"seq\": 999999, \"status\": "
                                        "\"stored\"}]}",
                                        batch),
                      Catch::Contains("not in the batch"));
    CHECK_THROWS_AS(parsePushResponse("not json", batch), Error);
    CHECK_THROWS_AS(parsePushResponse("{\"results\": [{\"seq\": " + std::to_string(first) +
                                          ", \"status\": \"maybe\"}]}",
                                      batch),
                    Error);
}

TEST_CASE("scan part files: appended durably, resumed by size, adopted only when the hash fits",
          "[sync][download]") {
    test::TempDir dir;
    core::ScanCache cache(dir / "scans");
    const std::string bytes = "first chunk|second chunk|third";
    const auto sha = sha256(bytes);
    const auto part = partPathFor(cache, sha);
    CHECK(part.parent_path() == dir / "incoming");
    CHECK(partSize(part) == 0);
    appendChunk(part, bytes.substr(0, 12));
    CHECK(partSize(part) == 12);
    appendChunk(part, bytes.substr(12));
    CHECK(partSize(part) == static_cast<std::int64_t>(bytes.size()));
    const auto cached = adoptPart(cache, part, sha, static_cast<std::int64_t>(bytes.size()));
    CHECK(cached.sha256 == sha);
    CHECK(cache.contains(sha));
    CHECK_FALSE(std::filesystem::exists(part));

    const std::string other = "not what HQ named";
    const auto claimed = sha256("something else");
    const auto badPart = partPathFor(cache, claimed);
    appendChunk(badPart, other);
    CHECK_THROWS_WITH(adoptPart(cache, badPart, claimed, std::int64_t(other.size())),
                      Catch::Contains("corrupt"));
    CHECK_FALSE(std::filesystem::exists(badPart));
    CHECK_FALSE(cache.contains(claimed));
    CHECK_THROWS_AS(partPathFor(cache, "../../etc/passwd"), Error);

    const auto range = parseContentRange("bytes 10-19/100");
    REQUIRE(range);
    CHECK(range->first == 10);
    CHECK(range->last == 19);
    CHECK(range->total == 100);
    for (const auto* bad : {"bytes 10-9/100", "bytes 0-100/100", "items 0-1/2", "bytes -1-2/3",
                            "bytes 0-1/", "bytes 99999999999999999999-1/2"})
        CHECK_FALSE(parseContentRange(bad));
}

TEST_CASE("back-off: 5 s doubling to 15 min with 20 % jitter", "[sync][runner]") {
    std::mt19937_64 random(7);
    for (int round = 0; round < 50; ++round) {
        const auto first = backoffDelay(1, random).count();
        CHECK(first >= 4000);
        CHECK(first <= 6000);
        const auto third = backoffDelay(3, random).count();
        CHECK(third >= 16000);
        CHECK(third <= 24000);
        const auto late = backoffDelay(40, random).count();
        CHECK(late >= 720000);
        CHECK(late <= 1080000);
    }
}

TEST_CASE("the runner stops promptly and reports an unconfigured site", "[sync][runner]") {
    test::TempDir dir;
    { core::Store store(dir / "prescreen.sqlite3"); }
    std::vector<std::string> errors;
    std::mutex mutex;
    SyncRunner::Options options;
    options.databaseFile = dir / "prescreen.sqlite3";
    options.onRound = [&](const RoundReport& report) {
        std::lock_guard lock(mutex);
        errors.push_back(report.error);
    };
    SyncRunner runner(options);
    runner.start();
    while (runner.roundsRun() == 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    runner.requestNow();
    while (runner.roundsRun() < 2)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    runner.stop(); // the runner is in a 10 s back-off now
    // Both waits were ended early: the first by requestNow(), the back-off by stop().
    CHECK(runner.waitsCutShort() == 2);
    CHECK(runner.roundsRun() == 2);
    CHECK(runner.consecutiveFailures() == 2);
    std::lock_guard lock(mutex);
    REQUIRE(errors.size() == 2);
    CHECK_THAT(errors[0], Catch::Contains("sync is not configured"));
}
