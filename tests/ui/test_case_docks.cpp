#include "manifest_panel.h"
#include "risk_chart.h"
#include "risk_panel.h"
#include "ui_site.h"

#include <prescreen/ui/main_window.h>

#include <QLabel>
#include <QTableWidget>
#include <QTest>
#include <catch2/catch.hpp>

using namespace prescreen;

namespace {

QStringList labelTexts(QWidget& root) {
    QStringList texts;
    for (auto* label : root.findChildren<QLabel*>())
        texts << label->text();
    return texts;
}

} // namespace

TEST_CASE("opening a case fills the manifest and risk docks", "[ui][docks]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.setSession(site.signIn("officer1"));
    REQUIRE(window.openNextCase());
    const auto& detail = *window.currentCase();

    auto* manifest = window.findChild<QWidget*>(QStringLiteral("ManifestPanel"));
    REQUIRE(manifest != nullptr);
    const QStringList texts = labelTexts(*manifest);
    CHECK(texts.contains(QString::fromStdString(detail.manifest.cargoControlNumber)));
    CHECK_FALSE(texts.filter(QString::fromStdString(detail.manifest.importer.name)).isEmpty());
    auto* lines = manifest->findChild<QTableWidget*>(QStringLiteral("ManifestLines"));
    REQUIRE(lines != nullptr);
    REQUIRE(lines->rowCount() == static_cast<int>(detail.manifest.lines.size()));
    REQUIRE(lines->rowCount() > 0);
    CHECK(lines->item(0, 0)->text() ==
          QString::fromStdString(detail.manifest.lines.front().hsCode));
    CHECK(lines->item(0, 1)->text() ==
          QString::fromStdString(detail.manifest.lines.front().description));

    auto* risk = window.findChild<QWidget*>(QStringLiteral("RiskPanel"));
    REQUIRE(risk != nullptr);
    REQUIRE(detail.summary.risk.has_value());
    const auto& assessment = *detail.summary.risk;
    CHECK(risk->findChild<QLabel*>(QStringLiteral("RiskScore"))->text() ==
          QString::number(assessment.score));
    CHECK(risk->findChild<QLabel*>(QStringLiteral("RiskLevel"))->text().size() > 0);
    const auto factors = risk->findChildren<QWidget*>(QStringLiteral("RiskFactor"));
    REQUIRE(factors.size() == static_cast<qsizetype>(assessment.factors.size()));
    REQUIRE_FALSE(assessment.factors.empty()); // the top demo case is risky for reasons
    const QStringList evidence = labelTexts(*risk);
    for (const auto& factor : assessment.factors) {
        INFO(factor.ruleId);
        CHECK(evidence.contains(QString::fromStdString(factor.evidence)));
    }
    CHECK(evidence.filter(QStringLiteral("+")).size() > 0); // points are signed
}

namespace {

core::Manifest textileManifest() {
    core::Manifest manifest;
    manifest.cargoControlNumber = "8TST0000042";
    manifest.origin = "CN";
    manifest.lines = {{"610910", "Cotton T-shirts", 200, "PCS", 40.0, 800.0, "CAD"},
                      {"620342", "Denim trousers", 100, "PCS", 60.0, 1500.0, "CAD"}};
    return manifest;
}

core::RiskFactor factor(const char* ruleId, const char* description, double points,
                        const char* evidence) {
    return {ruleId, description, points, evidence};
}

} // namespace

