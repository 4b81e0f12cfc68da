// Annotations on the scan: drawing with the mouse, category and note, move and resize, delete,
// undo and redo through core, read-only cases, and one undo history per case.
#include "annotation_controller.h"
#include "annotation_item.h"
#include "scan_render.h"
#include "scan_view.h"
#include "ui_site.h"
#include "ui_wait.h"

#include <prescreen/ui/main_window.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QUndoStack>
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

using namespace prescreen;

namespace {

constexpr double kZoom = 1.5; ///< screen pixels per image pixel while drawing

/// A scan view showing a case's scan at 1.5 screen pixels per image pixel. Points are given in
/// viewport pixels and checked in image pixels (the scene's units).
struct Scene {
    ui::ScanView view;

    Scene() {
        view.resize(800, 600);
        view.show();
        REQUIRE(QTest::qWaitForWindowExposed(&view));
        view.activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(&view));
    }

    void showScan(const core::ScanCache& cache, const std::vector<core::ScanFile>& files) {
        auto scan = std::make_shared<const imaging::Scan>(ui::loadCaseScan(cache, files));
        auto prepared = ui::prepareView(scan, 0, [](double) {}, {});
        REQUIRE(prepared != nullptr);
        view.setView(prepared, false);
        view.zoomAt(kZoom / view.zoom(), QPointF(view.viewport()->rect().center()));
        REQUIRE(view.zoom() == Approx(kZoom));
        view.setFocus();
    }

    /// The image point under a viewport pixel.
    QPointF image(QPoint viewportPixel) const { return view.mapToScene(viewportPixel); }

