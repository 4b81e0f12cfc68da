// The shell offers the modes the signed-in officer's roles allow (core's role policy) and
// nothing else: a visible switcher and Ctrl+1/2/3 for an officer with several roles, an honest
// empty state for the modes still to come, and each mode's own layout per officer.
#include "ui_site.h"

#include <prescreen/core/role_policy.h>
#include <prescreen/ui/main_window.h>

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QStackedWidget>
#include <QTest>
#include <QToolBar>
#include <catch2/catch.hpp>

using namespace prescreen;
using core::Mode;

namespace {

QToolBar* switcher(QWidget& window) {
    return window.findChild<QToolBar*>(QStringLiteral("ModeSwitcher"));
}

/// The titles of the switcher's buttons the officer can see, left to right.
QStringList switcherButtons(QMainWindow& window) {
    QStringList titles;
    for (auto* action : switcher(window)->actions())
        if (action->isVisible())
            titles << action->text();
    return titles;
}

/// The title of the empty state on screen, if the centre shows one.
QString centreTitle(QMainWindow& window) {
    auto* centre = qobject_cast<QStackedWidget*>(window.centralWidget());
    REQUIRE(centre != nullptr);
    auto* title = centre->currentWidget()->findChild<QLabel*>(QStringLiteral("EmptyStateTitle"));
    return title != nullptr && title->isVisible() ? title->text() : QString();
}

bool dockShown(QWidget& window, const char* name) {
    auto* dock = window.findChild<QDockWidget*>(QString::fromLatin1(name));
    return dock != nullptr && dock->isVisible();
}

struct Workstation {
    test::DemoSite site;
    ui::MainWindow window{site.service};
    Workstation() {
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
    }
};

} // namespace

TEST_CASE("each role sees the modes its roles allow and nothing else", "[ui][modes]") {
    Workstation station;
    auto& window = station.window;
    CHECK(window.availableModes().empty()); // signed out
    CHECK(window.currentMode() == Mode::Screening);
    CHECK_FALSE(switcher(window)->isVisible());

    SECTION("an officer: screening only, no switcher, the work queue") {
        window.setSession(station.site.signIn("officer1"));
        CHECK(window.availableModes() == std::vector<Mode>{Mode::Screening});
        CHECK(window.currentMode() == Mode::Screening);
        CHECK_FALSE(switcher(window)->isVisible());
        CHECK(dockShown(window, "WorkQueueDock"));
        CHECK(window.windowTitle() == QStringLiteral("Prescreen — Screening"));
        CHECK_FALSE(window.switchMode(Mode::Audit));
        CHECK_FALSE(window.switchMode(Mode::Training));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        CHECK(window.currentMode() == Mode::Screening);
    }
    SECTION("a supervisor: screening (read-only review) and audit") {
        window.setSession(station.site.signIn("super1"));
        CHECK(window.availableModes() == std::vector<Mode>{Mode::Screening, Mode::Audit});
        CHECK(window.currentMode() == Mode::Screening);
        REQUIRE(switcher(window)->isVisible());
        CHECK(switcherButtons(window) ==
              QStringList{QStringLiteral("Screening"), QStringLiteral("Audit")});
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        CHECK(window.currentMode() == Mode::Audit);
        CHECK(centreTitle(window) == QStringLiteral("Audit — coming in this release"));
        CHECK_FALSE(dockShown(window, "WorkQueueDock"));
        CHECK(window.windowTitle() == QStringLiteral("Prescreen — Audit"));
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier); // training: not theirs
        CHECK(window.currentMode() == Mode::Audit);
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        CHECK(window.currentMode() == Mode::Screening);
        CHECK(dockShown(window, "WorkQueueDock"));
    }
    SECTION("a trainer: training only, its empty state, no screening docks") {
        window.setSession(station.site.signIn("trainer1"));
        CHECK(window.availableModes() == std::vector<Mode>{Mode::Training});
        CHECK(window.currentMode() == Mode::Training);
        CHECK_FALSE(switcher(window)->isVisible());
        CHECK(centreTitle(window) == QStringLiteral("Training — coming in this release"));
        for (const char* dock : {"WorkQueueDock", "ManifestDock", "RiskDock", "AnnotationDock"}) {
            INFO(dock);
            CHECK_FALSE(dockShown(window, dock));
        }
        CHECK_FALSE(window.findChild<QToolBar*>(QStringLiteral("AnnotationToolBar"))->isVisible());
        CHECK_FALSE(window.openNextCase()); // the screening mode is not theirs
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        CHECK(window.currentMode() == Mode::Training);
    }
    SECTION("lead1 (officer, supervisor, trainer): all three, switched by Ctrl+1/2/3") {
        window.setSession(station.site.signIn("lead1"));
        CHECK(window.availableModes() ==
              std::vector<Mode>{Mode::Screening, Mode::Audit, Mode::Training});
        REQUIRE(switcher(window)->isVisible());
        CHECK(switcherButtons(window) == QStringList{QStringLiteral("Screening"),
                                                     QStringLiteral("Audit"),
                                                     QStringLiteral("Training")});
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        CHECK(window.currentMode() == Mode::Training);
        CHECK(centreTitle(window) == QStringLiteral("Training — coming in this release"));
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        CHECK(window.currentMode() == Mode::Audit);
        CHECK(centreTitle(window) == QStringLiteral("Audit — coming in this release"));
        // The switcher's buttons do the same, and show which mode is on.
        for (auto* action : switcher(window)->actions())
            if (action->text() == QStringLiteral("Screening"))
                action->trigger();
        CHECK(window.currentMode() == Mode::Screening);
        CHECK(dockShown(window, "WorkQueueDock"));
        REQUIRE(window.openNextCase()); // lead1 screens as an officer
        CHECK_FALSE(window.currentCase()->readOnly);
    }
    SECTION("an administrator: no mode, and a page that says so") {
        window.setSession(station.site.signIn("admin"));
        CHECK(window.availableModes().empty());
        CHECK_FALSE(window.currentMode().has_value());
        CHECK(centreTitle(window) == QStringLiteral("No workspace for your roles"));
        CHECK_FALSE(dockShown(window, "WorkQueueDock"));
        CHECK_FALSE(window.openNextCase());
    }
}

