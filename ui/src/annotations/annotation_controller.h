#pragma once
// Annotations on the open case's scan: the one object the main window needs for them. It shows
// the case's marks on the shown view of the ScanView's scene, offers the tools (select,
// rectangle, ellipse, polygon), the inline category / note editor, delete, and undo / redo of a
// per-case QUndoStack, and sends every change through core::Service. Core's refusals come back
// as problem(); read-only cases show their marks without tools.
//
// Wiring (MainWindow): construct with the service and the scan panel's view; add actions() to
// a toolbar or menu; call setCase() after opening a case and clear() when closing it; connect
// annotationsChanged() to the decision bar and problem() to the status bar.

#include <prescreen/core/service.h>

#include <QList>
#include <QObject>
#include <QPointer>
#include <QPolygonF>
#include <QUndoGroup>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QAction;
class QActionGroup;
class QUndoStack;

namespace prescreen::ui {

class AnnotationDocument;
class AnnotationDrawTool;
class AnnotationEditor;
class AnnotationItem;
class ScanView;

class AnnotationController : public QObject {
    Q_OBJECT

public:
    enum class Tool { Select, Rectangle, Ellipse, Polygon };

    /// The service and the view must outlive the controller.
    AnnotationController(core::Service& service, ScanView& view, QObject* parent = nullptr);
    ~AnnotationController() override;

    /// Shows the case's current marks of the shown view (see defaultViewKey) and starts a new
    /// undo history for it. Marks are editable when the case is not read-only and the session
    /// is their author.
    void setCase(const core::CaseDetail& detail, const core::Session& session);
    /// No case: marks, editor and undo history go.
    void clear();
    bool hasCase() const { return document_ != nullptr; }
    bool readOnly() const;

    /// The view whose marks are shown and drawn: the first scan file's SOP Instance UID, or its
    /// file name when it has none (as core's demo site and the TDR export name views).
    static std::string defaultViewKey(const core::CaseDetail& detail);
    const std::string& viewKey() const { return viewKey_; }
    /// Shows another view's marks (when the scan panel switches views).
    void setViewKey(const std::string& viewKey);

    /// Select (S), Rectangle (B), Ellipse (Shift+E), Polygon (P) tools, Delete, Undo (Ctrl+Z),
    /// Redo (Ctrl+Shift+Z, Ctrl+Y): for a toolbar or a menu. Their shortcuts also work on the
    /// view's window without that.
    QList<QAction*> actions() const { return actions_; }
    /// The open case's undo history; nullptr when no case is open.
    QUndoStack* undoStack() const;

    /// The case's current marks on every view (what a referral counts).
    int annotationCount() const;
    const std::vector<core::Annotation>& annotations() const;
    /// The name of an officer (for "by whom"), or the id when unknown.
    QString authorName(const std::string& officerId) const;

    Tool tool() const { return tool_; }
    void setTool(Tool tool);
    /// Selects a mark of the shown view (empty: none); `centre` scrolls it to the middle.
    void select(const QString& id, bool centre);
    /// The selected mark (empty when none or several).
    QString selectedId() const;
    /// The graphics item of a mark on the shown view (nullptr when not shown).
    AnnotationItem* item(const QString& id) const;

signals:
    /// The case's marks changed (added, edited, deleted, loaded); `count` as annotationCount().
    void annotationsChanged(int count);
    /// Core refused or failed a change; the screen shows the stored state again.
    void problem(const QString& message);
    /// The selected mark changed (empty: none).
    void selectionChanged(const QString& id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createActions();
    void updateActions();
    void rebuildItems();
    void removeItems();
    void showMark(const core::Annotation& mark);
    void documentChanged(const QString& id);
    void documentFailed(const QString& id, const QString& reason);
    void drawn(core::Shape shape, const QPolygonF& points);
    void sceneSelectionChanged();
    void deleteSelection();
    void updateScale();

    core::Service& service_;
    ScanView& view_;
    std::unique_ptr<AnnotationDocument> document_;
    std::string viewKey_;
    std::string officerId_; ///< the session's officer: the only author who may edit
    std::map<std::string, QPointer<AnnotationItem>> items_;
    mutable std::map<std::string, QString> authors_; ///< officer id -> name, looked up once
    Tool tool_ = Tool::Select;
    std::string lastCategory_ = "anomaly"; ///< given to a new mark until the officer picks one
    std::string justDrawn_; ///< the mark created by the last drawing, while it stays selected
    bool creating_ = false;
    std::string created_;
    double scale_ = 1.0;

    QUndoGroup undoGroup_;
    AnnotationDrawTool* drawTool_ = nullptr;
    QPointer<AnnotationEditor> editor_; ///< a child of the view, floating over it
    QActionGroup* tools_ = nullptr;
    std::map<Tool, QAction*> toolActions_;
    QAction* delete_ = nullptr;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    QList<QAction*> actions_;
};

} // namespace prescreen::ui
