#include "ui_site.h"

#include <prescreen/core/time.h>
#include <prescreen/ui/main_window.h>
#include <prescreen/ui/work_queue_model.h>

#include <QComboBox>
#include <QElapsedTimer>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>

using namespace prescreen;
using Model = ui::WorkQueueModel;

namespace {

core::Case makeCase(int i, core::TimePoint now) {
    core::Case item;
    item.id = "case-" + std::to_string(i);
    item.cargoControlNumber = "8TST" + std::to_string(1000000 + (i * 7919) % 1000000);
    item.mode = static_cast<core::TransportMode>(i % 5);
    item.origin = i % 3 == 0 ? "DE" : i % 3 == 1 ? "CN" : "US";
    item.status = static_cast<core::CaseStatus>(i % 2);
    core::RiskAssessment risk;
    risk.score = (i * 37) % 101;
    risk.level = risk.score >= 60   ? core::RiskLevel::High
                 : risk.score >= 30 ? core::RiskLevel::Medium
                                    : core::RiskLevel::Low;
    item.risk = risk;
    item.createdAt = core::formatUtc(now - std::chrono::minutes(i % 5000));
    return item;
}

QString cell(const Model& model, int row, int column) {
    return model.data(model.index(row, column)).toString();
}

QComboBox* combo(QWidget& window, const char* name) {
    auto* box = window.findChild<QComboBox*>(QString::fromLatin1(name));
    REQUIRE(box != nullptr);
    return box;
}

} // namespace

TEST_CASE("the queue model shows risk, CCN, mode, origin, age and status", "[ui][queue]") {
    const auto now = std::chrono::system_clock::now();
    core::Case item = makeCase(3, now);
    item.createdAt = core::formatUtc(now - std::chrono::hours(3) - std::chrono::minutes(5));
    item.risk->score = 82;
    item.risk->level = core::RiskLevel::High;
    Model model;
    model.setCases({item});
    REQUIRE(model.rowCount() == 1);
    CHECK(model.columnCount() == 6);
    CHECK(cell(model, 0, Model::RiskColumn) == QStringLiteral("82 High"));
    CHECK(cell(model, 0, Model::CargoControlColumn) ==
          QString::fromStdString(item.cargoControlNumber));
    CHECK(cell(model, 0, Model::ModeColumn) == QStringLiteral("Truck"));
    CHECK(cell(model, 0, Model::OriginColumn) == QStringLiteral("DE"));
    CHECK(cell(model, 0, Model::AgeColumn) == QStringLiteral("3 h"));
    CHECK(cell(model, 0, Model::StatusColumn) == QStringLiteral("Open"));
    CHECK(model.data(model.index(0, 0), Model::CaseIdRole).toString() == QStringLiteral("case-3"));
    CHECK(model.data(model.index(0, 0), Qt::DecorationRole).canConvert<QColor>());
    CHECK_FALSE(model.data(model.index(5, 0)).isValid());
}

TEST_CASE("the queue model stays fast and keeps the selection with 100,000 rows", "[ui][queue]") {
    const auto now = std::chrono::system_clock::now();
    std::vector<core::Case> cases;
    for (int i = 0; i < 100000; ++i)
        cases.push_back(makeCase(i, now));

    Model model;
    QTableView view;
    view.setModel(&model);
    view.resize(600, 800);
    view.show();
    QElapsedTimer timer;
    timer.start();
    model.setCases(cases);
    const auto loadMs = timer.restart();
    REQUIRE(model.rowCount() == 100000);

    // Risk descending by default: the highest levels and scores first.
    CHECK(cell(model, 0, Model::RiskColumn).startsWith(QStringLiteral("100 High")));
    CHECK(cell(model, 99999, Model::RiskColumn).startsWith(QStringLiteral("0 Low")));

    view.setCurrentIndex(model.index(12345, 0));
    const QString selected = view.currentIndex().data(Model::CaseIdRole).toString();
    timer.restart();
    for (int column = 0; column < Model::ColumnCount; ++column) {
        model.sort(column, Qt::AscendingOrder);
        model.sort(column, Qt::DescendingOrder);
    }
    const auto sortMs = timer.restart() / (2 * Model::ColumnCount);
    model.sort(Model::CargoControlColumn, Qt::AscendingOrder);
    for (int row = 1; row < 1000; ++row)
        REQUIRE(cell(model, row - 1, 1) <= cell(model, row, 1));
    CHECK(view.currentIndex().data(Model::CaseIdRole).toString() == selected);

    timer.restart();
    view.scrollTo(model.index(60000, 0));
    view.viewport()->repaint();
    const auto paintMs = timer.elapsed();
    std::printf("queue of 100,000: load %lld ms, sort %lld ms per column, repaint %lld ms\n",
                static_cast<long long>(loadMs), static_cast<long long>(sortMs),
                static_cast<long long>(paintMs));
    // Generous bounds (sanitizer builds are slow): what they catch is per-row work that grows
    // with the queue in data() or a quadratic sort, which would take tens of seconds.
    CHECK(loadMs < 5000);
    CHECK(sortMs < 2000);
    CHECK(paintMs < 1000);
}

