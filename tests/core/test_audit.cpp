#include "test_support.h"

#include <prescreen/core/audit.h>
#include <prescreen/core/digest.h>
#include <prescreen/core/store.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <sstream>

using namespace prescreen;
using namespace prescreen::core;

namespace {

const char* const kActions[] = {"login", "open_case", "decide", "export"};

// A clock that starts at 2026-11-22T09:00:00Z and moves 1.5 s at every reading.
Clock steppingClock() {
    auto now = std::make_shared<TimePoint>(*parseUtc("2026-11-22T09:00:00.000Z"));
    return [now] {
        *now += std::chrono::milliseconds(1500);
        return *now;
    };
}

// A store with `count` events: event i is kActions[(i - 1) % 4] by badge B(1000 + i).
struct Fixture {
    test::TempDir dir;
    Store store{dir / "prescreen.sqlite3"};
    AuditLog log{store.connection(), steppingClock()};

    explicit Fixture(int count) {
        sqlite::Transaction transaction(store.connection());
        for (int i = 1; i <= count; ++i)
            log.append("B" + std::to_string(1000 + i), kActions[(i - 1) % 4],
                       "case-" + std::to_string(i),
                       {{"i", i}, {"note", "event " + std::to_string(i)}});
        transaction.commit();
    }

    void sql(const std::string& text) { store.connection().exec(text); }
    AuditEvent event(std::int64_t seq) {
        const auto found = log.events(seq - 1, 1);
        REQUIRE(found.size() == 1);
        REQUIRE(found[0].seq == seq);
        return found[0];
    }
};

// The documented encoding (docs/security.md), written out independently of audit.cpp.
std::string documentedHash(const AuditEvent& event) {
    Digest digest(Digest::Algorithm::Sha256);
    for (const std::string& field :
         {std::string("prescreen-audit-v1"), event.prevHash, std::to_string(event.seq), event.id,
          event.at, event.actor, event.action, event.subject, event.details}) {
        const std::string encoded = std::to_string(field.size()) + ":" + field + ",";
        digest.update(encoded.data(), encoded.size());
    }
    return digest.hex();
}

std::string describe(const AuditReport& report) {
    std::ostringstream text;
    text << report.eventsChecked << " checked, " << report.problems.size() << " problems";
    for (const auto& problem : report.problems)
        text << "\n  [" << problem.seq << "] " << problem.message;
    return text.str();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// A problem at `seq` whose message holds every one of `parts`.
bool reports(const AuditReport& report, std::int64_t seq,
             std::initializer_list<std::string> parts) {
    for (const auto& problem : report.problems) {
        if (problem.seq != seq)
            continue;
        bool all = true;
        for (const auto& part : parts)
            all = all && contains(problem.message, part);
        if (all)
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("a clean chain of 1,000 events verifies", "[audit]") {
    Fixture fixture(1000);
    const auto report = fixture.log.verify();
    INFO(describe(report));
    CHECK(report.ok());
    CHECK(report.eventsChecked == 1000);
}

TEST_CASE("appended events are numbered, linked and hashed as documented", "[audit]") {
    Fixture fixture(0);
    const auto first = fixture.log.append("", "startup", "", nullptr);
    CHECK(first.seq == 1);
    CHECK(first.prevHash == std::string(64, '0'));
    CHECK(first.details == "{}");
    CHECK(first.at == "2026-11-22T09:00:01.500Z");
    CHECK(first.hash == documentedHash(first));
    const auto second = fixture.log.append("B1234", "decide", "case-9",
                                           {{"outcome", "refer"}, {"reasons", {"R1", "R7"}}});
    CHECK(second.seq == 2);
    CHECK(second.prevHash == first.hash);
    CHECK(second.details == R"({"outcome":"refer","reasons":["R1","R7"]})");
    CHECK(second.hash == documentedHash(second));
    CHECK(second.id != first.id);

    const auto stored = fixture.log.events();
    REQUIRE(stored.size() == 2);
    CHECK(stored[1].hash == second.hash);
    CHECK(stored[1].actor == "B1234");
    CHECK(fixture.log.events(1).size() == 1);
    CHECK(fixture.log.events(0, 1).size() == 1);
    CHECK(fixture.log.events(2).empty());

    auto head =
        fixture.store.connection().prepare("SELECT value FROM settings WHERE key = 'audit_head'");
    REQUIRE(head.step());
    CHECK(head.columnText(0) == "2 " + second.hash);
    CHECK(fixture.log.verify().ok());
}

TEST_CASE("an event appended in a transaction that rolls back leaves no trace", "[audit]") {
    Fixture fixture(3);
    {
        sqlite::Transaction transaction(fixture.store.connection());
        fixture.log.append("B1", "decide", "case-x", {});
    }
    CHECK(fixture.log.events().size() == 3);
    const auto next = fixture.log.append("B1", "decide", "case-x", {});
    CHECK(next.seq == 4);
    CHECK(fixture.log.verify().ok());
}

TEST_CASE("bad events are refused", "[audit]") {
    Fixture fixture(1);
    CHECK_THROWS_AS(fixture.log.append("B1", "", "x", {}), Error);
    CHECK_THROWS_AS(fixture.log.append("B1", "decide", "x", nlohmann::json::array({1, 2})), Error);
    CHECK_THROWS_AS(fixture.log.append("B1", "decide", "x", {{"bad", std::string("\xff\xfe")}}),
                    Error);
    CHECK_THROWS_AS(fixture.log.events(0, -1), Error);
    CHECK(fixture.log.events().size() == 1);
    CHECK(fixture.log.verify().ok());
}

TEST_CASE("a modified field is detected at its event", "[audit]") {
    for (const char* change :
         {"details = '{\"i\":5,\"note\":\"nothing\"}'", "actor = 'B9999'", "action = 'override'",
          "subject = 'case-77'", "at = '2026-11-22T09:00:00.000Z'",
          "id = '00000000-0000-4000-8000-000000000000'"}) {
        DYNAMIC_SECTION(change) {
            Fixture fixture(10);
            fixture.sql(std::string("UPDATE audit_events SET ") + change + " WHERE seq = 5");
            const auto report = fixture.log.verify();
            INFO(describe(report));
            REQUIRE(report.problems.size() == 1);
            CHECK(reports(report, 5, {"event 5 (", "modified after it was written"}));
            CHECK(report.eventsChecked == 10);
        }
    }
}

TEST_CASE("the report names the event by action, actor and time", "[audit]") {
    Fixture fixture(10);
    fixture.sql("UPDATE audit_events SET details = '{}' WHERE seq = 7");
    const auto report = fixture.log.verify();
    INFO(describe(report));
    CHECK(reports(report, 7, {"event 7 (decide by B1007 at 2026-11-22T09:00:10.500Z"}));
}

TEST_CASE("a removed event is detected and named", "[audit]") {
    Fixture fixture(10);
    SECTION("one") {
        fixture.sql("DELETE FROM audit_events WHERE seq = 5");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 5, {"event 5 is missing", "from event 4 to event 6 ("}));
    }
    SECTION("several") {
        fixture.sql("DELETE FROM audit_events WHERE seq BETWEEN 4 AND 7");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 4, {"events 4 to 7 are missing"}));
    }
    SECTION("the first") {
        fixture.sql("DELETE FROM audit_events WHERE seq = 1");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 1, {"event 1 is missing"}));
    }
}

