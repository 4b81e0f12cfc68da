#include "scan_view.h"
#include "ui_release_policy.h"
#include "ui_site.h"
#include "ui_wait.h"

#include <prescreen/ui/main_window.h>

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <catch2/catch.hpp>

using namespace prescreen;

namespace {

template <typename T>
T* child(QWidget& window, const char* name) {
    auto* found = window.findChild<T*>(QString::fromLatin1(name));
    REQUIRE(found != nullptr);
    return found;
}

void chooseReason(QWidget& window, const char* code) {
    auto* combo = child<QComboBox>(window, "ReasonCombo");
    const int index = combo->findData(QString::fromLatin1(code));
    REQUIRE(index > 0);
    combo->setCurrentIndex(index);
}

QString decisionStatus(QWidget& window) {
    return child<QLabel>(window, "DecisionStatus")->text();
}

struct Screening {
    test::DemoSite site;
    ui::MainWindow window{site.service};
    std::string firstCase;

    explicit Screening(const std::string& badge = "officer1") {
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        window.setSession(site.signIn(badge));
        REQUIRE(window.openNextCase());
        firstCase = window.currentCase()->summary.id;
    }
    std::vector<core::Decision> decisionsOn(const std::string& caseId) {
        return site.service.caseDetail(*window.session(), caseId).decisions;
    }
};

} // namespace

TEST_CASE("a referral without a comment or mark is refused with core's reason", "[ui][decision]") {
    Screening screening;
    auto& window = screening.window;
    chooseReason(window, "dense_region");
    QTest::keyClick(&window, Qt::Key_F);
    CHECK(decisionStatus(window).contains(QStringLiteral("Not saved")));
    CHECK(decisionStatus(window).contains(QStringLiteral("annotation on the scan or a comment")));
    CHECK(screening.decisionsOn(screening.firstCase).empty());
    CHECK(window.currentCase()->summary.id == screening.firstCase); // still on the case

    chooseReason(window, "dense_region"); // chosen again: unticked, no reason left
    child<QLineEdit>(window, "CommentEdit")->setText(QStringLiteral("looks odd"));
    QTest::keyClick(&window, Qt::Key_F);
    CHECK(decisionStatus(window).contains(QStringLiteral("reason code")));
    CHECK(screening.decisionsOn(screening.firstCase).empty());
}

TEST_CASE("R releases the case, says saved only after core committed, and opens the next",
          "[ui][decision]") {
    Screening screening;
    auto& window = screening.window;
    QTest::qWait(30); // some time on task
    chooseReason(window, "consistent_with_manifest");
    QTest::keyClick(&window, Qt::Key_R);

    const auto decisions = screening.decisionsOn(screening.firstCase);
    REQUIRE(decisions.size() == 1);
    CHECK(decisions.front().outcome == core::Outcome::Release);
    CHECK(decisions.front().reasonCodes == std::vector<std::string>{"consistent_with_manifest"});
    CHECK(decisions.front().timeOnTaskMs >= 30);
    CHECK(decisions.front().officerId == window.session()->officer().id);
    CHECK(decisionStatus(window).startsWith(QStringLiteral("Saved")));

    // The next case is open, with a fresh reason and comment.
    REQUIRE(window.currentCase().has_value());
    CHECK(window.currentCase()->summary.id != screening.firstCase);
    CHECK(window.currentCase()->summary.status == core::CaseStatus::Open);
    CHECK(child<QComboBox>(window, "ReasonCombo")->currentIndex() == 0);
    REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));
}

TEST_CASE("after the last case the queue says it is empty", "[ui][decision]") {
    test::ReleasePolicy policy("none"); // one key releases every case
    Screening screening;
    auto& window = screening.window;
    int decided = 0;
    while (window.currentCase() && decided < 20) {
        REQUIRE(window.decide(core::Outcome::Release));
        ++decided;
    }
    CHECK_FALSE(window.currentCase().has_value());
    CHECK(decided > 1);
    auto* noCase = window.findChild<QWidget*>(QStringLiteral("NoCaseState"));
    REQUIRE(noCase != nullptr);
    auto* title = noCase->findChild<QLabel*>(QStringLiteral("EmptyStateTitle"));
    REQUIRE(title != nullptr);
    CHECK(title->text() == QStringLiteral("Queue empty"));
    CHECK_FALSE(child<QAction>(window, "ReleaseAction")->isEnabled());
}

