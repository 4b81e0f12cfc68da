// SqliteHqStore: the push rules of docs/sync.md (roles, idempotency, conflicts), the feed, the
// scan access rule and the audit trail.
#include "hq_fixture.h"

#include <prescreen/core/time.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>

using namespace prescreen::core::hq;
using prescreen::test::hq::HqFixture;
using prescreen::test::hq::item;
using prescreen::test::hq::uuidOf;

namespace {

ItemStatus statusOf(HqStore& store, const PushItem& pushed, std::string* reason = nullptr) {
    const auto results = store.push("ws-a", "127.0.0.1:1", {pushed});
    REQUIRE(results.size() == 1);
    CHECK(results[0].seq == pushed.seq);
    if (reason)
        *reason = results[0].reason;
    return results[0].status;
}

} // namespace

TEST_CASE("HQ store applies the role table of the sync protocol", "[hq][hq_store]") {
    HqFixture f;
    auto& store = *f.store;
    struct Row {
        const char* entity;
        const char* actor;
        bool override;
        bool allowed;
    };
    const Row rows[] = {
        {"decision", "B-OFF", false, true},
        {"decision", "B-SUP", false, false},
        {"decision", "B-SUP", true, true},
        {"decision", "B-TRN", true, false},
        {"decision", "B-OFF", true, false}, // an officer without the supervisor role
        {"annotation", "B-OFF", false, true},
        {"annotation", "B-SUP", false, true},
        {"annotation", "B-TRN", false, true},
        {"annotation", "B-ADM", false, false},
        {"examination_result", "B-SUP", false, true},
        {"examination_result", "B-OFF", false, false},
        {"case_assignment", "B-SUP", false, true},
        {"case_assignment", "B-OFF", false, true},
        {"case_assignment", "B-TRN", false, false},
        {"case_assignment", "B-ADM", false, false},
        {"training_set", "B-TRN", false, true},
        {"training_set", "B-SUP", false, false},
        {"officer", "B-ADM", false, true},
        {"officer", "B-SUP", false, false},
        // Audit events are vouched for by their chain, not the directory.
        {"audit_event", "B-TRN", false, true},
        {"audit_event", nullptr, false, true},
        {"audit_event", "B-OLD", false, true},
        {"shipment", nullptr, false, true},
        {"case", nullptr, false, true},
        {"decision", nullptr, false, false},
        {"decision", "B-OLD", false, false},
        {"decision", "B9", false, false},
    };
    // Made now: after B-OLD was deactivated (when the fixture was built).
    const auto now = prescreen::core::formatUtc(std::chrono::system_clock::now());
    prescreen::test::hq::AuditChain chain;
    std::int64_t seq = 1;
    for (const auto& row : rows) {
        const std::string entity = row.entity;
        const std::string name =
            entity == "annotation" ? "a" + std::to_string(seq) + "#1" : "id-" + std::to_string(seq);
        const std::optional<std::string> actor =
            row.actor ? std::optional<std::string>(row.actor) : std::nullopt;
        nlohmann::json changes = nlohmann::json::object();
        if (row.override) // overriding the first row's decision, by B-OFF
            changes = {{"kind", "override"}, {"supersedesId", uuidOf("id-1")}};
        if (entity == "audit_event")
            changes = chain.next(row.actor ? row.actor : "");
        auto pushed = item(seq++, entity, name, actor, changes, now);
        if (entity == "audit_event")
            pushed.id = pushed.payload.at("id");
        std::string reason;
        INFO(row.entity << " by " << (row.actor ? row.actor : "(none)"));
        const auto status = statusOf(store, pushed, &reason);
        INFO(reason);
        CHECK((status == ItemStatus::Stored) == row.allowed);
        if (!row.allowed)
            CHECK(!reason.empty());
    }
    std::string reason;
    CHECK(statusOf(store, item(100, "decision", "x", "B9"), &reason) == ItemStatus::Rejected);
    CHECK(reason == "officer B9 is not in the directory");
    CHECK(statusOf(store, item(101, "decision", "y", "B-OLD", nlohmann::json::object(), now),
                   &reason) == ItemStatus::Rejected);
    CHECK_THAT(reason, Catch::StartsWith("officer B-OLD is inactive (since 20"));
    CHECK(statusOf(store, item(102, "gossip", "z", "B-OFF"), &reason) == ItemStatus::Rejected);
    CHECK(reason == "unknown entity 'gossip'");
    CHECK(statusOf(store, item(103, "decision", "w", "B-OFF", nlohmann::json::array()), &reason) ==
          ItemStatus::Rejected);
    CHECK(reason == "decision " + uuidOf("w") + ": payload is not an object");
    CHECK(statusOf(store, item(104, "annotation", "no-version", "B-OFF"), &reason) ==
          ItemStatus::Rejected);

    // Every rejection is in the audit trail with its reason; nothing rejected was stored.
    const auto rejected = store.auditTrail(std::string("item_rejected"), 1000);
    const auto counts = store.counts();
    CHECK(static_cast<std::int64_t>(rejected.size()) + counts.items ==
          static_cast<std::int64_t>(std::size(rows)) + 5);
    CHECK(rejected.back().subject == "annotation no-version");
    CHECK(rejected.back().peer == "127.0.0.1:1");
    CHECK(rejected.back().site == "ws-a");
}

