#include "site_fixture.h"

#include <prescreen/core/audit.h>
#include <prescreen/core/push_payloads.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <map>

using namespace prescreen;
using namespace prescreen::core;
using prescreen::test::Site;

namespace {

ErrorCode codeOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& error) {
        return error.code();
    }
    FAIL("expected an error");
    return ErrorCode::Internal;
}

Annotation box(const std::string& caseId) {
    Annotation mark;
    mark.caseId = caseId;
    mark.viewKey = "1.2.3.4";
    mark.shape = Shape::Rectangle;
    mark.points = {{10, 20}, {110, 220}};
    mark.category = "concealment";
    mark.note = "dense block behind the panel";
    return mark;
}

int count(Store& store, const std::string& sql) {
    auto query = store.connection().prepare(sql);
    query.step();
    return static_cast<int>(query.columnInt64(0));
}

DecisionRequest refer(const std::string& caseId) {
    return {caseId, Outcome::Refer, {"concealment_suspected"}, "", 42000};
}

} // namespace

TEST_CASE("sign-in checks the password, backs off after failures and audits both", "[service]") {
    Site site;
    CHECK(site.as("OFF1").officer().badge == "OFF1");
    CHECK(codeOf([&] { site.service.login("OFF1", "wrong"); }) == ErrorCode::AuthenticationFailed);
    CHECK(codeOf([&] { site.service.login("NOBODY", "wrong"); }) ==
          ErrorCode::AuthenticationFailed);
    for (int i = 0; i < 4; ++i)
        CHECK(codeOf([&] { site.service.login("OFF2", "wrong"); }) ==
              ErrorCode::AuthenticationFailed);
    // Locked now: even the right password is refused, with the same words as a wrong one.
    CHECK(codeOf([&] { site.service.login("OFF2", test::kPassword); }) ==
          ErrorCode::AuthenticationFailed);
    site.advance(std::chrono::seconds(31)); // the 4th failure locked it for 30 s
    CHECK(site.as("OFF2").officer().badge == "OFF2");
    CHECK(count(site.store, "SELECT count(*) FROM audit_events WHERE action = 'login_failed'") ==
          7);
    CHECK(count(site.store, "SELECT failed_logins FROM officers WHERE badge = 'OFF2'") == 0);
}

TEST_CASE("a badge too long for HQ is audited under its first 64 bytes", "[service]") {
    Site site;
    // 70 bytes with a two-byte character across byte 64: cut before it, never inside.
    const std::string badge = std::string(63, 'B') + "\xc3\xa9" + std::string(5, 'C');
    CHECK(codeOf([&] { site.service.login(badge, "wrong"); }) == ErrorCode::AuthenticationFailed);
    CHECK(codeOf([&] { site.service.login("", "wrong"); }) == ErrorCode::AuthenticationFailed);
    auto query = site.store.connection().prepare(
        "SELECT actor FROM audit_events WHERE action = 'login_failed'");
    REQUIRE(query.step());
    CHECK(query.columnText(0) == std::string(63, 'B'));
    CHECK_FALSE(query.step()); // the empty badge left no event
}

TEST_CASE("an inactive officer cannot sign in; only an admin manages officers", "[service]") {
    Site site;
    const auto admin = site.as("ADMIN");
    const auto supervisor = site.as("SUP1");
    CHECK(codeOf([&] {
              site.service.addOfficer(supervisor, {"X1", "X", Role::Officer, "long enough"});
          }) == ErrorCode::PermissionDenied);
    CHECK(codeOf([&] {
              site.service.addOfficer(admin, {"OFF1", "Dup", Role::Officer, "long enough"});
          }) == ErrorCode::Conflict);
    CHECK(codeOf([&] {
              site.service.addOfficer(admin, {"bad badge!", "X", Role::Officer, "long enough"});
          }) == ErrorCode::InvalidArgument);
    CHECK(codeOf([&] {
              site.service.bootstrapAdmin({"A2", "A", Role::Admin, "long enough"});
          }) == ErrorCode::PermissionDenied);
    site.service.setOfficerActive(admin, "OFF1", false);
    CHECK(codeOf([&] { site.as("OFF1"); }) == ErrorCode::AuthenticationFailed);
    CHECK(site.service.officers(supervisor).size() == 5);
    CHECK(codeOf([&] { site.service.officers(site.as("OFF2")); }) == ErrorCode::PermissionDenied);
}