TEST_CASE("the modes follow the role policy's table", "[ui][modes]") {
    Workstation station;
    for (const char* badge : {"officer1", "super1", "trainer1", "lead1", "admin"}) {
        INFO(badge);
        auto session = station.site.signIn(badge);
        const core::Roles roles = session.officer().roles;
        station.window.setSession(std::move(session));
        std::vector<Mode> expected;
        for (Mode mode : core::kModes)
            if (core::allows(roles, core::modePermission(mode)))
                expected.push_back(mode);
        CHECK(station.window.availableModes() == expected);
        for (Mode mode : core::kModes)
            CHECK(station.window.switchMode(mode) ==
                  core::allows(roles, core::modePermission(mode)));
        station.window.signOut();
    }
}

TEST_CASE("each mode keeps its own layout per officer, and the last mode comes back",
          "[ui][modes]") {
    Workstation station;
    auto& window = station.window;
    window.setLockTimeout(std::chrono::milliseconds(0));
    auto* risk = window.findChild<QDockWidget*>(QStringLiteral("RiskDock"));

    // lead1 moves the risk dock in screening, then leaves in the audit mode.
    window.setSession(station.site.signIn("lead1"));
    window.addDockWidget(Qt::BottomDockWidgetArea, risk);
    REQUIRE(window.switchMode(Mode::Audit));
    CHECK_FALSE(risk->isVisible());
    window.signOut();
    CHECK(window.currentMode() == Mode::Screening); // nobody signed in

    // Another officer: their own (default) layout.
    window.setSession(station.site.signIn("officer1"));
    CHECK(window.dockWidgetArea(risk) == Qt::RightDockWidgetArea);
    window.signOut();

    // lead1 again: back in audit; screening as they arranged it.
    window.setSession(station.site.signIn("lead1"));
    CHECK(window.currentMode() == Mode::Audit);
    CHECK_FALSE(risk->isVisible());
    REQUIRE(window.switchMode(Mode::Screening));
    CHECK(risk->isVisible());
    CHECK(window.dockWidgetArea(risk) == Qt::BottomDockWidgetArea);
}

TEST_CASE("no mode can be switched while the screen is locked", "[ui][modes]") {
    Workstation station;
    auto& window = station.window;
    window.setLockTimeout(std::chrono::milliseconds(0));
    window.setSession(station.site.signIn("lead1"));
    window.lockSession();
    CHECK_FALSE(switcher(window)->isVisible());
    CHECK_FALSE(window.switchMode(Mode::Audit));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    CHECK(window.currentMode() == Mode::Screening);
    CHECK(centreTitle(window).isEmpty()); // the lock screen, not a mode
}