TEST_CASE("HQ store is idempotent and applies the conflict rules", "[hq][hq_store]") {
    HqFixture f;
    auto& store = *f.store;
    prescreen::test::hq::AuditChain chain;
    auto event = item(3, "audit_event", "e1", std::nullopt, chain.next());
    event.id = event.payload.at("id");
    const std::vector<PushItem> batch = {
        item(1, "decision", "d1", "B-OFF"),
        item(2, "annotation", "m1#1", "B-OFF", {{"note", "first"}}),
        event,
    };
    for (const auto& r : store.push("ws-a", "", batch))
        CHECK(r.status == ItemStatus::Stored);
    const auto before = store.counts();
    for (const auto& r : store.push("ws-a", "", batch))
        CHECK(r.status == ItemStatus::Duplicate);
    CHECK(store.counts().items == before.items);

    SECTION("an annotation version with another payload is a conflict; the first one wins") {
        std::string reason;
        CHECK(statusOf(store, item(4, "annotation", "m1#1", "B-OFF", {{"note", "second"}}),
                       &reason) == ItemStatus::Rejected);
        CHECK(reason == "conflict: annotation " + uuidOf("m1") + " version 1 differs");
        CHECK(statusOf(store, item(5, "annotation", "m1#2", "B-OFF", {{"note", "second"}})) ==
              ItemStatus::Stored);
    }
    SECTION("a decision with the same id and another payload is a conflict") {
        std::string reason;
        CHECK(statusOf(store, item(4, "decision", "d1", "B-OFF", {{"outcome", "refer"}}),
                       &reason) == ItemStatus::Rejected);
        CHECK(reason.rfind("conflict: decision " + uuidOf("d1"), 0) == 0);
    }
    SECTION("the same records pushed by another site are a replay, refused and audited") {
        const auto results = store.push("ws-b", "", batch);
        for (const auto& r : results) {
            CHECK(r.status == ItemStatus::Rejected);
            CHECK_THAT(r.reason, Catch::StartsWith("replay: HQ holds "));
            CHECK_THAT(r.reason, Catch::EndsWith(" from ws-a already"));
        }
        CHECK(store.counts().items == before.items);
    }
    SECTION("cases and officers are last-writer-wins by createdAt") {
        CHECK(statusOf(store, item(10, "case", "c1", std::nullopt, {{"status", "queued"}},
                                   "2026-11-22T10:00:00.000Z")) == ItemStatus::Stored);
        CHECK(statusOf(store, item(11, "case", "c1", std::nullopt, {{"status", "decided"}},
                                   "2026-11-22T10:05:00.000Z")) == ItemStatus::Stored);
        std::string reason;
        CHECK(statusOf(store,
                       item(12, "case", "c1", std::nullopt, {{"status", "open"}},
                            "2026-11-22T10:01:00.000Z"),
                       &reason) == ItemStatus::Duplicate);
        CHECK(reason.find("superseded") == 0);
        // The later one stays: sending it again is a plain duplicate.
        CHECK(statusOf(store,
                       item(13, "case", "c1", std::nullopt, {{"status", "decided"}},
                            "2026-11-22T10:05:00.000Z"),
                       &reason) == ItemStatus::Duplicate);
        CHECK(reason.empty());
        // A write dated far ahead of HQ's clock would win forever: refused.
        CHECK(statusOf(store,
                       item(14, "case", "c1", std::nullopt, {{"status", "open"}},
                            "2999-12-31T00:00:00.000Z"),
                       &reason) == ItemStatus::Rejected);
        CHECK_THAT(reason, Catch::Contains("createdAt 2999-12-31T00:00:00.000Z is more than 10 "
                                           "minutes ahead of HQ's clock"));
    }
    SECTION("two items of one batch see each other") {
        const auto results = store.push(
            "ws-a", "", {item(20, "decision", "d9", "B-OFF"), item(21, "decision", "d9", "B-OFF")});
        CHECK(results[0].status == ItemStatus::Stored);
        CHECK(results[1].status == ItemStatus::Duplicate);
    }
}

