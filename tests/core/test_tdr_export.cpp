// A decision as a DICOS OPERATOR TDR: the mapping, and the whole way through the file and back.
#include "test_support.h"

#include <prescreen/core/tdr_export.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace prescreen;
using namespace prescreen::core;
namespace tdr = prescreen::imaging::tdr;

namespace {

constexpr const char* kDx = "1.2.840.10008.5.1.4.1.1.501.2.2";

struct Fixture {
    Decision decision;
    Officer officer;
    std::vector<Annotation> annotations;
    std::vector<ScanFile> scans;

    Fixture() {
        decision.id = "d-1";
        decision.caseId = "c-1";
        decision.outcome = Outcome::Refer;
        decision.reasonCodes = {"manifest_mismatch", "dense_region"};
        decision.comment = "Dense organic mass behind the declared textiles.";
        decision.timeOnTaskMs = 48250;
        decision.decidedAt = "2026-11-22T09:15:02.123Z";
        officer.id = "o-1";
        officer.badge = "B1234";
        officer.name = "Émilie Gagnon";
        // Two views: top (high + low energy planes) and side, plus a lab PNG without DICOM ids.
        scans = {scan("top-high.dcm", "1.2.3.10"),
                 scan("top-low.dcm", "1.2.3.11"),
                 scan("side-high.dcm", "1.2.3.20"),
                 {"s-png", "", "lab.png", 10, "", "", ""}};
        annotations = {
            annotation("a-1", Shape::Rectangle, {{10, 20}, {110, 70}}, "weapon", "1.2.3.10"),
            annotation("a-2", Shape::Ellipse, {{200, 100}, {300, 160}}, "narcotics",
                       "side-high.dcm"),
            annotation("a-3", Shape::Polygon, {{5, 5}, {50, 8}, {30, 40}}, "anomaly",
                       "unknown-view")};
    }

    static ScanFile scan(const std::string& name, const std::string& sopInstance) {
        return {"s-" + name, "00", name, 1000, sopInstance, kDx, "1.2.3.1"};
    }
    static Annotation annotation(const std::string& id, Shape shape, std::vector<Point> points,
                                 const std::string& category, const std::string& viewKey) {
        Annotation a;
        a.id = id;
        a.caseId = "c-1";
        a.viewKey = viewKey;
        a.shape = shape;
        a.points = std::move(points);
        a.category = category;
        a.note = category == "weapon" ? "long gun shape" : "";
        a.authorId = "o-1";
        return a;
    }
    TdrInput input() const { return {decision, officer, annotations, scans, "CCN-000123"}; }
};

std::set<std::string> instances(const std::vector<tdr::ImageReference>& images) {
    std::set<std::string> out;
    for (const auto& image : images)
        out.insert(image.sopInstanceUid);
    return out;
}

} // namespace

TEST_CASE("refer becomes ALARM and release CLEAR, with the officer and the decision",
          "[tdr_export]") {
    Fixture f;
    const auto refer = makeTdr(f.input());
    CHECK(refer.tdrType == "OPERATOR");
    CHECK(refer.alarmDecision == "ALARM");
    CHECK(refer.alarmDecisionTime == "20261122091502.123+0000");
    CHECK(refer.operatorId == "B1234");
    CHECK(refer.operatorName == "Émilie Gagnon");
    CHECK(refer.ooiId == "CCN-000123");
    CHECK(refer.studyInstanceUid == "1.2.3.1");
    CHECK(refer.totalProcessingTimeMs == 48250);
    CHECK(refer.contentDescription ==
          "refer (initial); reasons: manifest_mismatch, dense_region; comment: Dense organic mass "
          "behind the declared textiles.");
    CHECK(instances(refer.images) == std::set<std::string>{"1.2.3.10", "1.2.3.11", "1.2.3.20"});
    CHECK(outcomeFromTdr(refer) == Outcome::Refer);
    for (const auto& pto : refer.threats)
        CHECK(pto.assessmentFlag == "THREAT");

    f.decision.outcome = Outcome::Release;
    f.decision.kind = DecisionKind::Override;
    f.decision.supersedesId = "d-0";
    f.decision.reasonCodes = {"explained_anomaly"};
    f.decision.comment.clear();
    const auto release = makeTdr(f.input());
    CHECK(release.alarmDecision == "CLEAR");
    CHECK(release.contentDescription ==
          "release (override, supersedes decision d-0); reasons: explained_anomaly");
    CHECK(outcomeFromTdr(release) == Outcome::Release);
    for (const auto& pto : release.threats)
        CHECK(pto.assessmentFlag == "NO_THREAT");

    tdr::Report unknown = release;
    unknown.alarmDecision = "UNKNOWN";
    CHECK_FALSE(outcomeFromTdr(unknown).has_value());
}