TEST_CASE("the manifest flags the fields and lines the scan contradicts", "[ui][docks]") {
    ui::ManifestPanel panel;
    core::RiskAssessment risk;
    risk.score = 70;
    risk.level = core::RiskLevel::High;
    risk.factors = {factor("origin-watchlist", "Origin on the watch list", 10, "origin CN"),
                    factor("scan-heavier-than-declared", "X-ray heavier than declared", 25,
                           "declared 100 kg; X-ray estimate 180 ± 15 kg"),
                    factor("scan-textiles-with-metal", "Textiles with metal", 20,
                           "declared textiles or apparel (2 lines); X-ray shows 31 % metal")};

    SECTION("with mismatches: banner, declared total and every declared line") {
        panel.showManifest(textileManifest(), risk);
        auto* banner = panel.findChild<QLabel*>(QStringLiteral("ScanMismatches"));
        REQUIRE(banner != nullptr);
        CHECK_FALSE(banner->isHidden());
        CHECK(banner->text().contains(QStringLiteral("X-ray estimate 180")));
        CHECK(banner->text().contains(QStringLiteral("31 % metal")));
        CHECK_FALSE(banner->text().contains(QStringLiteral("origin CN"))); // not a scan factor

        auto* total = panel.findChild<QLabel*>(QStringLiteral("DeclaredTotal"));
        REQUIRE(total != nullptr);
        CHECK(total->property("mismatch").toBool());
        CHECK(total->text().startsWith(QStringLiteral("⚠")));
        CHECK(total->toolTip().contains(QStringLiteral("X-ray estimate 180")));

        auto* lines = panel.findChild<QTableWidget*>(QStringLiteral("ManifestLines"));
        REQUIRE(lines->rowCount() == 2);
        for (int row = 0; row < 2; ++row) {
            CHECK(lines->item(row, 0)->data(ui::ManifestPanel::MismatchRole).toBool());
            CHECK(lines->item(row, 0)->toolTip().contains(QStringLiteral("31 % metal")));
        }
        CHECK(lines->item(0, 0)->text() == QStringLiteral("610910")); // as declared
    }
    SECTION("only a weight mismatch leaves the lines unflagged") {
        risk.factors.pop_back();
        panel.showManifest(textileManifest(), risk);
        auto* lines = panel.findChild<QTableWidget*>(QStringLiteral("ManifestLines"));
        CHECK_FALSE(lines->item(0, 0)->data(ui::ManifestPanel::MismatchRole).toBool());
        CHECK(panel.findChild<QLabel*>(QStringLiteral("DeclaredTotal"))
                  ->property("mismatch")
                  .toBool());
    }
    SECTION("without scan factors nothing is flagged, and clearing forgets the flags") {
        risk.factors.resize(1);
        panel.showManifest(textileManifest(), risk);
        CHECK(panel.findChild<QLabel*>(QStringLiteral("ScanMismatches"))->isHidden());
        CHECK_FALSE(panel.findChild<QLabel*>(QStringLiteral("DeclaredTotal"))
                        ->property("mismatch")
                        .toBool());
        panel.clear();
        CHECK(panel.findChild<QLabel*>(QStringLiteral("ScanMismatches"))->isHidden());
    }
}

TEST_CASE("the risk dock charts each factor's points, top to bottom", "[ui][docks]") {
    ui::RiskPanel panel;
    panel.show();
    core::RiskAssessment risk;
    risk.score = 45;
    risk.level = core::RiskLevel::Medium;
    risk.factors = {factor("a", "New importer", 20, "no earlier shipments"),
                    factor("b", "Trusted trader", -15, "member of PIP"),
                    factor("c", "X-ray heavier than declared", 40, "declared 10 kg; X-ray 30 kg")};
    panel.showRisk(risk);
    auto* chart = panel.findChild<ui::RiskChart*>(QStringLiteral("RiskChart"));
    REQUIRE(chart != nullptr);
    CHECK(chart->isVisible());
    CHECK(chart->labels() == QStringList{QStringLiteral("New importer"),
                                         QStringLiteral("Trusted trader"),
                                         QStringLiteral("X-ray heavier tha…")});
    CHECK(chart->points() == std::vector<double>{20, -15, 40});

    // Long and repeated descriptions still give distinct, short bars.
    risk.factors = {factor("a", "A very long description of a rule that goes on and on", 5, ""),
                    factor("b", "A very long description of a rule that goes on and on", 7, "")};
    panel.showRisk(risk);
    const QStringList labels = chart->labels();
    REQUIRE(labels.size() == 2);
    CHECK(labels[0] != labels[1]);
    CHECK(labels[0].size() <= 30);

    risk.factors.clear();
    panel.showRisk(risk);
    CHECK_FALSE(chart->isVisible());
    CHECK(chart->points().empty());
}