TEST_CASE("reordered events are detected and named", "[audit]") {
    Fixture fixture(50);
    SECTION("neighbours swapped by renumbering") {
        fixture.sql("UPDATE audit_events SET seq = -1 WHERE seq = 5;"
                    "UPDATE audit_events SET seq = 5 WHERE seq = 6;"
                    "UPDATE audit_events SET seq = 6 WHERE seq = -1");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 2);
        CHECK(reports(report, 5, {"event 5 (", "written as event 6", "reordered"}));
        CHECK(reports(report, 6, {"event 6 (", "written as event 5", "reordered"}));
    }
    SECTION("contents swapped, numbers kept") {
        const auto a = fixture.event(10);
        const auto b = fixture.event(12);
        auto swap = fixture.store.connection().prepare(
            "UPDATE audit_events SET id = ?2, at = ?3, actor = ?4, action = ?5, subject = ?6, "
            "details = ?7, prev_hash = ?8, hash = ?9 WHERE seq = ?1");
        for (const auto& [seq, from] : {std::pair{a.seq, b}, std::pair{b.seq, a}}) {
            swap.bind(1, seq).bind(2, "swap-" + from.id).bind(3, from.at).bind(4, from.actor);
            swap.bind(5, from.action).bind(6, from.subject).bind(7, from.details);
            swap.bind(8, from.prevHash).bind(9, from.hash).run();
            swap.reset();
        }
        fixture.sql("UPDATE audit_events SET id = substr(id, 6) WHERE id LIKE 'swap-%'");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 2);
        CHECK(reports(report, 10, {"event 10 (", "written as event 12"}));
        CHECK(reports(report, 12, {"event 12 (", "written as event 10"}));
    }
    SECTION("far apart: both still named") {
        fixture.sql("UPDATE audit_events SET seq = -1 WHERE seq = 3;"
                    "UPDATE audit_events SET seq = 3 WHERE seq = 45;"
                    "UPDATE audit_events SET seq = 45 WHERE seq = -1");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 2);
        CHECK(reports(report, 3, {"event 3 ("}));
        CHECK(reports(report, 45, {"event 45 ("}));
    }
}

TEST_CASE("a truncated tail or a wiped table is detected against the head", "[audit]") {
    Fixture fixture(10);
    SECTION("last event removed") {
        fixture.sql("DELETE FROM audit_events WHERE seq = 10");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 10, {"event 10 is missing from the end", "ends at event 9 ("}));
    }
    SECTION("last three removed") {
        fixture.sql("DELETE FROM audit_events WHERE seq > 7");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 8, {"events 8 to 10 are missing from the end"}));
    }
    SECTION("all removed") {
        fixture.sql("DELETE FROM audit_events");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 1, {"all 10 events are missing"}));
        CHECK(report.eventsChecked == 0);
    }
}