TEST_CASE("one PTO per annotation, deleted ones excluded, on its own view", "[tdr_export]") {
    Fixture f;
    f.annotations.push_back(f.annotations.front());
    f.annotations.back().id = "a-deleted";
    f.annotations.back().deleted = true;
    const auto report = makeTdr(f.input());
    REQUIRE(report.threats.size() == 3);
    for (std::size_t i = 0; i < report.threats.size(); ++i)
        CHECK(report.threats[i].id == static_cast<int>(i) + 1);
    CHECK(report.threats[0].category == "PI");
    CHECK(report.threats[0].description == "weapon: long gun shape");
    CHECK(report.threats[1].description == "narcotics");
    // By SOP Instance UID, by file name, and (no match) every image of the scan.
    CHECK(instances(report.threats[0].images) == std::set<std::string>{"1.2.3.10"});
    CHECK(instances(report.threats[1].images) == std::set<std::string>{"1.2.3.20"});
    CHECK(instances(report.threats[2].images) ==
          std::set<std::string>{"1.2.3.10", "1.2.3.11", "1.2.3.20"});
}

TEST_CASE("rectangles give 4 vertices, ellipses 32 on the ellipse, polygons their own",
          "[tdr_export]") {
    Fixture f;
    const auto report = makeTdr(f.input());
    const auto& rectangle = report.threats[0].boundingPolygon;
    REQUIRE(rectangle.size() == 4);
    CHECK((rectangle[0].x == 10 && rectangle[0].y == 20));
    CHECK((rectangle[1].x == 110 && rectangle[1].y == 20));
    CHECK((rectangle[2].x == 110 && rectangle[2].y == 70));
    CHECK((rectangle[3].x == 10 && rectangle[3].y == 70));

    const auto& ellipse = report.threats[1].boundingPolygon;
    REQUIRE(ellipse.size() == 32);
    std::set<std::pair<double, double>> distinct;
    for (const auto& v : ellipse) {
        const double u = (v.x - 250) / 50;
        const double w = (v.y - 130) / 30;
        CHECK(u * u + w * w == Approx(1.0).epsilon(1e-5));
        distinct.insert({v.x, v.y});
    }
    CHECK(distinct.size() == 32);
    CHECK(ellipse[0].x == Approx(300));
    CHECK(ellipse[8].y == Approx(160));

    const auto& polygon = report.threats[2].boundingPolygon;
    REQUIRE(polygon.size() == 3);
    CHECK((polygon[1].x == 50 && polygon[1].y == 8));
}

TEST_CASE("every annotation category has a DICOS Threat Category", "[tdr_export]") {
    const std::set<std::string> dicos = {"EXPLOSIVE", "PI",    "CONTRABAND",    "ANOMALY",
                                         "LAPTOP",    "OTHER", "PHARMACEUTICAL"};
    for (const auto& category : annotationCategories()) {
        INFO(category);
        CHECK(dicos.count(threatCategoryFor(category)) == 1);
    }
    CHECK(threatCategoryFor("weapon") == "PI");
    CHECK(threatCategoryFor("explosive") == "EXPLOSIVE");
    CHECK(threatCategoryFor("narcotics") == "CONTRABAND");
    CHECK(threatCategoryFor("pharmaceutical") == "PHARMACEUTICAL");
    CHECK(threatCategoryFor("currency") == "CONTRABAND");
    CHECK(threatCategoryFor("tobacco") == "CONTRABAND");
    CHECK(threatCategoryFor("alcohol") == "CONTRABAND");
    CHECK(threatCategoryFor("undeclared_goods") == "CONTRABAND");
    CHECK(threatCategoryFor("concealment") == "ANOMALY");
    CHECK(threatCategoryFor("electronics") == "OTHER");
    CHECK(threatCategoryFor("anomaly") == "ANOMALY");
    CHECK(threatCategoryFor("other") == "OTHER");
    CHECK_THROWS_AS(threatCategoryFor("firearm"), Error);
}