TEST_CASE("an officer opens the top case of the queue with Enter and claims it", "[ui][queue]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.setSession(site.signIn("officer1"));

    auto* view = window.findChild<QTableView*>(QStringLiteral("WorkQueueView"));
    REQUIRE(view != nullptr);
    const auto* model = qobject_cast<const Model*>(view->model());
    REQUIRE(model != nullptr);
    REQUIRE(model->rowCount() > 0);
    // To screen: nothing decided is listed; highest risk first.
    core::CaseQuery toScreen;
    toScreen.statuses = {core::CaseStatus::Queued, core::CaseStatus::Open};
    const auto expected = site.service.queue(*window.session(), toScreen);
    REQUIRE(static_cast<std::size_t>(model->rowCount()) == expected.size());
    CHECK(model->caseIdAt(0) == expected.front().id);
    for (int row = 0; row < model->rowCount(); ++row)
        CHECK(model->statusAt(row) != core::CaseStatus::Decided);

    REQUIRE(view->currentIndex().row() == 0);
    QTest::keyClick(view, Qt::Key_Return);
    REQUIRE(window.currentCase().has_value());
    CHECK(window.currentCase()->summary.id == expected.front().id);
    CHECK_FALSE(window.currentCase()->readOnly);
    const auto after = site.service.caseDetail(*window.session(), expected.front().id);
    CHECK(after.summary.status == core::CaseStatus::Open);
    CHECK(after.summary.assignedOfficerId == window.session()->officer().id);
    // The queue shows the new status and keeps the case selected.
    CHECK(model->statusAt(view->currentIndex().row()) == core::CaseStatus::Open);
    CHECK(model->caseIdAt(view->currentIndex().row()) == expected.front().id);
}

TEST_CASE("a supervisor opens a case read-only and it stays in the shared queue", "[ui][queue]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.setSession(site.signIn("super1"));
    auto* view = window.findChild<QTableView*>(QStringLiteral("WorkQueueView"));
    REQUIRE(view != nullptr);
    const auto* model = qobject_cast<const Model*>(view->model());
    const std::string id = model->caseIdAt(0);
    // A double-click as the system delivers it: press, release, double-click, release.
    const QPoint cell = view->visualRect(model->index(0, 2)).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell);
    REQUIRE(window.currentCase().has_value());
    CHECK(window.currentCase()->summary.id == id);
    CHECK(window.currentCase()->readOnly);
    CHECK(site.service.caseDetail(*window.session(), id).summary.status ==
          core::CaseStatus::Queued);
}

TEST_CASE("the queue filters by status and minimum risk level", "[ui][queue]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    window.setSession(site.signIn("super1")); // sees every case, decided ones too
    auto* view = window.findChild<QTableView*>(QStringLiteral("WorkQueueView"));
    const auto* model = qobject_cast<const Model*>(view->model());
    const int toScreen = model->rowCount();

    combo(window, "LevelFilter")->setCurrentIndex(2); // high only
    REQUIRE(model->rowCount() > 0);
    CHECK(model->rowCount() < toScreen);
    for (int row = 0; row < model->rowCount(); ++row)
        CHECK(cell(*model, row, Model::RiskColumn).endsWith(QStringLiteral("High")));

    combo(window, "LevelFilter")->setCurrentIndex(0);
    combo(window, "StatusFilter")->setCurrentIndex(3); // decided
    REQUIRE(model->rowCount() > 0);                    // the demo site has history
    for (int row = 0; row < model->rowCount(); ++row)
        CHECK(model->statusAt(row) == core::CaseStatus::Decided);

    combo(window, "StatusFilter")->setCurrentIndex(4); // all
    CHECK(model->rowCount() > toScreen);
}