TEST_CASE("HQ store checks each payload against the workstation's schema and one id form",
          "[hq][hq_store]") {
    HqFixture f;
    auto& store = *f.store;
    std::string reason;
    auto empty = item(1, "decision", "d1", "B-OFF");
    empty.payload = nlohmann::json::object();
    CHECK(statusOf(store, empty, &reason) == ItemStatus::Rejected);
    CHECK_THAT(reason, Catch::Contains("payload/id: required property is missing"));
    for (const std::string& id :
         {std::string("\0", 1), std::string(" "), std::string("../../etc")}) {
        auto odd = item(2, "decision", "d2", "B-OFF");
        odd.id = id;
        odd.payload["id"] = id;
        CHECK(statusOf(store, odd, &reason) == ItemStatus::Rejected);
        CHECK_FALSE(reason.empty());
    }
    auto mismatch = item(3, "decision", "d3", "B-OFF");
    mismatch.id = uuidOf("another");
    CHECK(statusOf(store, mismatch, &reason) == ItemStatus::Rejected);
    CHECK_THAT(reason, Catch::Contains("the id must be the payload's id"));
    auto future = item(4, "decision", "d4", "B-OFF", {{"decidedAt", "2999-01-01T00:00:00.000Z"}});
    CHECK(statusOf(store, future, &reason) == ItemStatus::Rejected);
    CHECK_THAT(reason, Catch::Contains("decidedAt 2999-01-01T00:00:00.000Z is more than"));
    CHECK(store.counts().items == 0);
    CHECK(store.auditTrail(std::string("item_rejected"), 100).size() == 6);
}

