// One role policy (core/role_policy.h), walked against both places that enforce it: for every
// rule and every role, the workstation's service call and HQ's push rule allow exactly what the
// table says. (The shell's modes are walked in tests/ui/test_modes.cpp.)
#include "../site_fixture.h"
#include "hq_fixture.h"

#include <prescreen/core/role_policy.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>

using namespace prescreen;
using core::Permission;
using core::Role;

namespace {

struct RoleBadges {
    Role role;
    const char* site; ///< the workstation test site's badge with only this role
    const char* hq;   ///< the HQ fixture's
};
constexpr RoleBadges kRoles[] = {{Role::Officer, "OFF1", "B-OFF"},
                                 {Role::Supervisor, "SUP1", "B-SUP"},
                                 {Role::Trainer, "TRN1", "B-TRN"},
                                 {Role::Admin, "ADMIN", "B-ADM"}};

core::Annotation box(const std::string& caseId) {
    core::Annotation mark;
    mark.caseId = caseId;
    mark.viewKey = "1.2.3.4";
    mark.shape = core::Shape::Rectangle;
    mark.points = {{10, 20}, {110, 220}};
    mark.category = "concealment";
    return mark;
}

/// A case OFF2 decided (released), for the rules about other officers' decisions.
std::string decidedByOff2(test::Site& site) {
    const auto item = site.addCase("8POL0000002", 40);
    site.service.decide(site.as("OFF2"), {item.id, core::Outcome::Release, {"low_risk"}, "", 1});
    return item.id;
}

/// Runs the call that needs `permission` as `session`; returns whether core allowed it (a
/// PermissionDenied is a refusal; any other error fails the test: the setup must be valid).
using Probe = std::function<void(test::Site&, const core::Session&)>;

const std::map<Permission, Probe>& workstationProbes() {
    static const std::map<Permission, Probe> probes{
        {Permission::ClaimCases,
         [](test::Site& site, const core::Session& session) {
             const auto item = site.addCase("8POL0000001", 40);
             const auto detail = site.service.openCase(session, item.id);
             if (detail.summary.assignedOfficerId != session.officer().id)
                 throw Error(ErrorCode::PermissionDenied, "opened without claiming");
         }},
        {Permission::DecideCases,
         [](test::Site& site, const core::Session& session) {
             const auto item = site.addCase("8POL0000001", 40);
             site.service.decide(session, {item.id, core::Outcome::Release, {"low_risk"}, "", 1});
         }},
        {Permission::AnnotateCases,
         [](test::Site& site, const core::Session& session) {
             const auto item = site.addCase("8POL0000001", 40);
             site.service.openCase(session, item.id);
             site.service.saveAnnotation(session, box(item.id));
         }},
        {Permission::ReviewAllCases,
         [](test::Site& site, const core::Session& session) {
             const auto item = site.addCase("8POL0000001", 40);
             site.service.assignCase(site.as("SUP1"), item.id, "OFF2");
             site.service.caseDetail(session, item.id);
         }},
        {Permission::AssignCases,
         [](test::Site& site, const core::Session& session) {
             const auto item = site.addCase("8POL0000001", 40);
             site.service.assignCase(session, item.id, "OFF2");
         }},
        {Permission::OverrideDecisions,
         [](test::Site& site, const core::Session& session) {
             const auto id = decidedByOff2(site);
             site.service.overrideDecision(
                 session, {id, core::Outcome::Refer, {"other"}, "second opinion", 0});
         }},
        {Permission::RecordExaminations,
         [](test::Site& site, const core::Session& session) {
             site.service.recordExamination(session, decidedByOff2(site),
                                            core::ExaminationOutcome::NoDiscrepancy, "");
         }},
        {Permission::ExportAnyDecision,
         [](test::Site& site, const core::Session& session) {
             site.service.recordExport(session, decidedByOff2(site), "tdr");
         }},
        {Permission::VerifyAudit,
         [](test::Site& site, const core::Session& session) {
             site.service.verifyAudit(session);
         }},
        {Permission::ManageTraining,
         [](test::Site& site, const core::Session& session) {
             site.service.createTrainingSet(session, "set",
                                            {{decidedByOff2(site), core::Outcome::Release}});
         }},
        {Permission::ListOfficers,
         [](test::Site& site, const core::Session& session) {
             site.service.officers(session);
         }},
        {Permission::ManageOfficers,
         [](test::Site& site, const core::Session& session) {
             site.service.addOfficer(
                 session, {"NEW1", "New Officer", Role::Officer, "a long enough password"});
         }},
    };
    return probes;
}

/// HQ's push rules: which pushed records each permission lets an officer send.
struct PushShape {
    const char* entity;
    const char* kind; ///< a decision's kind: initial, correction (of B-OFF's) or override
    std::set<Permission> admittedBy;
};
const PushShape kPushes[] = {
    {"decision", "initial", {Permission::DecideCases}},
    {"decision", "correction", {Permission::DecideCases}},
    {"decision", "override", {Permission::OverrideDecisions}},
    {"annotation", "", {Permission::AnnotateCases, Permission::AnnotateForReview}},
    {"examination_result", "", {Permission::RecordExaminations}},
    {"case_assignment", "", {Permission::ClaimCases, Permission::AssignCases}},
    {"training_set", "", {Permission::ManageTraining}},
    {"officer", "", {Permission::ManageOfficers}},
};

// Enforced by the shell, walked in tests/ui/test_modes.cpp.
const std::set<Permission> kModePermissions{Permission::UseScreeningMode, Permission::UseAuditMode,
                                            Permission::UseTrainingMode};

} // namespace

