#include <prescreen/core/model.h>
#include <prescreen/core/model_json.h>
#include <prescreen/core/time.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>

using namespace prescreen;
using namespace prescreen::core;

TEST_CASE("roles parse, print and combine", "[model]") {
    const auto roles = parseRoles("officer,supervisor");
    CHECK(roles.has(Role::Officer));
    CHECK(roles.has(Role::Supervisor));
    CHECK_FALSE(roles.has(Role::Admin));
    CHECK(formatRoles(roles) == "officer,supervisor");
    CHECK(formatRoles(Roles::fromBits(15)) == "officer,supervisor,trainer,admin");
    CHECK(Roles::fromBits(255).bits() == 15);
    CHECK_THROWS_AS(parseRoles("officer,king"), Error);
    CHECK(parseRoles("").empty());
}

TEST_CASE("every enum name parses back to its value", "[model]") {
    for (auto mode : {TransportMode::Courier, TransportMode::Air, TransportMode::Rail,
                      TransportMode::Truck, TransportMode::Marine})
        CHECK(parseMode(modeName(mode)) == mode);
    for (auto level : {RiskLevel::Low, RiskLevel::Medium, RiskLevel::High})
        CHECK(parseRiskLevel(riskLevelName(level)) == level);
    for (auto status : {CaseStatus::Queued, CaseStatus::Open, CaseStatus::Decided})
        CHECK(parseCaseStatus(caseStatusName(status)) == status);
    for (auto shape : {Shape::Rectangle, Shape::Ellipse, Shape::Polygon})
        CHECK(parseShape(shapeName(shape)) == shape);
    for (auto kind : {DecisionKind::Initial, DecisionKind::Correction, DecisionKind::Override})
        CHECK(parseDecisionKind(decisionKindName(kind)) == kind);
    for (auto outcome : {ExaminationOutcome::NoDiscrepancy, ExaminationOutcome::Discrepancy,
                         ExaminationOutcome::Seizure})
        CHECK(parseExaminationOutcome(examinationOutcomeName(outcome)) == outcome);
    CHECK_FALSE(parseMode("spaceship"));
    CHECK(isAnnotationCategory("narcotics"));
    CHECK_FALSE(isAnnotationCategory("Narcotics"));
}

TEST_CASE("times are UTC ISO 8601 with milliseconds and parse back", "[model]") {
    const auto time = parseUtc("2026-11-22T09:15:02.123Z");
    REQUIRE(time);
    CHECK(formatUtc(*time) == "2026-11-22T09:15:02.123Z");
    CHECK(parseUtc("2024-02-29T23:59:59Z"));
    CHECK_FALSE(parseUtc("2026-02-30T00:00:00Z"));
    CHECK_FALSE(parseUtc("2026-11-22 09:15:02Z"));
    CHECK_FALSE(parseUtc("2026-11-22T09:15:02.12Z"));
    CHECK_FALSE(parseUtc("2026-11-22T09:15:02+01:00"));
    CHECK_FALSE(parseUtc(""));
    // Text order is time order, which the store's ORDER BY relies on.
    CHECK(formatUtc(*time) < formatUtc(*time + std::chrono::milliseconds(1)));
}

TEST_CASE("risk assessments and points survive JSON", "[model]") {
    RiskAssessment risk{72, RiskLevel::High, {{"r1", "desc", 30, "declared 120 kg"}}, "2026.1"};
    const auto back = riskFromJson(toJson(risk));
    CHECK(back.score == 72);
    CHECK(back.level == RiskLevel::High);
    REQUIRE(back.factors.size() == 1);
    CHECK(back.factors[0].evidence == "declared 120 kg");
    CHECK_THROWS_AS(riskFromJson(nlohmann::json::object()), Error);
    const std::vector<Point> points{{1.5, 2}, {3, 4.25}};
    CHECK(pointsFromJson(pointsToJson(points)) == points);
    CHECK_THROWS_AS(pointsFromJson(nlohmann::json::parse(R"([[1, "x"]])")), Error);
}