TEST_CASE("officers see the shared queue and their own cases, sorted by risk", "[service]") {
    Site site;
    const auto low = site.addCase("8XYZ0000001", 10);
    const auto high = site.addCase("8XYZ0000002", 90);
    const auto medium = site.addCase("8XYZ0000003", 55);
    const auto off1 = site.as("OFF1");
    const auto off2 = site.as("OFF2");
    auto queue = site.service.queue(off1);
    REQUIRE(queue.size() == 3);
    CHECK(queue[0].id == high.id);
    CHECK(queue[1].id == medium.id);
    CHECK(queue[2].id == low.id);

    site.service.openCase(off1, high.id); // claims it
    CHECK(site.service.queue(off2).size() == 2);
    CHECK(codeOf([&] { site.service.openCase(off2, high.id); }) == ErrorCode::PermissionDenied);
    CHECK(site.service.queue(site.as("SUP1")).size() == 3);

    CaseQuery filter;
    filter.minimumLevel = RiskLevel::Medium;
    CHECK(site.service.queue(off2, filter).size() == 1);
    filter = {};
    filter.statuses = {CaseStatus::Open};
    CHECK(site.service.queue(off1, filter).size() == 1);
    filter = {};
    filter.cargoControlPrefix = "8XYZ000000";
    filter.sort = CaseQuery::Sort::CargoControlNumber;
    filter.limit = 2;
    const auto page = site.service.queue(off1, filter);
    REQUIRE(page.size() == 2);
    CHECK(page[0].cargoControlNumber == "8XYZ0000001");
}

TEST_CASE("a case from HQ keeps HQ's id; a bad or repeated id is refused", "[service]") {
    Site site;
    const std::string hqId = "0b3c2d4e-5f60-4718-8a9b-0c1d2e3f4a5b";
    const auto item = site.service.ingestCase(Site::manifest("8HQI0000001"), {}, {}, hqId);
    CHECK(item.id == hqId);
    CHECK(site.service.siteCaseDetail(hqId).summary.cargoControlNumber == "8HQI0000001");
    CHECK(codeOf([&] { site.service.ingestCase(Site::manifest("8HQI0000002"), {}, {}, hqId); }) ==
          ErrorCode::Conflict);
    CHECK(codeOf([&] {
              site.service.ingestCase(Site::manifest("8HQI0000003"), {}, {}, "'; DROP TABLE");
          }) == ErrorCode::InvalidArgument);
    CHECK(site.service.siteQueue().size() == 1);
    CHECK(core::isUuid(core::newUuid()));
    CHECK_FALSE(core::isUuid("0B3C2D4E-5F60-4718-8A9B-0C1D2E3F4A5B"));
}

TEST_CASE("keyset pages walk the whole queue once, in order, for every sort", "[service]") {
    Site site;
    // Ties on score and on time, so the later order columns decide.
    for (int i = 0; i < 23; ++i) {
        site.addCase("8PAG" + std::to_string(1000000 + (i * 7) % 23), 10 * (i % 4));
        if (i % 3 == 0)
            site.advance(std::chrono::seconds(1));
    }
    const auto supervisor = site.as("SUP1");
    for (auto sort : {CaseQuery::Sort::RiskDescending, CaseQuery::Sort::OldestFirst,
                      CaseQuery::Sort::NewestFirst, CaseQuery::Sort::CargoControlNumber}) {
        CaseQuery all;
        all.sort = sort;
        const auto whole = site.service.queue(supervisor, all);
        REQUIRE(whole.size() == 23);
        std::vector<std::string> paged;
        CaseQuery page = all;
        page.limit = 5;
        for (int round = 0; round < 10; ++round) {
            const auto cases = site.service.queue(supervisor, page);
            for (const auto& item : cases)
                paged.push_back(item.id);
            if (cases.size() < 5)
                break;
            page.after = cases.back();
        }
        std::vector<std::string> expected;
        for (const auto& item : whole)
            expected.push_back(item.id);
        CHECK(paged == expected);
    }
}

