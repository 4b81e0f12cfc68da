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