TEST_CASE("an edited, missing or malformed head is detected", "[audit]") {
    Fixture fixture(10);
    const auto last = fixture.event(10);
    SECTION("another hash") {
        fixture.sql("UPDATE settings SET value = '10 " + std::string(64, 'a') +
                    "' WHERE key = 'audit_head'");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 0, {"chain head does not match event 10 (", "forged"}));
    }
    SECTION("a smaller count") {
        fixture.sql("UPDATE settings SET value = '9 " + last.prevHash +
                    "' WHERE key = 'audit_head'");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 10, {"event 10 is not recorded in the chain head"}));
    }
    SECTION("deleted") {
        fixture.sql("DELETE FROM settings WHERE key = 'audit_head'");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 0, {"head", "missing"}));
    }
    SECTION("garbage") {
        fixture.sql("UPDATE settings SET value = 'ten and a hash' WHERE key = 'audit_head'");
        const auto report = fixture.log.verify();
        INFO(describe(report));
        REQUIRE(report.problems.size() == 1);
        CHECK(reports(report, 0, {"malformed", "ten and a hash"}));
    }
}

TEST_CASE("an event rewritten with a recomputed hash is caught by the next link", "[audit]") {
    Fixture fixture(10);
    auto forged = fixture.event(5);
    forged.details = R"({"i":5,"note":"all clear"})";
    forged.hash = documentedHash(forged);
    fixture.store.connection()
        .prepare("UPDATE audit_events SET details = ?1, hash = ?2 WHERE seq = 5")
        .bind(1, forged.details)
        .bind(2, forged.hash)
        .run();
    const auto report = fixture.log.verify();
    INFO(describe(report));
    REQUIRE(report.problems.size() == 1);
    CHECK(reports(report, 5,
                  {"event 5 (login by B1005", "hash recomputed", "event 6 (", "no longer links"}));
}

TEST_CASE("the last event rewritten with its hash is caught by the head", "[audit]") {
    Fixture fixture(10);
    auto forged = fixture.event(10);
    forged.actor = "B0001";
    forged.hash = documentedHash(forged);
    fixture.store.connection()
        .prepare("UPDATE audit_events SET actor = ?1, hash = ?2 WHERE seq = 10")
        .bind(1, forged.actor)
        .bind(2, forged.hash)
        .run();
    const auto report = fixture.log.verify();
    INFO(describe(report));
    REQUIRE(report.problems.size() == 1);
    CHECK(reports(report, 0, {"event 10 (open_case by B0001"}));
}

TEST_CASE("every problem is reported, not only the first", "[audit]") {
    Fixture fixture(30);
    fixture.sql("UPDATE audit_events SET subject = 'case-0' WHERE seq = 3;"
                "DELETE FROM audit_events WHERE seq = 12;"
                "UPDATE audit_events SET actor = 'B1' WHERE seq = 20;"
                "DELETE FROM audit_events WHERE seq > 28");
    const auto report = fixture.log.verify();
    INFO(describe(report));
    CHECK(report.problems.size() == 4);
    CHECK(reports(report, 3, {"event 3 (", "modified"}));
    CHECK(reports(report, 12, {"event 12 is missing"}));
    CHECK(reports(report, 20, {"event 20 (", "modified"}));
    CHECK(reports(report, 29, {"events 29 to 30 are missing from the end"}));
    CHECK(report.eventsChecked == 27);
}

TEST_CASE("appending after tampering keeps the damage visible", "[audit]") {
    Fixture fixture(10);
    fixture.sql("DELETE FROM audit_events WHERE seq = 10");
    const auto next = fixture.log.append("B1", "login", "B1", {});
    CHECK(next.seq == 11);
    const auto report = fixture.log.verify();
    INFO(describe(report));
    REQUIRE(report.problems.size() == 1);
    CHECK(reports(report, 10, {"event 10 is missing"}));
}

TEST_CASE("an event appended after the head was deleted shows the break", "[audit]") {
    Fixture fixture(10);
    fixture.sql("DELETE FROM settings WHERE key = 'audit_head'");
    const auto next = fixture.log.append("B1", "login", "B1", {});
    CHECK(next.seq == 11);
    const auto report = fixture.log.verify();
    INFO(describe(report));
    REQUIRE(report.problems.size() == 1);
    CHECK(reports(report, 11, {"event 11 (login by B1", "head had been deleted"}));
}

TEST_CASE("a wholly rewritten chain is reported without listing every event", "[audit]") {
    Fixture fixture(1200);
    fixture.sql("UPDATE audit_events SET details = '{}'");
    const auto report = fixture.log.verify();
    CHECK(report.eventsChecked == 1200);
    REQUIRE(report.problems.size() == 1001);
    CHECK(reports(report, 1, {"event 1 (", "modified"}));
    CHECK(reports(report, 1001, {"200 further problems"}));
}
