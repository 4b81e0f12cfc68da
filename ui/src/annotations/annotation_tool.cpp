#include "annotation_tool.h"

#include "annotation_style.h"

#include <QGraphicsObject>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace prescreen::ui {

/// The outline of the mark being drawn (a QGraphicsObject, so a scene cleared under it is seen).
class AnnotationPreview : public QGraphicsObject {
public:
    AnnotationPreview() { setZValue(AnnotationStyle::kZ + 1); }
    void setPath(const QPainterPath& path) {
        prepareGeometryChange();
        path_ = path;
    }
    QRectF boundingRect() const override {
        // Generous: the cosmetic pen is a few screen pixels wide at any zoom.
        const QRectF box = path_.boundingRect();
        const double margin = std::max(box.width(), box.height()) * 0.05 + 64;
        return box.adjusted(-margin, -margin, margin, margin);
    }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override {
        painter->setRenderHint(QPainter::Antialiasing, true);
        QPen halo(QColor(0, 0, 0, 150), AnnotationStyle::kHaloWidthPx);
        halo.setCosmetic(true);
        painter->strokePath(path_, halo);
        QPen pen(QColor(0xff, 0xff, 0xff), AnnotationStyle::kPenWidthPx, Qt::DashLine);
        pen.setCosmetic(true);
        painter->strokePath(path_, pen);
    }

private:
    QPainterPath path_;
};

AnnotationDrawTool::AnnotationDrawTool(QGraphicsView& view, QObject* parent)
    : QObject(parent), view_(view) {
    view_.viewport()->installEventFilter(this);
    view_.installEventFilter(this);
}

AnnotationDrawTool::~AnnotationDrawTool() {
    delete preview_.data();
}

void AnnotationDrawTool::setShape(std::optional<core::Shape> shape) {
    if (shape == shape_)
        return;
    cancel();
    if (!shape_ && shape)
        view_.viewport()->setCursor(Qt::CrossCursor);
    else if (shape_ && !shape)
        view_.viewport()->setCursor(view_.dragMode() == QGraphicsView::ScrollHandDrag
                                        ? Qt::OpenHandCursor
                                        : Qt::ArrowCursor);
    shape_ = shape;
}

void AnnotationDrawTool::cancel() {
    reset();
}

void AnnotationDrawTool::reset() {
    drawing_ = false;
    points_.clear();
    delete preview_.data();
}

QPointF AnnotationDrawTool::toScene(QPointF viewportPos) const {
    return view_.viewportTransform().inverted().map(viewportPos);
}

bool AnnotationDrawTool::eventFilter(QObject* watched, QEvent* event) {
    if (!shape_)
        return false;
    if (watched == view_.viewport())
        return viewportEvent(event);
    if (watched == &view_)
        return keyEvent(event);
    return false;
}

bool AnnotationDrawTool::viewportEvent(QEvent* event) {
    const auto type = event->type();
    if (type != QEvent::MouseButtonPress && type != QEvent::MouseMove &&
        type != QEvent::MouseButtonRelease && type != QEvent::MouseButtonDblClick)
        return false;
    auto* mouse = static_cast<QMouseEvent*>(event);
    const bool left = mouse->button() == Qt::LeftButton || (mouse->buttons() & Qt::LeftButton);
    if (spaceHeld_ && !drawing_)
        return false; // Space + drag pans, as without a tool
    const QPointF at = toScene(mouse->position());
    const bool box = *shape_ != core::Shape::Polygon;
    switch (type) {
    case QEvent::MouseButtonPress:
        if (mouse->button() != Qt::LeftButton)
            return false;
        if (box) {
            points_ = QPolygonF({at});
            drawing_ = true;
        } else {
            drawing_ = true;
            points_ << at;
        }
        updatePreview(at);
        return true;
    case QEvent::MouseMove:
        // The view still sees the move (cursor readout, loupe); nothing of it grabs the mouse.
        if (!(mouse->buttons() & Qt::RightButton) &&
            view_.viewport()->cursor().shape() != Qt::CrossCursor)
            view_.viewport()->setCursor(Qt::CrossCursor); // e.g. after a right-drag reset it
        if (drawing_ && (!box || left))
            updatePreview(at);
        return false;
    case QEvent::MouseButtonRelease:
        if (mouse->button() != Qt::LeftButton || !drawing_)
            return mouse->button() == Qt::LeftButton;
        if (box) {
            const QRectF rect = QRectF(points_.front(), at).normalized();
            const double zoom = view_.transform().m11();
            const bool bigEnough =
                rect.width() * zoom >= kMinimumSizePx && rect.height() * zoom >= kMinimumSizePx;
            const core::Shape shape = *shape_;
            reset();
            if (bigEnough)
                emit drawn(shape, QPolygonF({rect.topLeft(), rect.bottomRight()}));
        }
        return true;
    case QEvent::MouseButtonDblClick:
        if (mouse->button() != Qt::LeftButton)
            return false;
        if (!box) // the double-click's first press already placed the last vertex
            finishPolygon();
        return true;
    default:
        return false;
    }
}

bool AnnotationDrawTool::keyEvent(QEvent* event) {
    if (event->type() == QEvent::FocusOut) {
        spaceHeld_ = false;
        return false;
    }
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::KeyRelease)
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() == Qt::Key_Space) {
        if (!key->isAutoRepeat())
            spaceHeld_ = event->type() == QEvent::KeyPress;
        return true;
    }
    if (event->type() != QEvent::KeyPress)
        return false;
    switch (key->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!drawing_ || *shape_ != core::Shape::Polygon)
            return false;
        finishPolygon();
        return true;
    case Qt::Key_Backspace:
        if (!drawing_ || *shape_ != core::Shape::Polygon)
            return false;
        points_.removeLast();
        if (points_.isEmpty())
            reset();
        else
            updatePreview(points_.back());
        return true;
    case Qt::Key_Escape:
        if (drawing_)
            reset();
        else
            emit escapePressed();
        return true;
    default:
        return false;
    }
}

void AnnotationDrawTool::finishPolygon() {
    // A double-click's press lands on the last vertex again; successive equal points count once.
    QPolygonF vertices;
    const double zoom = view_.transform().m11();
    for (const QPointF& point : points_)
        if (vertices.isEmpty() ||
            std::hypot(point.x() - vertices.back().x(), point.y() - vertices.back().y()) * zoom >=
                2.0)
            vertices << point;
    if (vertices.size() < 3) {
        points_ = vertices; // not yet a polygon: keep drawing
        return;
    }
    reset();
    emit drawn(core::Shape::Polygon, vertices);
}

void AnnotationDrawTool::updatePreview(QPointF cursor) {
    if (view_.scene() == nullptr)
        return;
    if (preview_.isNull()) {
        preview_ = new AnnotationPreview;
        view_.scene()->addItem(preview_);
    }
    QPainterPath path;
    if (*shape_ == core::Shape::Rectangle)
        path.addRect(QRectF(points_.front(), cursor).normalized());
    else if (*shape_ == core::Shape::Ellipse)
        path.addEllipse(QRectF(points_.front(), cursor).normalized());
    else {
        path.addPolygon(points_);
        path.lineTo(cursor);
    }
    preview_->setPath(path);
}

} // namespace prescreen::ui
