#include "annotation_controller.h"

#include "annotation_document.h"
#include "annotation_editor.h"
#include "annotation_item.h"
#include "annotation_tool.h"
#include "scan_view.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QGraphicsScene>

namespace prescreen::ui {

AnnotationController::AnnotationController(core::Service& service, ScanView& view, QObject* parent)
    : QObject(parent), service_(service), view_(view) {
    drawTool_ = new AnnotationDrawTool(view_, this);
    connect(drawTool_, &AnnotationDrawTool::drawn, this, &AnnotationController::drawn);
    connect(drawTool_, &AnnotationDrawTool::escapePressed, this, [this] { setTool(Tool::Select); });
    editor_ = new AnnotationEditor(&view_);
    connect(editor_, &AnnotationEditor::detailsEdited, this,
            [this](const QString& id, const QString& category, const QString& note) {
                if (!document_)
                    return;
                lastCategory_ = category.toStdString();
                const std::string mark = id.toStdString();
                document_->changeDetails(mark, lastCategory_, note.toStdString(),
                                         mark == justDrawn_);
            });
    view_.viewport()->installEventFilter(this);
    createActions();
    updateActions();
}

AnnotationController::~AnnotationController() {
    removeItems();
    delete editor_.data();
}

void AnnotationController::createActions() {
    tools_ = new QActionGroup(this);
    auto addTool = [this](Tool which, const QString& text, const QString& tip,
                          const QKeySequence& key, const char* name) {
        auto* action = new QAction(text, this);
        action->setObjectName(QString::fromLatin1(name));
        action->setCheckable(true);
        action->setShortcut(key);
        action->setToolTip(tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        tools_->addAction(action);
        connect(action, &QAction::triggered, this, [this, which] { setTool(which); });
        toolActions_[which] = action;
        actions_ << action;
    };
    // Plain E is edge enhancement (scan panel): the ellipse takes Shift+E.
    addTool(Tool::Select, tr("Select"), tr("Select, move and resize marks; drag the image to pan"),
            Qt::Key_S, "AnnotationSelectAction");
    addTool(Tool::Rectangle, tr("Box"), tr("Mark a rectangle: drag from corner to corner"),
            Qt::Key_B, "AnnotationRectangleAction");
    addTool(Tool::Ellipse, tr("Ellipse"), tr("Mark an ellipse: drag across it"),
            QKeySequence(Qt::SHIFT | Qt::Key_E), "AnnotationEllipseAction");
    addTool(Tool::Polygon, tr("Polygon"),
            tr("Mark a polygon: click each corner, double-click or Enter to close"), Qt::Key_P,
            "AnnotationPolygonAction");
    toolActions_[Tool::Select]->setChecked(true);

    delete_ = new QAction(tr("Delete mark"), this);
    delete_->setObjectName(QStringLiteral("AnnotationDeleteAction"));
    delete_->setShortcut(QKeySequence::Delete);
    delete_->setToolTip(tr("Delete the selected mark (Delete)"));
    connect(delete_, &QAction::triggered, this, &AnnotationController::deleteSelection);
    actions_ << delete_;

    undo_ = undoGroup_.createUndoAction(this, tr("Undo"));
    undo_->setObjectName(QStringLiteral("AnnotationUndoAction"));
    undo_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    redo_ = undoGroup_.createRedoAction(this, tr("Redo"));
    redo_->setObjectName(QStringLiteral("AnnotationRedoAction"));
    redo_->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    actions_ << undo_ << redo_;
    // The shortcuts work on the view's window even before the actions are put in a toolbar.
    view_.addActions(actions_);
}

void AnnotationController::updateActions() {
    const bool editable = hasCase() && !readOnly() && !viewKey_.empty();
    for (const auto& [which, action] : toolActions_)
        action->setEnabled(which == Tool::Select ? hasCase() : editable);
    if (!editable && tool_ != Tool::Select)
        setTool(Tool::Select);
    bool deletable = false;
    for (auto* selected : view_.scene()->selectedItems())
        if (auto* mark = qgraphicsitem_cast<AnnotationItem*>(selected))
            deletable = deletable || mark->editable();
    delete_->setEnabled(deletable);
}

bool AnnotationController::readOnly() const {
    return !document_ || document_->readOnly();
}

std::string AnnotationController::defaultViewKey(const core::CaseDetail& detail) {
    if (detail.scans.empty())
        return {};
    const auto& first = detail.scans.front();
    return first.sopInstanceUid.empty() ? first.fileName : first.sopInstanceUid;
}

void AnnotationController::setCase(const core::CaseDetail& detail, const core::Session& session) {
    clear();
    document_ = std::make_unique<AnnotationDocument>(service_, session, detail);
    officerId_ = session.officer().id;
    viewKey_ = defaultViewKey(detail);
    connect(document_.get(), &AnnotationDocument::changed, this,
            &AnnotationController::documentChanged);
    connect(document_.get(), &AnnotationDocument::failed, this,
            &AnnotationController::documentFailed);
    undoGroup_.addStack(&document_->undoStack());
    undoGroup_.setActiveStack(&document_->undoStack());
    rebuildItems();
    updateActions();
    emit annotationsChanged(annotationCount());
}

void AnnotationController::clear() {
    drawTool_->cancel();
    editor_->hideMark();
    removeItems();
    justDrawn_.clear();
    // The stack leaves the undo group as it is destroyed: undo never reaches another case.
    document_.reset();
    viewKey_.clear();
    officerId_.clear();
    updateActions();
    emit annotationsChanged(0);
    emit selectionChanged({});
}

void AnnotationController::setViewKey(const std::string& viewKey) {
    if (viewKey == viewKey_)
        return;
    drawTool_->cancel();
    viewKey_ = viewKey;
    rebuildItems();
    sceneSelectionChanged();
}

QUndoStack* AnnotationController::undoStack() const {
    return document_ ? &document_->undoStack() : nullptr;
}

int AnnotationController::annotationCount() const {
    return document_ ? static_cast<int>(document_->annotations().size()) : 0;
}

const std::vector<core::Annotation>& AnnotationController::annotations() const {
    static const std::vector<core::Annotation> none;
    return document_ ? document_->annotations() : none;
}

QString AnnotationController::authorName(const std::string& officerId) const {
    const auto known = authors_.find(officerId);
    if (known != authors_.end())
        return known->second;
    QString name = QString::fromStdString(officerId);
    try {
        if (const auto officer = service_.findOfficerById(officerId))
            name = QString::fromStdString(officer->name);
    } catch (const std::exception&) {
        // An unreadable officer record still leaves the mark readable: shown by id.
    }
    authors_[officerId] = name;
    return name;
}

void AnnotationController::setTool(Tool tool) {
    if (tool != Tool::Select && (readOnly() || viewKey_.empty()))
        tool = Tool::Select;
    tool_ = tool;
    toolActions_[tool]->setChecked(true);
    switch (tool) {
    case Tool::Select:
        drawTool_->setShape(std::nullopt);
        break;
    case Tool::Rectangle:
        drawTool_->setShape(core::Shape::Rectangle);
        break;
    case Tool::Ellipse:
        drawTool_->setShape(core::Shape::Ellipse);
        break;
    case Tool::Polygon:
        drawTool_->setShape(core::Shape::Polygon);
        break;
    }
}

AnnotationItem* AnnotationController::item(const QString& id) const {
    const auto found = items_.find(id.toStdString());
    return found == items_.end() ? nullptr : found->second.data();
}

void AnnotationController::select(const QString& id, bool centre) {
    auto* mark = item(id);
    if (mark == nullptr) {
        view_.scene()->clearSelection();
        return;
    }
    if (!mark->isSelected() || view_.scene()->selectedItems().size() != 1) {
        view_.scene()->clearSelection();
        mark->setSelected(true);
    }
    if (centre)
        view_.centerOn(mark);
}

QString AnnotationController::selectedId() const {
    const auto selected = view_.scene()->selectedItems();
    if (selected.size() != 1)
        return {};
    auto* mark = qgraphicsitem_cast<AnnotationItem*>(selected.front());
    return mark == nullptr ? QString() : mark->id();
}

void AnnotationController::removeItems() {
    for (auto& [id, mark] : items_)
        delete mark.data();
    items_.clear();
}

void AnnotationController::rebuildItems() {
    editor_->hideMark();
    removeItems();
    if (!document_)
        return;
    for (const auto& mark : document_->annotations())
        showMark(mark);
}

void AnnotationController::showMark(const core::Annotation& mark) {
    if (mark.viewKey != viewKey_)
        return;
    auto& slot = items_[mark.id];
    if (!slot.isNull()) {
        slot->setRecord(mark);
        return;
    }
    const bool editable = !readOnly() && mark.authorId == officerId_;
    auto* created = new AnnotationItem(mark, editable);
    created->setViewScale(scale_);
    view_.scene()->addItem(created);
    // The items' own signal, not the scene's selectionChanged: a scene being destroyed with the
    // view emits that one while the view is half gone.
    connect(created, &AnnotationItem::selectedChanged, this,
            &AnnotationController::sceneSelectionChanged);
    connect(created, &AnnotationItem::geometryEdited, this,
            [this](const QString& id, const QPolygonF&, const QPolygonF& after) {
                const std::string markId = id.toStdString();
                if (document_)
                    document_->changeGeometry(markId, toPoints(after));
                // Whatever core said, the screen shows what is stored.
                const auto* stored = document_ ? document_->find(markId) : nullptr;
                if (auto* shown = item(id); shown != nullptr && stored != nullptr)
                    shown->setRecord(*stored);
            });
    slot = created;
}

void AnnotationController::documentChanged(const QString& id) {
    const std::string key = id.toStdString();
    const auto* mark = document_->find(key);
    if (mark != nullptr && mark->viewKey == viewKey_) {
        const bool isNew = items_.find(key) == items_.end() || items_[key].isNull();
        showMark(*mark);
        if (creating_ && isNew)
            created_ = key;
    } else if (const auto found = items_.find(key); found != items_.end()) {
        delete found->second.data();
        items_.erase(found);
        sceneSelectionChanged(); // a deleted item leaves the selection without telling
    }
    if (editor_->markId() == id) {
        if (mark != nullptr && item(id) != nullptr)
            editor_->showMark(*mark, authorName(mark->authorId), item(id)->editable());
        else
            editor_->hideMark();
    }
    updateActions();
    emit annotationsChanged(annotationCount());
}

void AnnotationController::documentFailed(const QString& id, const QString& reason) {
    const auto* stored = document_ ? document_->find(id.toStdString()) : nullptr;
    if (auto* shown = item(id); shown != nullptr && stored != nullptr)
        shown->setRecord(*stored);
    if (stored != nullptr && editor_->markId() == id)
        editor_->showMark(*stored, authorName(stored->authorId), item(id) && item(id)->editable());
    emit problem(reason);
}

void AnnotationController::drawn(core::Shape shape, const QPolygonF& points) {
    if (!document_ || readOnly() || viewKey_.empty())
        return;
    core::Annotation draft;
    draft.caseId = document_->caseId();
    draft.viewKey = viewKey_;
    draft.shape = shape;
    draft.points = toPoints(points);
    draft.category = lastCategory_;
    creating_ = true;
    created_.clear();
    document_->create(draft);
    creating_ = false;
    if (created_.empty())
        return; // core refused; problem() said why
    select(QString::fromStdString(created_), false);
    justDrawn_ = created_;
}

void AnnotationController::sceneSelectionChanged() {
    const QString id = selectedId();
    if (id.toStdString() != justDrawn_)
        justDrawn_.clear();
    if (editor_->markId() != id) {
        editor_->hideMark();
        if (!id.isEmpty() && document_) {
            if (const auto* mark = document_->find(id.toStdString()))
                editor_->showMark(*mark, authorName(mark->authorId), item(id)->editable());
        }
    }
    updateActions();
    emit selectionChanged(id);
}

void AnnotationController::deleteSelection() {
    if (!document_ || readOnly())
        return;
    std::vector<std::string> doomed;
    for (auto* selected : view_.scene()->selectedItems())
        if (auto* mark = qgraphicsitem_cast<AnnotationItem*>(selected); mark && mark->editable())
            doomed.push_back(mark->record().id);
    if (doomed.empty())
        return;
    auto& stack = document_->undoStack();
    if (doomed.size() > 1)
        stack.beginMacro(tr("delete %n marks", nullptr, static_cast<int>(doomed.size())));
    for (const auto& id : doomed)
        document_->remove(id);
    if (doomed.size() > 1)
        stack.endMacro();
}

bool AnnotationController::eventFilter(QObject* watched, QEvent* event) {
    // Before each repaint or click: outlines keep a constant grab margin at the current zoom.
    if (watched == view_.viewport() &&
        (event->type() == QEvent::Paint || event->type() == QEvent::MouseButtonPress))
        updateScale();
    return false;
}

void AnnotationController::updateScale() {
    const double scale = view_.transform().m11();
    if (!(scale > 0) || scale == scale_)
        return;
    scale_ = scale;
    for (auto& [id, mark] : items_)
        if (!mark.isNull())
            mark->setViewScale(scale_);
}

} // namespace prescreen::ui
