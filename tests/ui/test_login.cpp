#include "ui_site.h"
#include "ui_wait.h"

#include <prescreen/ui/login_dialog.h>
#include <prescreen/ui/main_window.h>

#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <catch2/catch.hpp>

using namespace prescreen;

namespace {

void type(ui::LoginDialog& dialog, const char* badge, const char* password) {
    auto* badgeEdit = dialog.findChild<QLineEdit*>(QStringLiteral("BadgeEdit"));
    auto* passwordEdit = dialog.findChild<QLineEdit*>(QStringLiteral("PasswordEdit"));
    REQUIRE(badgeEdit != nullptr);
    REQUIRE(passwordEdit != nullptr);
    badgeEdit->clear();
    QTest::keyClicks(badgeEdit, QString::fromUtf8(badge));
    QTest::keyClicks(passwordEdit, QString::fromUtf8(password));
    QTest::keyClick(passwordEdit, Qt::Key_Return); // Enter submits
    // The check runs on a worker thread; wait for its answer.
    REQUIRE(test::waitUntil([&] { return !dialog.isSigningIn(); }));
}

QString errorText(ui::LoginDialog& dialog) {
    auto* error = dialog.findChild<QLabel*>(QStringLiteral("LoginError"));
    REQUIRE(error != nullptr);
    return error->isVisible() ? error->text() : QString();
}

} // namespace

TEST_CASE("signing in with badge and password and Enter accepts the dialog", "[ui][login]") {
    test::OfficerSite site;
    ui::LoginDialog dialog(site.service);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    type(dialog, "OFF1", test::kOfficerPassword);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK_FALSE(dialog.isVisible());
    REQUIRE(dialog.session().has_value());
    CHECK(dialog.session()->officer().badge == "OFF1");
    CHECK(dialog.session()->has(core::Role::Officer));
}

TEST_CASE("a wrong password keeps the dialog open and says why", "[ui][login]") {
    test::OfficerSite site;
    ui::LoginDialog dialog(site.service);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    type(dialog, "OFF1", "wrong horse");
    CHECK(dialog.isVisible());
    CHECK_FALSE(dialog.session().has_value());
    CHECK(errorText(dialog).contains(QStringLiteral("not recognised")));
    // The password field is cleared for the next try; the badge is kept.
    CHECK(dialog.findChild<QLineEdit*>(QStringLiteral("PasswordEdit"))->text().isEmpty());
    CHECK(dialog.findChild<QLineEdit*>(QStringLiteral("BadgeEdit"))->text() ==
          QStringLiteral("OFF1"));

    type(dialog, "", "");
    CHECK(errorText(dialog).contains(QStringLiteral("Enter your badge")));
}

TEST_CASE("a locked account is refused in words, without a crash", "[ui][login]") {
    test::OfficerSite site;
    ui::LoginDialog dialog(site.service);
    dialog.show();
    for (int attempt = 0; attempt < 5; ++attempt)
        type(dialog, "OFF1", "wrong horse");
    // Now locked: even the right password is refused, and the dialog stays usable.
    type(dialog, "OFF1", test::kOfficerPassword);
    CHECK(dialog.isVisible());
    CHECK_FALSE(dialog.session().has_value());
    CHECK_FALSE(errorText(dialog).isEmpty());
    CHECK_THROWS(site.service.login("OFF1", test::kOfficerPassword));
}

TEST_CASE("a workstation without officers says how to get some", "[ui][login]") {
    test::TempDir dir;
    core::Store store(dir / "prescreen.sqlite3");
    core::ScanCache cache(core::ScanCache::folderFor(store.file()));
    core::Service service(store, cache);
    ui::LoginDialog dialog(service);
    CHECK(dialog.findChild<QLabel*>(QStringLiteral("NoOfficersHint")) != nullptr);

    test::OfficerSite site;
    ui::LoginDialog withOfficers(site.service);
    CHECK(withOfficers.findChild<QLabel*>(QStringLiteral("NoOfficersHint")) == nullptr);
}

TEST_CASE("the status bar names the signed-in officer and role", "[ui][login]") {
    test::OfficerSite site;
    ui::MainWindow window(site.service);
    window.show();
    auto* label = window.findChild<QLabel*>(QStringLiteral("SignInLabel"));
    REQUIRE(label != nullptr);
    CHECK(label->text() == QStringLiteral("Not signed in"));
    window.setSession(site.service.login("SUP1", test::kOfficerPassword));
    CHECK(label->text().contains(QStringLiteral("Sam Supervisor")));
    CHECK(label->text().contains(QStringLiteral("SUP1")));
    CHECK(label->text().contains(QStringLiteral("supervisor")));
}

TEST_CASE("the password is checked off the UI thread, which keeps answering", "[ui][login]") {
    test::OfficerSite site;
    // An officer with the real (interactive, 64 MiB) Argon2id cost: checking takes a while.
    core::Service realCost(site.store, site.cache);
    const auto admin = site.service.login("ADMIN", test::kOfficerPassword);
    realCost.addOfficer(
        admin, {"SLOW1", "Sol Slow", core::Roles{core::Role::Officer}, "a slow correct horse"});

    ui::LoginDialog dialog(site.service);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy finished(&dialog, &ui::LoginDialog::signInFinished);
    auto* badgeEdit = dialog.findChild<QLineEdit*>(QStringLiteral("BadgeEdit"));
    auto* passwordEdit = dialog.findChild<QLineEdit*>(QStringLiteral("PasswordEdit"));
    auto* busy = dialog.findChild<QProgressBar*>(QStringLiteral("SignInBusy"));
    auto* button = dialog.findChild<QPushButton*>(QStringLiteral("SignInButton"));
    REQUIRE(busy != nullptr);
    CHECK_FALSE(busy->isVisible());
    QTest::keyClicks(badgeEdit, QStringLiteral("SLOW1"));
    QTest::keyClicks(passwordEdit, QStringLiteral("a slow correct horse"));

    int ticks = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start(5);
    QTest::keyClick(passwordEdit, Qt::Key_Return);
    // Enter returned at once: the check is still running, shown as busy, the form locked.
    REQUIRE(dialog.isSigningIn());
    CHECK(busy->isVisible());
    CHECK_FALSE(button->isEnabled());
    CHECK(passwordEdit->isReadOnly());
    dialog.reject(); // Escape while checking does not close it (the worker uses the service)
    CHECK(dialog.isVisible());
    REQUIRE(test::waitUntil([&] { return !dialog.isSigningIn(); }));
    // The event loop ran while Argon2id worked.
    CHECK(ticks >= 3);
    REQUIRE(finished.size() == 1);
    CHECK(finished.first().at(0).toBool());
    CHECK(dialog.result() == QDialog::Accepted);
    REQUIRE(dialog.session().has_value());
    CHECK(dialog.session()->officer().badge == "SLOW1");
    CHECK_FALSE(busy->isVisible());
}
