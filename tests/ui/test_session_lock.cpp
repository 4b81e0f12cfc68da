// Session lock after inactivity or on demand, unlocking only with the same officer's password
// (checked off the UI thread), signing out from the lock screen, and each officer's own layout.
// The listener interface (settings kept in a temporary folder for the whole run) needs this:
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include "ui_site.h"
#include "ui_wait.h"

#include <prescreen/ui/main_window.h>

#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>

using namespace prescreen;
using namespace std::chrono_literals;

namespace {

// Every test of this program keeps its settings in a folder of its own, never in the user's.
struct SettingsInTempFolder : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testRunStarting(const Catch::TestRunInfo&) override {
        folder = std::make_unique<test::TempDir>();
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           QString::fromStdString(folder->path().string()));
    }
    std::unique_ptr<test::TempDir> folder;
};

QDockWidget* dock(QWidget& window, const char* name) {
    return window.findChild<QDockWidget*>(QString::fromLatin1(name));
}

QWidget* lockScreen(QWidget& window) {
    return window.findChild<QWidget*>(QStringLiteral("SessionLock"));
}

void typeUnlockPassword(QWidget& window, const QString& password) {
    auto* field = window.findChild<QLineEdit*>(QStringLiteral("UnlockPassword"));
    REQUIRE(field != nullptr);
    REQUIRE(field->isVisible());
    QTest::keyClicks(field, password);
    QTest::keyClick(field, Qt::Key_Return);
}

QString unlockError(QWidget& window) {
    auto* error = window.findChild<QLabel*>(QStringLiteral("UnlockError"));
    return error != nullptr && error->isVisible() ? error->text() : QString();
}

bool docksShown(QWidget& window) {
    for (const char* name : {"WorkQueueDock", "ManifestDock", "RiskDock"})
        if (!dock(window, name)->isVisible())
            return false;
    return true;
}

bool anyDockShown(QWidget& window) {
    for (const char* name : {"WorkQueueDock", "ManifestDock", "RiskDock"})
        if (dock(window, name)->isVisible())
            return true;
    return false;
}

} // namespace

CATCH_REGISTER_LISTENER(SettingsInTempFolder)

TEST_CASE("the screen locks after inactivity; only the same officer unlocks it", "[ui][lock]") {
    test::OfficerSite site;
    const auto admin = site.service.login("ADMIN", test::kOfficerPassword);
    site.service.addOfficer(admin, {"OFF2", "Otto Other", core::Role::Officer, "another horse"});
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    QSignalSpy lockedChanged(&window, &ui::MainWindow::lockedChanged);
    window.setLockTimeout(400ms);
    window.setSession(site.service.login("OFF1", test::kOfficerPassword));
    REQUIRE(docksShown(window));

    // Input keeps the session open: moving the mouse for longer than the timeout.
    for (int i = 0; i < 8; ++i) {
        QTest::mouseMove(window.centralWidget(), QPoint(100 + i * 10, 100));
        QTest::qWait(100);
    }
    CHECK_FALSE(window.isLocked());

    // Then nobody touches it: it locks, covering queue, manifest and risk.
    REQUIRE(test::waitUntil([&] { return window.isLocked(); }, 5000));
    CHECK(lockedChanged.size() == 1);
    CHECK_FALSE(anyDockShown(window));
    REQUIRE(lockScreen(window)->isVisible());
    auto* who = window.findChild<QLabel*>(QStringLiteral("LockedOfficer"));
    CHECK(who->text().contains(QStringLiteral("Olive Officer")));
    CHECK(who->text().contains(QStringLiteral("OFF1")));
    // The View menu cannot bring a dock back while locked.
    CHECK_FALSE(dock(window, "RiskDock")->toggleViewAction()->isEnabled());

    // Another officer's password does not unlock it.
    typeUnlockPassword(window, QStringLiteral("another horse"));
    REQUIRE(test::waitUntil([&] { return !unlockError(window).isEmpty(); }));
    CHECK(unlockError(window).contains(QStringLiteral("not recognised")));
    CHECK(window.isLocked());
    CHECK_FALSE(anyDockShown(window));
    CHECK(window.session()->officer().badge == "OFF1");

    // The officer's own password does.
    typeUnlockPassword(window, QString::fromUtf8(test::kOfficerPassword));
    REQUIRE(test::waitUntil([&] { return !window.isLocked(); }));
    CHECK(docksShown(window));
    CHECK_FALSE(lockScreen(window)->isVisible());
    CHECK(window.session()->officer().badge == "OFF1");

    // A zero timeout never locks.
    window.setLockTimeout(0ms);
    QTest::qWait(600);
    CHECK_FALSE(window.isLocked());
}

