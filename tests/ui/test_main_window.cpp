#include "test_support.h"

#include <prescreen/core/store.h>
#include <prescreen/ui/main_window.h>
#include <prescreen/ui/screenshot.h>

#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

using namespace prescreen;

TEST_CASE("the main window has the work queue, manifest and risk docks", "[ui]") {
    test::TempDir dir;
    core::Store store(dir / "prescreen.sqlite3");
    ui::MainWindow window(store);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));

    for (const char* name : {"WorkQueueDock", "ManifestDock", "RiskDock"}) {
        INFO(name);
        auto* dock = window.findChild<QDockWidget*>(QString::fromLatin1(name));
        REQUIRE(dock != nullptr);
        CHECK(dock->isVisible());
    }
    auto* queue = window.findChild<QTableView*>(QStringLiteral("WorkQueueView"));
    REQUIRE(queue != nullptr);
    REQUIRE(queue->model() != nullptr);
    CHECK(queue->model()->columnCount() == 6);
    CHECK(queue->model()->headerData(0, Qt::Horizontal).toString() == QStringLiteral("Risk"));
}

TEST_CASE("the status bar shows who is signed in and which database is open", "[ui]") {
    test::TempDir dir;
    core::Store store(dir / "prescreen.sqlite3");
    ui::MainWindow window(store);
    window.show();

    auto* signIn = window.findChild<QLabel*>(QStringLiteral("SignInLabel"));
    REQUIRE(signIn != nullptr);
    CHECK(signIn->text() == QStringLiteral("Not signed in"));

    auto* database = window.findChild<QLabel*>(QStringLiteral("DatabaseLabel"));
    REQUIRE(database != nullptr);
    CHECK(database->text().contains(QString::fromStdString(store.file().string())));
    CHECK(database->toolTip().contains(QString::fromStdString(store.workstationId())));
}

TEST_CASE("a screenshot of the window is written and is not blank", "[ui]") {
    test::TempDir dir;
    core::Store store(dir / "prescreen.sqlite3");
    ui::MainWindow window(store);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));

    const auto png = QString::fromStdString((dir / "window.png").string());
    CHECK(ui::saveScreenshot(window, png).isEmpty());
    QImage image(png);
    REQUIRE_FALSE(image.isNull());
    CHECK(image.width() >= 800);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    CHECK(colours.size() > 10); // text, docks and frames, not one flat colour

    CHECK_FALSE(ui::saveScreenshot(window, QStringLiteral("/nonexistent/dir/x.png")).isEmpty());
}