    void mouse(QEvent::Type type, QPoint at, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent event(type, QPointF(at), view.viewport()->mapToGlobal(QPointF(at)), button,
                          buttons, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &event);
    }
    void drag(QPoint from, QPoint to) {
        mouse(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
        mouse(QEvent::MouseMove, (from + to) / 2, Qt::NoButton, Qt::LeftButton);
        mouse(QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
    }
    void click(QPoint at) {
        mouse(QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
    }
    void doubleClick(QPoint at) {
        click(at);
        mouse(QEvent::MouseButtonDblClick, at, Qt::LeftButton, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
    }
    void key(Qt::Key key) { QTest::keyClick(&view, key); }
    int shownMarks() {
        int count = 0;
        for (auto* item : view.scene()->items())
            if (qgraphicsitem_cast<ui::AnnotationItem*>(item) != nullptr)
                ++count;
        return count;
    }
};

/// An officer with two cases claimed from the shared queue, and a controller on a scan view.
struct Annotating {
    test::DemoSite site;
    core::Session officer = site.signIn("officer1");
    std::vector<core::Case> queued;
    Scene scene;
    ui::AnnotationController controller{site.service, scene.view};

    Annotating() {
        core::CaseQuery query;
        query.statuses = {core::CaseStatus::Queued};
        queued = site.service.queue(officer, query);
        REQUIRE(queued.size() >= 2);
        const auto first = open(0);
        scene.showScan(site.cache, first.scans);
    }
    core::CaseDetail open(std::size_t index) {
        auto detail = site.service.openCase(officer, queued.at(index).id);
        REQUIRE_FALSE(detail.readOnly);
        controller.setCase(detail, officer);
        return detail;
    }
    /// The case's current annotations as core has them.
    std::vector<core::Annotation> stored(std::size_t index = 0) {
        return site.service.caseDetail(officer, queued.at(index).id).annotations;
    }
    QAction* action(const char* name) {
        for (auto* each : controller.actions())
            if (each->objectName() == QLatin1String(name))
                return each;
        FAIL("no action " << name);
        return nullptr;
    }
};

/// A stored point is the image point under the viewport pixel clicked (within a pixel).
void requireNear(const core::Point& point, QPointF expected) {
    CHECK(point.x == Approx(expected.x()).margin(1.0));
    CHECK(point.y == Approx(expected.y()).margin(1.0));
}

} // namespace

TEST_CASE("a rectangle drawn with the mouse is stored in image pixels with its category",
          "[ui][annotations]") {
    Annotating open;
    auto& scene = open.scene;
    QSignalSpy counts(&open.controller, &ui::AnnotationController::annotationsChanged);
    scene.key(Qt::Key_B);
    REQUIRE(open.controller.tool() == ui::AnnotationController::Tool::Rectangle);
    scene.drag({500, 380}, {700, 520});
    REQUIRE(open.controller.annotationCount() == 1);
    REQUIRE_FALSE(counts.isEmpty());
    CHECK(counts.last().at(0).toInt() == 1);

    // The new mark is selected and its editor open: choose a category and type a note.
    const QString id = open.controller.selectedId();
    REQUIRE_FALSE(id.isEmpty());
    auto* category = scene.view.findChild<QComboBox*>(QStringLiteral("AnnotationCategory"));
    auto* note = scene.view.findChild<QLineEdit*>(QStringLiteral("AnnotationNote"));
    REQUIRE(category != nullptr);
    REQUIRE(note != nullptr);
    REQUIRE(category->isVisible());
    category->setCurrentIndex(category->findData(QStringLiteral("narcotics")));
    note->setFocus();
    note->setText(QStringLiteral("Dense powder in the lining"));
    QTest::keyClick(note, Qt::Key_Return);

    auto marks = open.stored();
    REQUIRE(marks.size() == 1);
    const auto& mark = marks.front();
    CHECK(QString::fromStdString(mark.id) == id);
    CHECK(mark.shape == core::Shape::Rectangle);
    CHECK(mark.category == "narcotics");
    CHECK(mark.note == "Dense powder in the lining");
    CHECK(mark.viewKey == open.controller.viewKey());
    CHECK_FALSE(mark.viewKey.empty());
    CHECK(mark.authorId == open.officer.officer().id);
    REQUIRE(mark.points.size() == 2);
    requireNear(mark.points[0], scene.image({500, 380}));
    requireNear(mark.points[1], scene.image({700, 520}));

    // Drawing and choosing its category and note are one step: one undo takes the mark away.
    REQUIRE(open.controller.undoStack()->count() == 1);
    open.action("AnnotationUndoAction")->trigger();
    CHECK(open.stored().empty());
    CHECK(open.controller.annotationCount() == 0);
    CHECK(scene.shownMarks() == 0);
    CHECK(counts.last().at(0).toInt() == 0);

    // Redo brings the same mark back, category, note and geometry included.
    scene.view.setFocus();
    QTest::keyClick(&scene.view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    marks = open.stored();
    REQUIRE(marks.size() == 1);
    CHECK(QString::fromStdString(marks.front().id) == id);
    CHECK(marks.front().category == "narcotics");
    CHECK(marks.front().note == "Dense powder in the lining");
    requireNear(marks.front().points[1], scene.image({700, 520}));
    CHECK(scene.shownMarks() == 1);
    CHECK(open.controller.annotationCount() == 1);
}

TEST_CASE("a mark moved and resized by dragging is stored; undo restores it", "[ui][annotations]") {
    Annotating open;
    auto& scene = open.scene;
    open.controller.setTool(ui::AnnotationController::Tool::Rectangle);
    scene.drag({500, 380}, {700, 520});
    REQUIRE(open.controller.annotationCount() == 1);
    const QString id = open.controller.selectedId();

    scene.key(Qt::Key_S); // select tool: the left button grabs marks, else pans
    REQUIRE(open.controller.tool() == ui::AnnotationController::Tool::Select);
    scene.drag({600, 450}, {650, 480}); // inside the selected mark: moves it by (50, 30)
    auto marks = open.stored();
    REQUIRE(marks.size() == 1);
    requireNear(marks.front().points[0], scene.image({550, 410}));
    requireNear(marks.front().points[1], scene.image({750, 550}));

    // The bottom-right handle resizes; the top-left corner stays.
    scene.drag({750, 550}, {780, 580});
    marks = open.stored();
    requireNear(marks.front().points[0], scene.image({550, 410}));
    requireNear(marks.front().points[1], scene.image({780, 580}));
    CHECK(open.controller.undoStack()->count() == 3);

    open.controller.undoStack()->undo();
    open.controller.undoStack()->undo();
    marks = open.stored();
    REQUIRE(marks.size() == 1);
    requireNear(marks.front().points[0], scene.image({500, 380}));
    requireNear(marks.front().points[1], scene.image({700, 520}));
    // The screen shows what is stored.
    auto* item = open.controller.item(id);
    REQUIRE(item != nullptr);
    CHECK(item->geometry().boundingRect().left() == Approx(marks.front().points[0].x));
}

TEST_CASE("a polygon of four vertices closes with a double-click; an ellipse is dragged",
          "[ui][annotations]") {
    Annotating open;
    auto& scene = open.scene;
    scene.key(Qt::Key_P);
    scene.click({400, 300});
    scene.click({600, 320});
    scene.click({640, 500});
    scene.doubleClick({420, 480});
    auto marks = open.stored();
    REQUIRE(marks.size() == 1);
    CHECK(marks.front().shape == core::Shape::Polygon);
    REQUIRE(marks.front().points.size() == 4);
    requireNear(marks.front().points[0], scene.image({400, 300}));
    requireNear(marks.front().points[2], scene.image({640, 500}));
    requireNear(marks.front().points[3], scene.image({420, 480}));

    // Two vertices and Enter is not yet a polygon; a third and Enter closes it.
    scene.click({100, 100});
    scene.click({200, 100});
    scene.key(Qt::Key_Return);
    CHECK(open.stored().size() == 1);
    scene.click({150, 200});
    scene.key(Qt::Key_Return);
    REQUIRE(open.stored().size() == 2);
    CHECK(open.stored().back().points.size() == 3);

    QTest::keyClick(&scene.view, Qt::Key_E, Qt::ShiftModifier);
    scene.drag({650, 100}, {760, 160});
    marks = open.stored();
    REQUIRE(marks.size() == 3);
    const auto ellipse = std::find_if(marks.begin(), marks.end(), [](const core::Annotation& a) {
        return a.shape == core::Shape::Ellipse;
    });
    REQUIRE(ellipse != marks.end());
    requireNear(ellipse->points[0], scene.image({650, 100}));
    requireNear(ellipse->points[1], scene.image({760, 160}));

    // A click without dragging draws nothing; Escape leaves the tool.
    scene.click({300, 560});
    CHECK(open.stored().size() == 3);
    scene.key(Qt::Key_Escape);
    CHECK(open.controller.tool() == ui::AnnotationController::Tool::Select);
}

TEST_CASE("the view still zooms with a tool active, and Space + drag pans instead of drawing",
          "[ui][annotations]") {
    Annotating open;
    auto& scene = open.scene;
    scene.key(Qt::Key_B);
    const double before = scene.view.zoom();
    const QPoint centre = scene.view.viewport()->rect().center();
    QWheelEvent wheel(centre, scene.view.viewport()->mapToGlobal(centre), {}, {0, 120},
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(scene.view.viewport(), &wheel);
    CHECK(scene.view.zoom() > before * 1.1);

    const QPointF centreBefore = scene.view.mapToScene(centre);
    QTest::keyPress(&scene.view, Qt::Key_Space);
    scene.drag({600, 450}, {500, 400});
    QTest::keyRelease(&scene.view, Qt::Key_Space);
    CHECK(open.controller.annotationCount() == 0);
    CHECK(scene.view.mapToScene(centre) != centreBefore);
}

TEST_CASE("Delete removes the selected mark through core; undo brings it back",
          "[ui][annotations]") {
    Annotating open;
    auto& scene = open.scene;
    open.controller.setTool(ui::AnnotationController::Tool::Ellipse);
    scene.drag({300, 300}, {420, 380});
    REQUIRE(open.stored().size() == 1);
    const auto id = open.stored().front().id;
    open.controller.setTool(ui::AnnotationController::Tool::Select);
    open.controller.select(QString::fromStdString(id), true);
    scene.key(Qt::Key_Delete);
    CHECK(open.stored().empty());
    CHECK(scene.shownMarks() == 0);
    CHECK(open.controller.annotationCount() == 0);
    QTest::keyClick(&scene.view, Qt::Key_Z, Qt::ControlModifier);
    REQUIRE(open.stored().size() == 1);
    CHECK(open.stored().front().id == id);
    CHECK(open.stored().front().shape == core::Shape::Ellipse);
    CHECK(scene.shownMarks() == 1);
}

TEST_CASE("core's refusal puts the mark back where it is stored and says why",
          "[ui][annotations]") {
    Annotating open;
    auto& scene = open.scene;
    open.controller.setTool(ui::AnnotationController::Tool::Rectangle);
    scene.drag({500, 380}, {700, 520});
    const QString id = open.controller.selectedId();
    REQUIRE_FALSE(id.isEmpty());
    // A supervisor gives the case to another officer while it is on screen.
    const auto supervisor = open.site.signIn("super1");
    open.site.service.assignCase(supervisor, open.queued[0].id, "officer2");

    QSignalSpy problems(&open.controller, &ui::AnnotationController::problem);
    open.controller.setTool(ui::AnnotationController::Tool::Select);
    scene.drag({600, 450}, {650, 480});
    REQUIRE(problems.size() == 1);
    CHECK(problems.front().at(0).toString().contains(QStringLiteral("not assigned")));
    auto* item = open.controller.item(id);
    REQUIRE(item != nullptr);
    CHECK(item->geometry().boundingRect().left() ==
          Approx(scene.image({500, 380}).x()).margin(1.0));
    CHECK(open.controller.undoStack()->count() == 1); // the refused move left no step
    const auto stored = open.site.service.siteCaseDetail(open.queued[0].id).annotations;
    REQUIRE(stored.size() == 1);
    requireNear(stored.front().points[0], scene.image({500, 380}));
}

TEST_CASE("a supervisor sees the marks of a case but cannot draw, move or delete",
          "[ui][annotations]") {
    test::DemoSite site;
    Scene scene;
    ui::AnnotationController controller(site.service, scene.view);
    const auto supervisor = site.signIn("super1");
    // The demo's referred case carries officer2's mark.
    std::optional<core::CaseDetail> marked;
    for (const auto& item : site.service.queue(supervisor)) {
        auto detail = site.service.openCase(supervisor, item.id);
        if (!detail.annotations.empty()) {
            marked = detail;
            break;
        }
    }
    REQUIRE(marked);
    REQUIRE(marked->readOnly);
    scene.showScan(site.cache, marked->scans);
    controller.setCase(*marked, supervisor);
    CHECK(controller.readOnly());
    REQUIRE(controller.annotationCount() == 1);
    const auto mark = marked->annotations.front();
    REQUIRE(mark.viewKey == controller.viewKey());
    auto* item = controller.item(QString::fromStdString(mark.id));
    REQUIRE(item != nullptr);
    CHECK_FALSE(item->editable());

    for (const char* name : {"AnnotationRectangleAction", "AnnotationEllipseAction",
                             "AnnotationPolygonAction", "AnnotationDeleteAction"}) {
        for (auto* action : controller.actions())
            if (action->objectName() == QLatin1String(name))
                CHECK_FALSE(action->isEnabled());
    }
    controller.setTool(ui::AnnotationController::Tool::Rectangle);
    CHECK(controller.tool() == ui::AnnotationController::Tool::Select);
    scene.key(Qt::Key_B);
    CHECK(controller.tool() == ui::AnnotationController::Tool::Select);

    // Selecting works (to read it); dragging and Delete change nothing.
    controller.select(QString::fromStdString(mark.id), true);
    CHECK(controller.selectedId() == QString::fromStdString(mark.id));
    const QPointF corner(mark.points[0].x, mark.points[0].y);
    scene.view.centerOn(corner);
    const QPoint at = scene.view.mapFromScene(corner);
    scene.drag(at, at + QPoint(40, 40));
    scene.key(Qt::Key_Delete);
    const auto stored = site.service.siteCaseDetail(marked->summary.id).annotations;
    REQUIRE(stored.size() == 1);
    CHECK(stored.front().points == mark.points);
    CHECK(stored.front().version == mark.version);
    CHECK(item->geometry() == ui::toPolygon(mark.points));
    auto* category = scene.view.findChild<QComboBox*>(QStringLiteral("AnnotationCategory"));
    REQUIRE(category != nullptr);
    CHECK_FALSE(category->isEnabled());
}

TEST_CASE("each case has its own marks and its own undo history", "[ui][annotations]") {
    Annotating open;
    auto& scene = open.scene;
    open.controller.setTool(ui::AnnotationController::Tool::Rectangle);
    scene.drag({500, 380}, {700, 520});
    REQUIRE(open.controller.annotationCount() == 1);
    auto* undo = open.action("AnnotationUndoAction");
    CHECK(undo->isEnabled());

    open.open(1);
    CHECK(open.controller.annotationCount() == 0);
    CHECK(scene.shownMarks() == 0);
    REQUIRE(open.controller.undoStack() != nullptr);
    CHECK(open.controller.undoStack()->count() == 0);
    CHECK_FALSE(undo->isEnabled());
    // Undo on the second case cannot reach the first case's mark.
    QTest::keyClick(&scene.view, Qt::Key_Z, Qt::ControlModifier);
    CHECK(open.stored(0).size() == 1);

    // Back on the first case its mark shows again, from the store, with a fresh history.
    open.open(0);
    CHECK(open.controller.annotationCount() == 1);
    CHECK(scene.shownMarks() == 1);
    CHECK(open.controller.undoStack()->count() == 0);

    open.controller.clear();
    CHECK(scene.shownMarks() == 0);
    CHECK(open.controller.undoStack() == nullptr);
    CHECK_FALSE(undo->isEnabled());
}

TEST_CASE("the annotation shortcuts do not clash with the main window's", "[ui][annotations]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    Scene scene;
    ui::AnnotationController controller(site.service, scene.view);
    QStringList taken;
    for (auto* action : window.findChildren<QAction*>())
        for (const auto& key : action->shortcuts())
            if (!action->objectName().startsWith(QLatin1String("Annotation"))) // once wired in
                taken << key.toString(QKeySequence::PortableText);
    REQUIRE(taken.size() > 10);
    for (auto* action : controller.actions())
        for (const auto& key : action->shortcuts()) {
            INFO(action->objectName().toStdString() << " " << key.toString().toStdString());
            CHECK_FALSE(taken.contains(key.toString(QKeySequence::PortableText)));
        }
}

TEST_CASE("Enter and Escape leave the note, single keys never act in a field, undo never loses "
          "a note",
          "[ui][annotations][keys]") {
    Annotating open;
    auto& scene = open.scene;
    scene.key(Qt::Key_B);
    scene.drag({500, 380}, {700, 520});
    REQUIRE(open.controller.annotationCount() == 1);
    scene.key(Qt::Key_S);
    REQUIRE(open.controller.tool() == ui::AnnotationController::Tool::Select);
    auto* note = scene.view.findChild<QLineEdit*>(QStringLiteral("AnnotationNote"));
    auto* category = scene.view.findChild<QComboBox*>(QStringLiteral("AnnotationCategory"));
    REQUIRE(note != nullptr);
    REQUIRE(category != nullptr);

    // Typed letters that are shortcuts elsewhere go into the note; Enter saves and leaves.
    note->setFocus();
    REQUIRE(test::waitUntil([&] { return note->hasFocus(); }));
    QTest::keyClicks(note, QStringLiteral("Bag of fruit"));
    CHECK(open.controller.tool() == ui::AnnotationController::Tool::Select);
    QTest::keyClick(note, Qt::Key_Return);
    CHECK_FALSE(note->hasFocus());
    CHECK(scene.view.hasFocus());
    REQUIRE(open.stored().size() == 1);
    CHECK(open.stored().front().note == "Bag of fruit");
    // The next single key is a shortcut again, not typed into the note.
    scene.key(Qt::Key_B);
    CHECK(open.controller.tool() == ui::AnnotationController::Tool::Rectangle);
    CHECK(note->text() == QStringLiteral("Bag of fruit"));
    scene.key(Qt::Key_S);

    // Ctrl+Z in the field undoes typing since the last save, never down to an empty note.
    note->setFocus();
    REQUIRE(test::waitUntil([&] { return note->hasFocus(); }));
    QTest::keyClick(note, Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(note, Qt::Key_Z, Qt::ControlModifier);
    CHECK(note->text() == QStringLiteral("Bag of fruit"));
    scene.view.setFocus(); // focus leaves the field: what it holds is saved
    REQUIRE(test::waitUntil([&] { return !note->hasFocus(); }));
    CHECK(open.stored().front().note == "Bag of fruit");

    // Escape leaves the field too, keeping what was typed.
    note->setFocus();
    REQUIRE(test::waitUntil([&] { return note->hasFocus(); }));
    QTest::keyClicks(note, QStringLiteral(", loose"));
    QTest::keyClick(note, Qt::Key_Escape);
    CHECK_FALSE(note->hasFocus());
    CHECK(open.stored().front().note == "Bag of fruit, loose");

    // While the category list has the keyboard, a tool key does not act.
    category->setFocus();
    REQUIRE(test::waitUntil([&] { return category->hasFocus(); }));
    QTest::keyClick(category, Qt::Key_B);
    CHECK(open.controller.tool() == ui::AnnotationController::Tool::Select);
    QTest::keyClick(category, Qt::Key_Escape);
    CHECK(scene.view.hasFocus());
}