TEST_CASE("HQ store checks what a decision refers to, and four eyes", "[hq][hq_store]") {
    HqFixture f;
    auto& store = *f.store;
    using prescreen::core::Role;
    using prescreen::core::Roles;
    const auto hash = f.store->officer("B-SUP")->passwordHash;
    store.putOfficer({"B-DUO", "Dana Both", Roles(Role::Officer) | Role::Supervisor, true, hash});
    std::string reason;
    CHECK(statusOf(store, item(1, "decision", "d1", "B-DUO")) == ItemStatus::Stored);
    // Four eyes: the same person may not override it, whatever roles they hold.
    CHECK(statusOf(store,
                   item(2, "decision", "o1", "B-DUO",
                        {{"kind", "override"}, {"supersedesId", uuidOf("d1")}}),
                   &reason) == ItemStatus::Rejected);
    CHECK_THAT(reason, Catch::Contains("B-DUO made the decision being overridden: four eyes"));
    // A reference to a decision HQ does not hold.
    CHECK(statusOf(store,
                   item(3, "decision", "o2", "B-SUP",
                        {{"kind", "override"}, {"supersedesId", uuidOf("nothing")}}),
                   &reason) == ItemStatus::Rejected);
    CHECK_THAT(reason, Catch::Contains("which HQ does not hold"));
    // An initial decision supersedes nothing; a correction is the author's own.
    CHECK(statusOf(store, item(4, "decision", "o3", "B-OFF", {{"supersedesId", uuidOf("d1")}}),
                   &reason) == ItemStatus::Rejected);
    CHECK(statusOf(store,
                   item(5, "decision", "o4", "B-OFF",
                        {{"kind", "correction"}, {"supersedesId", uuidOf("d1")}}),
                   &reason) == ItemStatus::Rejected);
    CHECK_THAT(reason, Catch::Contains("a correction is made by the decision's author"));
    // Another supervisor may override.
    CHECK(statusOf(store, item(6, "decision", "o5", "B-SUP",
                               {{"kind", "override"}, {"supersedesId", uuidOf("d1")}})) ==
          ItemStatus::Stored);
}

TEST_CASE("HQ store accepts and flags decisions made offline before a deactivation",
          "[hq][hq_store]") {
    HqFixture f; // B-OLD was deactivated when the fixture was built (now)
    auto& store = *f.store;
    std::string reason;
    const auto before =
        item(1, "decision", "d1", "B-OLD", nlohmann::json::object(), "2026-11-22T10:00:00.000Z");
    CHECK(statusOf(store, before, &reason) == ItemStatus::Stored);
    const auto flagged = store.auditTrail(std::string("item_flagged"), 10);
    REQUIRE(flagged.size() == 1);
    CHECK(flagged[0].subject == "decision " + uuidOf("d1"));
    CHECK_THAT(flagged[0].details.at("reason").get<std::string>(),
               Catch::Contains("while active; the officer was deactivated at"));
    const auto after = item(2, "decision", "d2", "B-OLD", nlohmann::json::object(),
                            prescreen::core::formatUtc(std::chrono::system_clock::now()));
    CHECK(statusOf(store, after, &reason) == ItemStatus::Rejected);
    CHECK_THAT(reason, Catch::StartsWith("officer B-OLD is inactive (since "));
}

TEST_CASE("HQ store keeps each workstation's audit chain continuous", "[hq][hq_store]") {
    HqFixture f;
    auto& store = *f.store;
    prescreen::test::hq::AuditChain chain;
    const auto push = [&](std::int64_t seq, const nlohmann::json& payload, std::string* reason) {
        auto pushed = item(seq, "audit_event", "e", std::nullopt, payload);
        pushed.id = payload.at("id");
        if (!payload.at("actor").get<std::string>().empty())
            pushed.actor = payload.at("actor").get<std::string>();
        return statusOf(store, pushed, reason);
    };
    std::string reason;
    CHECK(push(1, chain.next("B-OFF"), &reason) == ItemStatus::Stored);
    CHECK(push(2, chain.next(), &reason) == ItemStatus::Stored);
    // A chain rewritten on the workstation: consistent in itself, but not linked to what HQ holds.
    prescreen::test::hq::AuditChain forged;
    forged.next();
    forged.next();
    CHECK(push(3, forged.next(), &reason) == ItemStatus::Rejected);
    CHECK(reason == "audit chain break: audit event 3 does not follow event 2, the last one HQ "
                    "holds for ws-a (it links to another hash)");
    // An event whose contents do not match its hash.
    auto edited = prescreen::test::hq::AuditChain(chain).next();
    edited["subject"] = "edited";
    CHECK(push(4, edited, &reason) == ItemStatus::Rejected);
    CHECK(reason == "audit event 3: its hash does not match its contents");
    // A gap: event 4 before event 3.
    auto skipping = prescreen::test::hq::AuditChain(chain);
    skipping.next();
    CHECK(push(5, skipping.next(), &reason) == ItemStatus::Rejected);
    CHECK_THAT(reason, Catch::EndsWith("(expected event 3)"));
    // The true next event links on.
    CHECK(push(6, chain.next(), &reason) == ItemStatus::Stored);
    CHECK(store.auditTrail(std::string("item_rejected"), 10).size() == 3);
}

