// HQ's operator commands as library calls: officers, rules publishing, case import.
#include "hq_fixture.h"

#include <prescreen/error.h>
#include <prescreen/hq/admin.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace prescreen::core::hq;
using prescreen::test::hq::HqFixture;

namespace {

const std::filesystem::path kSource = PRESCREEN_SOURCE_DIR;

} // namespace

TEST_CASE("HQ admin publishes only rules the risk engine accepts", "[hq][hq_admin]") {
    HqFixture f;
    const auto head = f.store->feedHead();
    const auto seq = publishRules(*f.store, kSource / "resources/rules/risk-rules.json");
    CHECK(seq == head + 1);
    const auto page = f.store->readFeed("ws-a", head, 10, 1 << 22);
    REQUIRE(page.items.size() == 1);
    CHECK(page.items[0].kind == "rules");
    CHECK(page.items[0].payload.contains("rules"));

    const auto broken = f.dir / "broken.json";
    std::ofstream(broken) << R"({"version": "x", "rules": [{"id": 5}]})";
    CHECK_THROWS_AS(publishRules(*f.store, broken), prescreen::Error);
    CHECK_THROWS_AS(publishRules(*f.store, f.dir / "absent.json"), prescreen::Error);
    CHECK_THROWS_AS(publishRules(*f.store, kSource / "resources/rules/risk-rules.json", "a b"),
                    prescreen::Error);
    CHECK(f.store->feedHead() == seq);
}

TEST_CASE("HQ admin validates officers before they reach the directory", "[hq][hq_admin]") {
    HqFixture f;
    using prescreen::core::Role;
    const auto cheap = prescreen::core::PasswordCost::minimum();
    putOfficer(*f.store, "B-NEW", "New Officer", Role::Officer, true, "long enough", cheap);
    const auto stored = f.store->officer("B-NEW");
    REQUIRE(stored);
    CHECK(prescreen::core::verifyPassword("long enough", stored->passwordHash));
    CHECK_THROWS_AS(putOfficer(*f.store, "B-X", "X", Role::Officer, true, "short", cheap),
                    prescreen::Error);
    CHECK_THROWS_AS(putOfficer(*f.store, "B X", "X", Role::Officer, true, "long enough", cheap),
                    prescreen::Error);
    CHECK_THROWS_AS(putOfficer(*f.store, "B-Y", "", Role::Officer, true, "long enough", cheap),
                    prescreen::Error);
    CHECK(f.store->officers().size() == 6);
}

TEST_CASE("HQ admin imports manifests as cases for a site", "[hq][hq_admin]") {
    HqFixture f;
    const auto manifest = kSource / "resources/manifest/examples/batch.json";
    const auto head = f.store->feedHead();
    const auto report = importCases(*f.store, "ws-a", manifest, {}, f.dir / "scans");
    CHECK(report.problems.empty());
    REQUIRE(report.casesAdded >= 1);
    CHECK(report.warnings.size() == static_cast<std::size_t>(report.casesAdded)); // no scans
    const auto page = f.store->readFeed("ws-a", head, 500, 1 << 22);
    REQUIRE(page.items.size() == static_cast<std::size_t>(report.casesAdded));
    CHECK(page.items[0].kind == "case");
    CHECK(page.items[0].payload.at("caseId") == page.items[0].key);
    CHECK(page.items[0].payload.at("manifest").contains("cargoControlNumber"));
    CHECK(f.store->readFeed("ws-b", head, 500, 1 << 22).items.empty());

    CHECK_THROWS_AS(importCases(*f.store, "", manifest, {}, f.dir / "scans"), prescreen::Error);
    const auto missing = importCases(*f.store, "*", f.dir / "absent.json", {}, f.dir / "scans");
    CHECK(missing.casesAdded == 0);
    CHECK(missing.problems.size() == 1);
}