TEST_CASE("a decision is stored with its outbox entry and audit event", "[service]") {
    Site site;
    const auto item = site.addCase("8XYZ0000010", 80);
    const auto officer = site.as("OFF1");
    site.service.openCase(officer, item.id);
    const auto outboxBefore = count(site.store, "SELECT count(*) FROM outbox");
    // A referral needs a reason and an annotation or a comment.
    CHECK(codeOf([&] {
              site.service.decide(officer, {item.id, Outcome::Refer, {}, "", 1000});
          }) == ErrorCode::InvalidArgument);
    CHECK(codeOf([&] { site.service.decide(officer, refer(item.id)); }) ==
          ErrorCode::InvalidArgument);
    CHECK(codeOf([&] {
              site.service.decide(officer, {item.id, Outcome::Refer, {"no_such_code"}, "x", 1});
          }) == ErrorCode::InvalidArgument);
    site.service.saveAnnotation(officer, box(item.id));
    const auto decision = site.service.decide(officer, refer(item.id));
    CHECK(decision.kind == DecisionKind::Initial);
    CHECK(decision.decidedAt == "2026-11-22T08:00:00.000Z");

    const auto detail = site.service.caseDetail(officer, item.id);
    CHECK(detail.summary.status == CaseStatus::Decided);
    REQUIRE(detail.decisions.size() == 1);
    CHECK(detail.decisions[0].reasonCodes == std::vector<std::string>{"concealment_suspected"});
    CHECK(detail.annotations.size() == 1);
    CHECK(detail.manifest.cargoControlNumber == "8XYZ0000010");
    CHECK(count(site.store, "SELECT count(*) FROM outbox WHERE entity = 'decision'") == 1);
    CHECK(count(site.store, "SELECT count(*) FROM outbox") > outboxBefore);
    CHECK(count(site.store, "SELECT count(*) FROM audit_events WHERE action = 'decide'") == 1);
}

TEST_CASE("decisions are append-only: corrections and overrides supersede", "[service]") {
    Site site;
    const auto item = site.addCase("8XYZ0000020", 30);
    const auto off1 = site.as("OFF1");
    const auto first =
        site.service.decide(off1, {item.id, Outcome::Release, {"low_risk"}, "", 20000});
    // Deciding from the queue claims the case; the officer may correct their own decision.
    const auto second = site.service.decide(
        off1, {item.id, Outcome::Refer, {"other"}, "second look: odd density", 5000});
    CHECK(second.kind == DecisionKind::Correction);
    CHECK(second.supersedesId == first.id);
    // Nobody else may change it, and an officer cannot override.
    CHECK(codeOf([&] { site.service.decide(site.as("OFF2"), refer(item.id)); }) ==
          ErrorCode::PermissionDenied);
    CHECK(codeOf([&] {
              site.service.overrideDecision(
                  off1, {item.id, Outcome::Release, {"low_risk"}, "changed my mind", 0});
          }) == ErrorCode::PermissionDenied);
    const auto supervisor = site.as("SUP1");
    CHECK(codeOf([&] {
              site.service.overrideDecision(supervisor,
                                            {item.id, Outcome::Release, {"low_risk"}, "", 0});
          }) == ErrorCode::InvalidArgument);
    const auto override = site.service.overrideDecision(
        supervisor, {item.id, Outcome::Release, {"explained_anomaly"}, "known machinery", 0});
    CHECK(override.kind == DecisionKind::Override);
    CHECK(override.supersedesId == second.id);
    // After an override the officer can no longer correct.
    CHECK(codeOf([&] {
              site.service.decide(off1, {item.id, Outcome::Refer, {"other"}, "again", 1});
          }) == ErrorCode::PermissionDenied);
    // The database itself refuses edits and deletions of decisions.
    CHECK_THROWS_AS(site.store.connection().exec("UPDATE decisions SET outcome = 'release'"),
                    Error);
    CHECK_THROWS_AS(site.store.connection().exec("DELETE FROM decisions"), Error);
    CHECK(count(site.store, "SELECT count(*) FROM decisions") == 3);
}

