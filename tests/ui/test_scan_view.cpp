#include "ui_release_policy.h"
#include "ui_site.h"
#include "ui_wait.h"

#include <prescreen/ui/main_window.h>

#include <QAction>
#include <QLabel>
#include <QScrollBar>
#include <QWheelEvent>
#include <catch2/catch.hpp>

#include <cstdio>

using namespace prescreen;

namespace {

QAction* action(QWidget& window, const char* name) {
    auto* found = window.findChild<QAction*>(QString::fromLatin1(name));
    REQUIRE(found != nullptr);
    return found;
}

double meanGrey(const QImage& image) {
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0;
    for (int y = 0; y < grey.height(); ++y)
        for (int x = 0; x < grey.width(); ++x)
            sum += grey.constScanLine(y)[x];
    return sum / (static_cast<double>(grey.width()) * grey.height());
}

struct OpenCase {
    test::DemoSite site;
    ui::MainWindow window{site.service};

    OpenCase() {
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        window.setSession(site.signIn("officer1"));
        REQUIRE(window.openNextCase());
        REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));
    }
};

} // namespace

TEST_CASE("the open case's scan is decoded off the UI thread and shown in grey", "[ui][scan]") {
    OpenCase open;
    const QImage image = test::shownScan(open.window);
    REQUIRE_FALSE(image.isNull());
    CHECK(image.width() > 100);
    CHECK(image.height() > 100);
    CHECK(test::colouredPixels(image) == 0);
    CHECK(action(open.window, "GreyAction")->isChecked());
    CHECK_FALSE(open.window.findChild<QLabel*>(QStringLiteral("ScanMessage"))->isVisible());
}

TEST_CASE("the display modes switch by shortcut: material, organic, inorganic, grey, invert",
          "[ui][scan]") {
    OpenCase open;
    auto& window = open.window;
    const QImage grey = test::shownScan(window);

    auto press = [&](Qt::Key key) {
        QTest::keyClick(&window, key);
        REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));
        return test::shownScan(window);
    };
    const QImage material = press(Qt::Key_M);
    CHECK(action(window, "MaterialAction")->isChecked());
    CHECK(material.size() == grey.size());
    const int colouredAll = test::colouredPixels(material);
    CHECK(colouredAll > 100);
    CHECK_FALSE(action(window, "InvertAction")->isEnabled()); // invert is for grey

    const QImage organic = press(Qt::Key_O);
    CHECK(action(window, "OrganicAction")->isChecked());
    const QImage inorganic = press(Qt::Key_N);
    CHECK(action(window, "InorganicAction")->isChecked());
    // Stripping keeps one family in colour: each shows less colour than all of them.
    CHECK(test::colouredPixels(organic) < colouredAll);
    CHECK(test::colouredPixels(inorganic) < colouredAll);
    CHECK(organic != inorganic);

    const QImage greyAgain = press(Qt::Key_G);
    CHECK(action(window, "GreyAction")->isChecked());
    CHECK(greyAgain == grey);
    const QImage inverted = press(Qt::Key_I);
    CHECK(action(window, "InvertAction")->isChecked());
    CHECK(std::abs(meanGrey(inverted) - (255 - meanGrey(grey))) < 1.0);
}

TEST_CASE("the wheel zooms around the cursor and dragging pans", "[ui][scan]") {
    OpenCase open;
    auto* view = open.window.findChild<QGraphicsView*>(QStringLiteral("ScanView"));
    REQUIRE(view != nullptr);
    const double fitted = view->transform().m11();
    const QPoint cursor(view->viewport()->width() / 3, view->viewport()->height() / 3);
    const QPointF under = view->mapToScene(cursor);
    for (int notch = 0; notch < 6; ++notch) {
        QWheelEvent wheel(cursor, view->viewport()->mapToGlobal(cursor), {}, {0, 120}, Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
    }
    const double zoomed = view->transform().m11();
    CHECK(zoomed > fitted * 2.5);
    const QPointF stillUnder = view->mapToScene(cursor);
    CHECK(std::abs(stillUnder.x() - under.x()) * zoomed < 2.0);
    CHECK(std::abs(stillUnder.y() - under.y()) * zoomed < 2.0);

    // Drag left and up by 100 screen pixels: the image follows the hand.
    const QPointF before = view->mapToScene(view->viewport()->rect().center());
    const QPoint start = view->viewport()->rect().center();
    const QPoint end = start - QPoint(100, 100);
    auto send = [&](QEvent::Type type, QPoint at, Qt::MouseButtons buttons) {
        QMouseEvent event(type, at, view->viewport()->mapToGlobal(at), Qt::LeftButton, buttons,
                          Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &event);
    };
    send(QEvent::MouseButtonPress, start, Qt::LeftButton);
    send(QEvent::MouseMove, (start + end) / 2, Qt::LeftButton);
    send(QEvent::MouseMove, end, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, end, Qt::NoButton);
    const QPointF after = view->mapToScene(view->viewport()->rect().center());
    CHECK((after.x() - before.x()) * zoomed == Approx(100).margin(3));
    CHECK((after.y() - before.y()) * zoomed == Approx(100).margin(3));

    QTest::keyClick(&open.window, Qt::Key_0); // fit
    CHECK(view->transform().m11() == Approx(fitted));
}

TEST_CASE("a damaged scan file is reported in words and the case still works", "[ui][scan]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.setSession(site.signIn("officer1"));
    core::CaseQuery top;
    top.statuses = {core::CaseStatus::Queued, core::CaseStatus::Open};
    top.limit = 1;
    const auto first = site.service.queue(*window.session(), top).front();
    const auto scans = site.service.siteCaseDetail(first.id).scans;
    REQUIRE_FALSE(scans.empty());
    {
        // One byte changed in the middle: the content no longer matches its SHA-256 name.
        const auto path = site.cache.pathOf(scans.front().sha256);
        std::FILE* file = std::fopen(path.c_str(), "r+b");
        REQUIRE(file != nullptr);
        std::fseek(file, scans.front().sizeBytes / 2, SEEK_SET);
        const int byte = std::fgetc(file);
        std::fseek(file, scans.front().sizeBytes / 2, SEEK_SET);
        std::fputc(byte ^ 0xff, file);
        std::fclose(file);
    }
    REQUIRE(window.openCase(first.id));
    REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));
    auto* message = window.findChild<QLabel*>(QStringLiteral("ScanMessage"));
    REQUIRE(message != nullptr);
    CHECK(message->isVisible());
    CHECK(message->text().startsWith(QStringLiteral("The scan cannot be shown")));
    CHECK(message->text().contains(QString::fromStdString(scans.front().sha256.substr(0, 12))));
    CHECK(test::shownScan(window).isNull());
    const test::ReleasePolicy policy("none"); // one key (the policy: test_decision.cpp)
    // The manifest and risk are there, and the officer can still decide.
    CHECK(window.decide(core::Outcome::Release));
    CHECK(site.service.caseDetail(*window.session(), first.id).decisions.size() == 1);
}