TEST_CASE("unmappable decisions and annotations are refused by name", "[tdr_export]") {
    Fixture f;
    f.decision.decidedAt = "22/11/2026 09:15";
    CHECK_THROWS_WITH(makeTdr(f.input()), Catch::Contains("decidedAt"));
    Fixture g;
    g.annotations[0].points.pop_back();
    CHECK_THROWS_WITH(makeTdr(g.input()), Catch::Contains("annotation a-1"));
    Fixture h;
    h.annotations[2].points.resize(2);
    CHECK_THROWS_WITH(makeTdr(h.input()), Catch::Contains("at least three"));
}

TEST_CASE("a decision survives makeTdr, the file and readReport", "[tdr_export]") {
    test::TempDir dir;
    for (const Outcome outcome : {Outcome::Refer, Outcome::Release}) {
        Fixture f;
        f.decision.outcome = outcome;
        f.annotations[1].points = {{200.3, 100.7}, {301.1, 163.9}}; // not float-exact on purpose
        const auto written = makeTdr(f.input());
        const auto file = dir / (std::string(outcomeName(outcome)) + ".dcm");
        tdr::writeReport(written, file);
        const auto read = tdr::readReport(file);
        CHECK(outcomeFromTdr(read) == outcome);
        CHECK(read.tdrType == "OPERATOR");
        CHECK(read.operatorId == f.officer.badge);
        CHECK(read.operatorName == f.officer.name);
        CHECK(read.alarmDecisionTime == written.alarmDecisionTime);
        CHECK(read.contentDescription == written.contentDescription);
        CHECK(read.totalProcessingTimeMs == 48250);
        CHECK(instances(read.images) == instances(written.images));
        REQUIRE(read.threats.size() == written.threats.size());
        for (std::size_t i = 0; i < read.threats.size(); ++i) {
            INFO("PTO " << i + 1);
            CHECK(read.threats[i].category == written.threats[i].category);
            CHECK(read.threats[i].assessmentFlag == written.threats[i].assessmentFlag);
            CHECK(read.threats[i].description == written.threats[i].description);
            CHECK(instances(read.threats[i].images) == instances(written.threats[i].images));
            const auto& a = read.threats[i].boundingPolygon;
            const auto& b = written.threats[i].boundingPolygon;
            REQUIRE(a.size() == b.size());
            for (std::size_t k = 0; k < a.size(); ++k)
                CHECK((a[k].x == b[k].x && a[k].y == b[k].y));
        }
    }
}

TEST_CASE("a refer without marks on PNG-only scans still exports", "[tdr_export]") {
    test::TempDir dir;
    Fixture f;
    f.annotations.clear();
    f.scans = {{"s-png", "", "lab.png", 10, "", "", ""}};
    const auto report = makeTdr(f.input());
    CHECK(report.images.empty());
    tdr::writeReport(report, dir / "no-marks.dcm");
    const auto read = tdr::readReport(dir / "no-marks.dcm");
    CHECK(read.threats.empty());
    CHECK(outcomeFromTdr(read) == Outcome::Refer);

    Fixture g;
    g.scans = f.scans; // marks, but no DICOM image to put them on
    CHECK_THROWS_WITH(tdr::writeReport(makeTdr(g.input()), dir / "x.dcm"),
                      Catch::Contains("references no image instance"));
}