TEST_CASE("a supervisor's case is read-only: no decision can be sent", "[ui][decision]") {
    Screening screening("super1");
    auto& window = screening.window;
    CHECK(window.currentCase()->readOnly);
    CHECK_FALSE(child<QAction>(window, "ReleaseAction")->isEnabled());
    CHECK_FALSE(child<QAction>(window, "ReferAction")->isEnabled());
    QTest::keyClick(&window, Qt::Key_R);
    CHECK_FALSE(window.decide(core::Outcome::Release));
    CHECK(screening.decisionsOn(screening.firstCase).empty());
    CHECK(decisionStatus(window).contains(QStringLiteral("Read-only")));
}

TEST_CASE("a release above the site's risk level needs a second step; low risk stays one key",
          "[ui][decision][policy]") {
    Screening screening;
    auto& window = screening.window;
    REQUIRE(window.currentCase()->summary.risk.has_value());
    REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));
    {
        test::ReleasePolicy policy("low"); // every assessed case needs the second step
        QTest::keyClick(&window, Qt::Key_R);
        CHECK(screening.decisionsOn(screening.firstCase).empty());
        CHECK(window.currentCase()->summary.id == screening.firstCase);
        CHECK(decisionStatus(window).contains(QStringLiteral("Shift+R")));
        QTest::keyClick(&window, Qt::Key_R); // R again is not the second step
        CHECK(screening.decisionsOn(screening.firstCase).empty());
        QTest::keyClick(&window, Qt::Key_R, Qt::ShiftModifier);
        const auto decisions = screening.decisionsOn(screening.firstCase);
        REQUIRE(decisions.size() == 1);
        CHECK(decisions.front().outcome == core::Outcome::Release);
    }
    // Shift+R alone, before R asked for it, releases nothing.
    const std::string second = window.currentCase()->summary.id;
    REQUIRE(second != screening.firstCase);
    {
        test::ReleasePolicy policy("low");
        QTest::keyClick(&window, Qt::Key_R, Qt::ShiftModifier);
        CHECK(screening.decisionsOn(second).empty());
        // A release reason chosen is the deliberate second step too.
        chooseReason(window, "consistent_with_manifest");
        QTest::keyClick(&window, Qt::Key_R);
        CHECK(screening.decisionsOn(second).size() == 1);
    }
    // Below the level (none: no case needs it), R alone releases.
    const std::string third = window.currentCase()->summary.id;
    test::ReleasePolicy policy("none");
    QTest::keyClick(&window, Qt::Key_R);
    CHECK(screening.decisionsOn(third).size() == 1);
}

TEST_CASE("a release records a scan still loading or never shown at full resolution",
          "[ui][decision][policy]") {
    test::ReleasePolicy policy("none");
    Screening screening;
    auto& window = screening.window;
    // Released at once, before the scan is on screen at full resolution.
    QTest::keyClick(&window, Qt::Key_R);
    auto decisions = screening.decisionsOn(screening.firstCase);
    REQUIRE(decisions.size() == 1);
    CHECK(QString::fromStdString(decisions.front().comment).contains(QStringLiteral("[display:")));

    // Looked at one scan pixel per screen pixel: nothing to record.
    const std::string second = window.currentCase()->summary.id;
    REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));
    QTest::keyClick(&window, Qt::Key_1);
    auto* view = window.findChild<ui::ScanView*>(QStringLiteral("ScanView"));
    REQUIRE(view != nullptr);
    view->ensureRendered();
    REQUIRE(view->shownAtFullResolution());
    QTest::keyClick(&window, Qt::Key_R);
    decisions = screening.decisionsOn(second);
    REQUIRE(decisions.size() == 1);
    CHECK_FALSE(
        QString::fromStdString(decisions.front().comment).contains(QStringLiteral("[display:")));
}

TEST_CASE("several reason codes are ticked in the decision bar and all are stored",
          "[ui][decision][reasons]") {
    Screening screening;
    auto& window = screening.window;
    auto* combo = child<QComboBox>(window, "ReasonCombo");
    chooseReason(window, "dense_region");
    chooseReason(window, "manifest_mismatch");
    chooseReason(window, "weight_discrepancy");
    chooseReason(window, "weight_discrepancy"); // chosen again: unticked
    CHECK(combo->currentText().contains(QStringLiteral("2")));
    child<QLineEdit>(window, "CommentEdit")->setText(QStringLiteral("two reasons"));
    QTest::keyClick(&window, Qt::Key_F);
    const auto decisions = screening.decisionsOn(screening.firstCase);
    REQUIRE(decisions.size() == 1);
    CHECK(decisions.front().outcome == core::Outcome::Refer);
    CHECK(decisions.front().reasonCodes ==
          std::vector<std::string>{"manifest_mismatch", "dense_region"});
    // The next case starts with nothing ticked.
    CHECK(combo->currentText() == QStringLiteral("No reason code"));
}
