// The whole screening workflow as an officer does it, by keyboard, against a real demo site.
#include "ui_site.h"
#include "ui_wait.h"

#include <prescreen/ui/login_dialog.h>
#include <prescreen/ui/main_window.h>
#include <prescreen/ui/screenshot.h>

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QTableView>
#include <catch2/catch.hpp>

using namespace prescreen;

namespace {

/// Left-drags on the scan's viewport, as a hand on the mouse would.
void dragOn(QWidget* viewport, QPoint from, QPoint to) {
    auto send = [viewport](QEvent::Type type, QPoint at, Qt::MouseButton button,
                           Qt::MouseButtons buttons) {
        QMouseEvent event(type, QPointF(at), viewport->mapToGlobal(QPointF(at)), button, buttons,
                          Qt::NoModifier);
        QApplication::sendEvent(viewport, &event);
    };
    send(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    send(QEvent::MouseMove, (from + to) / 2, Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
}

} // namespace

TEST_CASE("sign in, open the top case, material colour, mark it with undo and redo, refer with "
          "reason and comment",
          "[ui][workflow]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));

    ui::LoginDialog login(site.service, &window);
    QObject::connect(&login, &QDialog::accepted, &window,
                     [&] { window.setSession(*login.session()); });
    login.open();
    REQUIRE(QTest::qWaitForWindowExposed(&login));
    QTest::keyClicks(login.findChild<QLineEdit*>(QStringLiteral("BadgeEdit")),
                     QStringLiteral("officer1"));
    auto* password = login.findChild<QLineEdit*>(QStringLiteral("PasswordEdit"));
    QTest::keyClicks(password, QString::fromStdString(test::DemoSite::password("officer1")));
    QTest::keyClick(password, Qt::Key_Return);
    // The password is checked on a worker thread; the dialog is accepted when it is done.
    REQUIRE(test::waitUntil([&] { return window.session().has_value(); }));
    CHECK(window.findChild<QLabel*>(QStringLiteral("SignInLabel"))
              ->text()
              .contains(QStringLiteral("officer1")));

    // The top of the queue is the highest risk; Enter opens it.
    core::CaseQuery toScreen;
    toScreen.statuses = {core::CaseStatus::Queued, core::CaseStatus::Open};
    toScreen.limit = 1;
    const auto top = site.service.queue(*window.session(), toScreen);
    REQUIRE(top.size() == 1);
    auto* queue = window.findChild<QTableView*>(QStringLiteral("WorkQueueView"));
    REQUIRE(test::waitUntil([&] { return queue->hasFocus(); }, 5000)); // keyboard-first
    QTest::keyClick(queue, Qt::Key_Return);
    REQUIRE(window.currentCase().has_value());
    const std::string caseId = window.currentCase()->summary.id;
    CHECK(caseId == top.front().id);
    REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));

    QTest::keyClick(&window, Qt::Key_M);
    REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));
    CHECK(window.findChild<QAction*>(QStringLiteral("MaterialAction"))->isChecked());
    CHECK(test::colouredPixels(test::shownScan(window)) > 100);
    // For a look at the screen: PRESCREEN_UI_SHOTS=DIR keeps a screenshot of this moment.
    if (const QString shots = qEnvironmentVariable("PRESCREEN_UI_SHOTS"); !shots.isEmpty())
        CHECK(
            ui::saveScreenshot(window, shots + QStringLiteral("/workflow-material.png")).isEmpty());

    // A box around the middle of the scan (B, then drag), undone and redone by keyboard: every
    // step is in the store, not only on screen.
    auto* scanView = window.findChild<QWidget*>(QStringLiteral("ScanView"));
    REQUIRE(scanView != nullptr);
    scanView->setFocus();
    auto currentMarks = [&] {
        return site.service.caseDetail(*window.session(), caseId).annotations.size();
    };
    REQUIRE(currentMarks() == 0);
    QTest::keyClick(scanView, Qt::Key_B);
    auto* scrollArea = qobject_cast<QAbstractScrollArea*>(scanView);
    REQUIRE(scrollArea != nullptr);
    QWidget* viewport = scrollArea->viewport();
    const QPoint middle = viewport->rect().center();
    dragOn(viewport, middle - QPoint(60, 40), middle + QPoint(60, 40));
    REQUIRE(currentMarks() == 1);
    scanView->setFocus();
    QTest::keyClick(scanView, Qt::Key_Z, Qt::ControlModifier);
    CHECK(currentMarks() == 0);
    QTest::keyClick(scanView, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    REQUIRE(currentMarks() == 1);
    QTest::keyClick(scanView, Qt::Key_S); // back to select: the keys below are the decision's

    auto* reason = window.findChild<QComboBox*>(QStringLiteral("ReasonCombo"));
    reason->setCurrentIndex(reason->findData(QStringLiteral("concealment_suspected")));
    auto* comment = window.findChild<QLineEdit*>(QStringLiteral("CommentEdit"));
    comment->setFocus();
    QTest::keyClicks(comment, QStringLiteral("Dense block behind the fans; refer"));
    // Typing "f" in the comment wrote a letter; it did not refer.
    CHECK(site.service.caseDetail(*window.session(), caseId).decisions.empty());
    window.findChild<QWidget*>(QStringLiteral("ScanView"))->setFocus();
    QTest::keyClick(&window, Qt::Key_F);

    const auto detail = site.service.caseDetail(*window.session(), caseId);
    REQUIRE(detail.decisions.size() == 1);
    const auto& decision = detail.decisions.front();
    CHECK(decision.outcome == core::Outcome::Refer);
    CHECK(decision.reasonCodes == std::vector<std::string>{"concealment_suspected"});
    CHECK(decision.comment == "Dense block behind the fans; refer");
    CHECK(decision.timeOnTaskMs > 0);
    CHECK(detail.annotations.size() == 1);
    CHECK(detail.summary.status == core::CaseStatus::Decided);
    CHECK(window.findChild<QLabel*>(QStringLiteral("DecisionStatus"))
              ->text()
              .startsWith(QStringLiteral("Saved")));
    REQUIRE(window.currentCase().has_value());
    CHECK(window.currentCase()->summary.id != caseId);
    REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));
}