TEST_CASE("HQ store pages the feed per site", "[hq][hq_store]") {
    HqFixture f; // five officer rows for every site come first
    auto& store = *f.store;
    CHECK(store.feedHead() == 5);
    store.appendFeed("ws-a", "rules", "2026.2", {{"version", "2026.2"}});
    store.appendFeed("ws-b", "rules", "2026.3", {{"version", "2026.3"}});
    store.appendFeed("*", "rules", "2026.4", {{"version", "2026.4"}});
    CHECK_THROWS(store.appendFeed("*", "gossip", "k", {}));

    auto page = store.readFeed("ws-a", 0, 500, 1 << 20);
    REQUIRE(page.items.size() == 7);
    CHECK_FALSE(page.more);
    CHECK(page.items[5].key == "2026.2");
    CHECK(page.items[6].key == "2026.4");
    CHECK(page.items[0].payload.at("badge") == "B-OFF");

    page = store.readFeed("ws-a", 0, 3, 1 << 20);
    CHECK(page.items.size() == 3);
    CHECK(page.more);
    page = store.readFeed("ws-a", page.items.back().seq, 3, 1 << 20);
    CHECK(page.items.size() == 3);
    CHECK(page.more);
    page = store.readFeed("ws-a", page.items.back().seq, 3, 1 << 20);
    CHECK(page.items.size() == 1);
    CHECK_FALSE(page.more);

    // A byte budget smaller than any row still returns one row, so a pull always progresses.
    page = store.readFeed("ws-b", 5, 500, 1);
    REQUIRE(page.items.size() == 1);
    CHECK(page.items[0].key == "2026.3");
    CHECK(page.more);
}

TEST_CASE("HQ store serves a scan only to the sites its cases are addressed to", "[hq][hq_store]") {
    HqFixture f;
    auto& store = *f.store;
    const std::string sha(64, 'a');
    store.addCase("ws-a", "case-1", {{"caseId", "case-1"}}, {{sha, 10, f.dir / "scan"}});
    CHECK(store.scanForSite("ws-a", sha).has_value());
    CHECK_FALSE(store.scanForSite("ws-b", sha).has_value());
    const std::string shared(64, 'b');
    store.addCase("*", "case-2", {{"caseId", "case-2"}}, {{shared, 5, f.dir / "other"}});
    CHECK(store.scanForSite("ws-b", shared)->sizeBytes == 5);
    CHECK(store.counts().scans == 2);
    CHECK(store.readFeed("ws-b", 0, 500, 1 << 20).items.size() == 6);
}

TEST_CASE("HQ store keeps the officer directory and survives reopening", "[hq][hq_store]") {
    HqFixture f;
    auto officer = f.store->officer("B-SUP");
    REQUIRE(officer);
    CHECK(officer->roles.has(prescreen::core::Role::Supervisor));
    officer->active = false;
    f.store->putOfficer(*officer);
    f.store.reset();
    SqliteHqStore reopened(f.dir / "hq.db");
    CHECK(reopened.schemaVersion() == 2);
    CHECK_FALSE(reopened.officer("B-SUP")->active);
    CHECK(reopened.officers().size() == 5);
    CHECK_FALSE(reopened.officer("nobody").has_value());
    CHECK_THROWS_AS(reopened.putOfficer({"B-X", "X", prescreen::core::Roles(), true, "$argon2id$"}),
                    prescreen::Error);
}