TEST_CASE("four eyes: nobody overrides their own decision, whatever roles they hold",
          "[service][four_eyes]") {
    Site site;
    const auto admin = site.as("ADMIN");
    site.service.addOfficer(
        admin, {"DUO1", "Dana Both", Roles(Role::Officer) | Role::Supervisor, test::kPassword});
    const auto item = site.addCase("8XYZ0000025", 60);
    const auto both = site.as("DUO1");
    const auto first =
        site.service.decide(both, {item.id, Outcome::Release, {"low_risk"}, "", 1000});
    try {
        site.service.overrideDecision(
            both, {item.id, Outcome::Refer, {"other"}, "on second thought, refer", 0});
        FAIL("an officer-supervisor overrode their own decision");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::PermissionDenied);
        CHECK_THAT(error.what(), Catch::Contains("DUO1 made the decision being overridden: four "
                                                 "eyes"));
    }
    CHECK(count(site.store, "SELECT count(*) FROM decisions") == 1);
    // Another supervisor may; and SUP1 may not then override their own override.
    const auto override = site.service.overrideDecision(
        site.as("SUP1"), {item.id, Outcome::Refer, {"other"}, "refer after all", 0});
    CHECK(override.supersedesId == first.id);
    CHECK(codeOf([&] {
              site.service.overrideDecision(
                  site.as("SUP1"),
                  {item.id, Outcome::Release, {"explained_anomaly"}, "my own override again", 0});
          }) == ErrorCode::PermissionDenied);
}

TEST_CASE("only supervisors record examination results; only trainers make training sets",
          "[service]") {
    Site site;
    const auto item = site.addCase("8XYZ0000030", 75);
    const auto officer = site.as("OFF1");
    site.service.decide(officer, {item.id, Outcome::Refer, {"dense_region"}, "look inside", 1});
    CHECK(codeOf([&] {
              site.service.recordExamination(officer, item.id, ExaminationOutcome::Seizure, "");
          }) == ErrorCode::PermissionDenied);
    const auto result = site.service.recordExamination(
        site.as("SUP1"), item.id, ExaminationOutcome::Seizure, "2 kg cocaine in the panel");
    CHECK(site.service.caseDetail(site.as("SUP1"), item.id).examinations.size() == 1);
    CHECK(result.outcome == ExaminationOutcome::Seizure);

    const std::vector<TrainingCase> members{{item.id, Outcome::Refer}};
    CHECK(codeOf([&] { site.service.createTrainingSet(site.as("SUP1"), "set", members); }) ==
          ErrorCode::PermissionDenied);
    CHECK_FALSE(site.service.createTrainingSet(site.as("TRN1"), "Concealment 1", members).empty());
    const auto undecided = site.addCase("8XYZ0000031", 10);
    CHECK(codeOf([&] {
              site.service.createTrainingSet(site.as("TRN1"), "bad",
                                             {{undecided.id, Outcome::Release}});
          }) == ErrorCode::InvalidArgument);
}

TEST_CASE("annotations are versioned and belong to their author", "[service]") {
    Site site;
    const auto item = site.addCase("8XYZ0000040", 60);
    const auto off1 = site.as("OFF1");
    CHECK(codeOf([&] { site.service.saveAnnotation(off1, box(item.id)); }) ==
          ErrorCode::PermissionDenied); // not opened yet
    site.service.openCase(off1, item.id);
    auto mark = site.service.saveAnnotation(off1, box(item.id));
    CHECK(mark.version == 1);
    mark.points = {{12, 22}, {130, 240}};
    mark = site.service.saveAnnotation(off1, mark);
    CHECK(mark.version == 2);
    auto bad = box(item.id);
    bad.category = "not-a-category";
    CHECK(codeOf([&] { site.service.saveAnnotation(off1, bad); }) == ErrorCode::InvalidArgument);
    bad = box(item.id);
    bad.shape = Shape::Polygon;
    CHECK(codeOf([&] { site.service.saveAnnotation(off1, bad); }) == ErrorCode::InvalidArgument);
    CHECK(codeOf([&] { site.service.saveAnnotation(site.as("OFF2"), mark); }) ==
          ErrorCode::PermissionDenied);
    site.service.deleteAnnotation(off1, mark.id);
    CHECK(site.service.caseDetail(off1, item.id).annotations.empty());
    CHECK(count(site.store, "SELECT count(*) FROM annotations") == 3);
}

