#include "ui_site.h"

#include <prescreen/core/store.h>
#include <prescreen/ui/login_dialog.h>
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
    test::OfficerSite site;
    ui::MainWindow window(site.service);
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
    test::OfficerSite site;
    auto& store = site.store;
    ui::MainWindow window(site.service);
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
    test::OfficerSite site;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));

    const auto png = QString::fromStdString((site.dir / "window.png").string());
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

TEST_CASE("a screenshot shows the sign-in dialog open over the window", "[ui]") {
    test::OfficerSite site;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    const auto plain = QString::fromStdString((site.dir / "plain.png").string());
    REQUIRE(ui::saveScreenshot(window, plain).isEmpty());

    ui::LoginDialog login(site.service, &window);
    login.open();
    REQUIRE(QTest::qWaitForWindowExposed(&login));
    const auto withLogin = QString::fromStdString((site.dir / "login.png").string());
    REQUIRE(ui::saveScreenshot(window, withLogin).isEmpty());

    const QImage before(plain);
    const QImage after(withLogin);
    REQUIRE(before.size() == after.size());
    // The dialog's pixels differ from the window's where it is drawn.
    const QRect area(login.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0)),
                     login.size());
    REQUIRE(QRect(QPoint(0, 0), after.size()).contains(area.center()));
    int changed = 0;
    for (int y = area.top(); y < area.bottom(); y += 3)
        for (int x = area.left(); x < area.right(); x += 3)
            if (QRect(QPoint(0, 0), after.size()).contains(x, y) &&
                before.pixel(x, y) != after.pixel(x, y))
                ++changed;
    CHECK(changed > 100);
}

TEST_CASE("after signing in the empty centre no longer asks to sign in", "[ui][empty]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    auto* noCase = window.findChild<QWidget*>(QStringLiteral("NoCaseState"));
    REQUIRE(noCase != nullptr);
    auto* hint = noCase->findChild<QLabel*>(QStringLiteral("EmptyStateHint"));
    REQUIRE(hint != nullptr);
    CHECK(hint->text().startsWith(QStringLiteral("Sign in")));
    window.setSession(site.signIn("officer1"));
    CHECK_FALSE(hint->text().contains(QStringLiteral("Sign in")));
    CHECK(hint->text().contains(QStringLiteral("work queue")));
}