TEST_CASE("the role policy has one rule per permission, each with a name and a role",
          "[role_policy]") {
    std::set<std::string_view> names;
    for (const auto& rule : core::rolePolicy()) {
        INFO(rule.name);
        CHECK(&core::policyRule(rule.permission) == &rule);
        CHECK_FALSE(rule.roles.empty());
        CHECK(names.insert(rule.name).second);
    }
    CHECK(core::describeRoles(Permission::VerifyAudit) == "supervisor or admin");
    CHECK(core::describeRoles(Permission::ReviewAllCases) == "supervisor, trainer or admin");
    CHECK_THROWS_AS(core::policyRule(static_cast<Permission>(999)), Error);
}

TEST_CASE("every rule is enforced somewhere: the services, HQ's push rules or the shell",
          "[role_policy]") {
    std::set<Permission> covered(kModePermissions);
    for (const auto& [permission, probe] : workstationProbes())
        covered.insert(permission);
    for (const auto& push : kPushes)
        covered.insert(push.admittedBy.begin(), push.admittedBy.end());
    for (const auto& rule : core::rolePolicy()) {
        INFO(rule.name);
        CHECK(covered.count(rule.permission) == 1);
    }
}

TEST_CASE("the workstation's services allow exactly what the role policy says", "[role_policy]") {
    for (const auto& [permission, probe] : workstationProbes()) {
        for (const auto& role : kRoles) {
            const auto& rule = core::policyRule(permission);
            INFO(rule.name << " as " << core::roleName(role.role));
            test::Site site;
            const auto session = site.as(role.site);
            bool allowed = true;
            try {
                probe(site, session);
            } catch (const Error& error) {
                INFO(error.what());
                REQUIRE(error.code() == ErrorCode::PermissionDenied);
                allowed = false;
            }
            CHECK(allowed == core::allows(role.role, permission));
        }
    }
}

TEST_CASE("HQ's push rules allow exactly what the role policy says", "[role_policy][hq]") {
    // Payloads as the workstation writes them (HQ checks their schema and meaning too): a
    // correction supersedes a decision of B-OFF's, who is its author; an override one of B-OFF's
    // too, so a supervisor overriding it is not overriding their own (four eyes).
    test::hq::HqFixture f;
    std::int64_t seq = 1;
    int name = 0;
    for (const auto& push : kPushes) {
        for (const auto& role : kRoles) {
            bool expected = false;
            for (Permission permission : push.admittedBy)
                expected = expected || core::allows(role.role, permission);
            const std::string entity = push.entity;
            INFO(entity << " " << push.kind << " by " << core::roleName(role.role));
            nlohmann::json changes = nlohmann::json::object();
            if (entity == "decision" && std::string(push.kind) != "initial") {
                const auto earlier =
                    test::hq::item(seq++, "decision", "earlier-" + std::to_string(++name), "B-OFF");
                const auto stored = f.store->push("ws-a", "127.0.0.1:1", {earlier});
                REQUIRE(stored.at(0).status == core::hq::ItemStatus::Stored);
                changes = {{"kind", push.kind}, {"supersedesId", earlier.id}};
            }
            const std::string itemName =
                "p" + std::to_string(++name) + (entity == "annotation" ? "#1" : "");
            const auto results = f.store->push(
                "ws-a", "127.0.0.1:1",
                {test::hq::item(seq++, entity, itemName, std::string(role.hq), changes)});
            REQUIRE(results.size() == 1);
            INFO(results[0].reason);
            CHECK((results[0].status == core::hq::ItemStatus::Stored) == expected);
        }
    }
}