TEST_CASE("the audit trail verifies through the service, for supervisors and admins only",
          "[service]") {
    Site site;
    site.addCase("8XYZ0000050", 20);
    CHECK(codeOf([&] { site.service.verifyAudit(site.as("OFF1")); }) ==
          ErrorCode::PermissionDenied);
    const auto report = site.service.verifyAudit(site.as("SUP1"));
    CHECK(report.ok());
    CHECK(report.eventsChecked > 5);
}

TEST_CASE("every payload the workstation queues for HQ fits the schema HQ checks it against",
          "[service][sync_schema]") {
    Site site;
    const auto item = site.addCase("8XYZ0000070", 75);
    const auto officer = site.as("OFF1");
    site.service.openCase(officer, item.id);
    site.service.saveAnnotation(officer, box(item.id));
    site.service.decide(officer, refer(item.id));
    const auto supervisor = site.as("SUP1");
    site.service.overrideDecision(
        supervisor, {item.id, Outcome::Release, {"explained_anomaly"}, "known machinery", 0});
    site.service.recordExamination(supervisor, item.id, ExaminationOutcome::NoDiscrepancy, "ok");
    site.service.createTrainingSet(site.as("TRN1"), "set 1", {{item.id, Outcome::Release}});
    const auto other = site.addCase("8XYZ0000071", 20);
    site.service.assignCase(supervisor, other.id, "OFF2");
    site.service.assignCase(supervisor, other.id, "");

    std::map<std::string, int> checked;
    auto rows = site.store.connection().prepare("SELECT entity, payload FROM outbox ORDER BY seq");
    while (rows.step()) {
        const auto entity = rows.columnText(0);
        const auto* schema = pushPayloadSchema(entity);
        INFO(entity);
        REQUIRE(schema != nullptr);
        const auto violations = schema->validate(nlohmann::json::parse(rows.columnText(1)));
        for (const auto& violation : violations)
            FAIL_CHECK(entity + violation.path + ": " + violation.message);
        ++checked[entity];
    }
    for (const char* entity : {"decision", "annotation", "examination_result", "case_assignment",
                               "training_set", "officer", "audit_event", "shipment", "case"}) {
        INFO(entity);
        CHECK(checked[entity] > 0);
    }
}

TEST_CASE("audit verify cross-checks decision rows against the events that recorded them",
          "[service][audit]") {
    Site site;
    const auto item = site.addCase("8XYZ0000080", 75);
    auto request = refer(item.id);
    request.comment = "dense block";
    const auto first = site.service.decide(site.as("OFF1"), request);
    const auto override = site.service.overrideDecision(
        site.as("SUP1"), {item.id, Outcome::Release, {"explained_anomaly"}, "machinery", 0});
    AuditLog log(site.store.connection(), [&] { return site.time; });
    REQUIRE(log.verify().ok());
    auto& db = site.store.connection();
    const auto problemsMention = [&](const std::string& text) {
        const auto report = log.verify();
        for (const auto& problem : report.problems)
            if (problem.message.find(text) != std::string::npos)
                return true;
        return false;
    };
    SECTION("a row changed with the append-only trigger dropped and restored") {
        auto trigger =
            db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'decisions_append_only'");
        REQUIRE(trigger.step());
        const auto sql = trigger.columnText(0);
        db.exec("DROP TRIGGER decisions_append_only");
        db.exec("UPDATE decisions SET comment = 'nothing to see' WHERE id = '" + first.id + "'");
        db.exec(sql);
        CHECK(problemsMention("decision " + first.id + " of case " + item.id +
                              " was changed after it was made"));
    }
    SECTION("a row deleted, and a row inserted without its event") {
        db.exec("DROP TRIGGER decisions_never_deleted");
        db.exec("DELETE FROM decisions WHERE id = '" + override.id + "'");
        CHECK(problemsMention("decision " + override.id + " recorded by event"));
        CHECK(problemsMention("is missing from the decisions table"));
        db.exec("INSERT INTO decisions SELECT 'forged-id', case_id, officer_id, outcome, kind, "
                "reason_codes, comment, time_on_task_ms, decided_at, supersedes_id FROM decisions "
                "WHERE id = '" +
                first.id + "'");
        CHECK(problemsMention("decision forged-id of case " + item.id + " has no audit event"));
    }
}