TEST_CASE("locking by shortcut stops the case's keys; sign out keeps the case claimed",
          "[ui][lock]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.setLockTimeout(0ms);
    window.setSession(site.signIn("officer1"));
    REQUIRE(window.openNextCase());
    const std::string caseId = window.currentCase()->summary.id;
    const std::string officerId = window.session()->officer().id;
    window.activateWindow();

    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE(window.isLocked());
    // R (release) and Ctrl+N do nothing behind the lock.
    QTest::keyClick(window.focusWidget() ? window.focusWidget() : &window, Qt::Key_R);
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    CHECK(window.isLocked());
    CHECK(site.service.siteCaseDetail(caseId).decisions.empty());
    CHECK_FALSE(window.decide(core::Outcome::Release));

    QSignalSpy signedOut(&window, &ui::MainWindow::signedOut);
    auto* signOut = window.findChild<QPushButton*>(QStringLiteral("LockSignOutButton"));
    REQUIRE(signOut != nullptr);
    QTest::mouseClick(signOut, Qt::LeftButton);
    CHECK(signedOut.size() == 1);
    CHECK_FALSE(window.session().has_value());
    CHECK_FALSE(window.isLocked());
    CHECK_FALSE(window.currentCase().has_value());
    CHECK(window.findChild<QLabel*>(QStringLiteral("SignInLabel"))->text() ==
          QStringLiteral("Not signed in"));
    // Nothing was decided and the case is still the officer's.
    const auto detail = site.service.siteCaseDetail(caseId);
    CHECK(detail.decisions.empty());
    CHECK(detail.summary.status == core::CaseStatus::Open);
    CHECK(detail.summary.assignedOfficerId == officerId);
}

TEST_CASE("each officer gets their own layout back at sign-in", "[ui][layout]") {
    test::OfficerSite site;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.setLockTimeout(0ms);
    auto* risk = dock(window, "RiskDock");
    auto* status = window.findChild<QComboBox*>(QStringLiteral("StatusFilter"));
    auto* queue = window.findChild<QTableView*>(QStringLiteral("WorkQueueView"));
    REQUIRE(status != nullptr);
    REQUIRE(window.dockWidgetArea(risk) == Qt::RightDockWidgetArea);

    // Officer A moves the risk dock to the bottom, lists every case sorted by cargo number.
    window.setSession(site.service.login("OFF1", test::kOfficerPassword));
    window.addDockWidget(Qt::BottomDockWidgetArea, risk);
    status->setCurrentIndex(status->count() - 1);
    queue->sortByColumn(1, Qt::AscendingOrder);
    window.setDisplayMode(ui::DisplayMode::Material);
    window.signOut();
    CHECK(window.dockWidgetArea(risk) == Qt::RightDockWidgetArea);
    CHECK(status->currentIndex() == 0);

    // Officer B has never been here: the default layout.
    window.setSession(site.service.login("SUP1", test::kOfficerPassword));
    CHECK(window.dockWidgetArea(risk) == Qt::RightDockWidgetArea);
    CHECK(status->currentIndex() == 0);
    CHECK(queue->horizontalHeader()->sortIndicatorSection() == 0);
    window.signOut();

    // A again: theirs.
    window.setSession(site.service.login("OFF1", test::kOfficerPassword));
    CHECK(window.dockWidgetArea(risk) == Qt::BottomDockWidgetArea);
    CHECK(status->currentIndex() == status->count() - 1);
    CHECK(queue->horizontalHeader()->sortIndicatorSection() == 1);
    CHECK(queue->horizontalHeader()->sortIndicatorOrder() == Qt::AscendingOrder);
    const QVariantMap display = [&] {
        auto settings = QSettings(QSettings::IniFormat, QSettings::UserScope,
                                  QStringLiteral("Prescreen"), QStringLiteral("workstation"));
        return settings.value(QStringLiteral("officers/OFF1/display")).toMap();
    }();
    CHECK(display.value(QStringLiteral("mode")).toString() == QStringLiteral("material"));
}
