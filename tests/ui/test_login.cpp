#include "ui_site.h"

#include <prescreen/ui/login_dialog.h>
#include <prescreen/ui/main_window.h>

#include <QLabel>
#include <QLineEdit>
#include <QTest>
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
