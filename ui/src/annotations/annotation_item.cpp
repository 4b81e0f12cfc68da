#include "annotation_item.h"

#include "annotation_style.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QPainterPathStroker>

#include <algorithm>

namespace prescreen::ui {

QPolygonF toPolygon(const std::vector<core::Point>& points) {
    QPolygonF polygon;
    polygon.reserve(static_cast<qsizetype>(points.size()));
    for (const auto& point : points)
        polygon << QPointF(point.x, point.y);
    return polygon;
}

std::vector<core::Point> toPoints(const QPolygonF& polygon) {
    std::vector<core::Point> points;
    points.reserve(static_cast<std::size_t>(polygon.size()));
    for (const QPointF& point : polygon)
        points.push_back({point.x(), point.y()});
    return points;
}

/// A square of constant screen size on a corner or vertex; dragging it reshapes its item.
class AnnotationHandle : public QGraphicsRectItem {
public:
    AnnotationHandle(AnnotationItem* owner, int index)
        : QGraphicsRectItem(owner), owner_(owner), index_(index) {
        const double half = AnnotationStyle::kHandleSizePx / 2;
        setRect(-half, -half, 2 * half, 2 * half);
        setFlag(ItemIgnoresTransformations);
        setBrush(QColor(0xf5, 0xf5, 0xf5));
        QPen pen(QColor(0x10, 0x11, 0x13));
        pen.setCosmetic(true);
        setPen(pen);
        setAcceptedMouseButtons(Qt::LeftButton);
        setCursor(Qt::SizeAllCursor);
    }

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override {
        owner_->beginHandleDrag();
        event->accept();
    }
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override {
        owner_->dragHandle(index_, event->scenePos());
    }
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override {
        owner_->dragHandle(index_, event->scenePos());
        owner_->endHandleDrag();
    }

private:
    AnnotationItem* owner_;
    int index_;
};

/// The category's words in a small box of the category's colour, constant screen size.
class AnnotationLabel : public QGraphicsItem {
public:
    explicit AnnotationLabel(QGraphicsItem* parent) : QGraphicsItem(parent) {
        setFlag(ItemIgnoresTransformations);
        setAcceptedMouseButtons(Qt::NoButton);
    }
    void setText(const QString& text, const QColor& colour) {
        prepareGeometryChange();
        text_ = text;
        colour_ = colour;
    }
    QRectF boundingRect() const override {
        const QFontMetricsF metrics(font_);
        const double width = metrics.horizontalAdvance(text_) + 8;
        const double height = metrics.height() + 2;
        return {0, -height - 3, width, height}; // just above the item's top-left corner
    }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override {
        const QRectF box = boundingRect();
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour_);
        painter->drawRect(box);
        painter->setPen(colour_.lightnessF() > 0.5 ? QColor(Qt::black) : QColor(Qt::white));
        painter->setFont(font_);
        painter->drawText(box, Qt::AlignCenter, text_);
    }

private:
    QString text_;
    QColor colour_;
    QFont font_;
};

AnnotationItem::AnnotationItem(const core::Annotation& record, bool editable, QGraphicsItem* parent)
    : QGraphicsObject(parent), editable_(editable) {
    setFlag(ItemIsSelectable);
    setAcceptedMouseButtons(Qt::LeftButton);
    setZValue(AnnotationStyle::kZ);
    label_ = new AnnotationLabel(this);
    setRecord(record);
}

AnnotationItem::~AnnotationItem() = default;

void AnnotationItem::setRecord(const core::Annotation& record) {
    record_ = record;
    dragging_ = false;
    setGeometry(toPolygon(record.points));
    if (editable_)
        setCursor(Qt::SizeAllCursor);
    updateTexts();
    update();
}

void AnnotationItem::updateTexts() {
    const QString category = AnnotationStyle::category(record_.category);
    label_->setText(category, AnnotationStyle::colour(record_.category));
    setToolTip(record_.note.empty()
                   ? category
                   : tr("%1: %2").arg(category, QString::fromStdString(record_.note)));
}

void AnnotationItem::setViewScale(double screenPerImage) {
    if (!(screenPerImage > 0) || screenPerImage == scale_)
        return;
    prepareGeometryChange();
    scale_ = screenPerImage;
}

void AnnotationItem::setGeometry(const QPolygonF& points) {
    prepareGeometryChange();
    points_ = points;
    const auto wanted = static_cast<std::size_t>(
        record_.shape == core::Shape::Polygon ? points_.size() : (points_.size() == 2 ? 4 : 0));
    if (handles_.size() != wanted)
        rebuildHandles();
    placeChildren();
}

void AnnotationItem::rebuildHandles() {
    for (auto* handle : handles_)
        delete handle;
    handles_.clear();
    const int count = record_.shape == core::Shape::Polygon ? static_cast<int>(points_.size()) : 4;
    if (record_.shape != core::Shape::Polygon && points_.size() != 2)
        return;
    for (int index = 0; index < count; ++index) {
        auto* handle = new AnnotationHandle(this, index);
        handle->setVisible(editable_ && isSelected());
        handles_.push_back(handle);
    }
}

void AnnotationItem::placeChildren() {
    const QRectF box = points_.boundingRect();
    label_->setPos(box.topLeft());
    if (record_.shape == core::Shape::Polygon) {
        for (std::size_t index = 0; index < handles_.size(); ++index)
            handles_[index]->setPos(points_.at(static_cast<qsizetype>(index)));
        return;
    }
    const QPointF corners[] = {box.topLeft(), box.topRight(), box.bottomRight(), box.bottomLeft()};
    for (std::size_t index = 0; index < handles_.size() && index < 4; ++index)
        handles_[index]->setPos(corners[index]);
}

QPainterPath AnnotationItem::outline() const {
    QPainterPath path;
    if (points_.size() < 2)
        return path;
    switch (record_.shape) {
    case core::Shape::Rectangle:
        path.addRect(points_.boundingRect());
        break;
    case core::Shape::Ellipse:
        path.addEllipse(points_.boundingRect());
        break;
    case core::Shape::Polygon:
        path.addPolygon(points_);
        path.closeSubpath();
        break;
    }
    return path;
}

QRectF AnnotationItem::boundingRect() const {
    const double margin = (AnnotationStyle::kHitWidthPx / 2 + 2) / scale_;
    return outline().boundingRect().adjusted(-margin, -margin, margin, margin);
}

QPainterPath AnnotationItem::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(AnnotationStyle::kHitWidthPx / scale_);
    QPainterPath hit = stroker.createStroke(outline());
    if (isSelected()) { // a selected mark is dragged from anywhere inside it too
        hit.setFillRule(Qt::WindingFill);
        hit.addPath(outline());
    }
    return hit;
}

void AnnotationItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const QPainterPath path = outline();
    const QColor colour = AnnotationStyle::colour(record_.category);
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (isSelected()) {
        QColor fill = colour;
        fill.setAlpha(48);
        painter->fillPath(path, fill);
    }
    QPen halo(QColor(0, 0, 0, 150), AnnotationStyle::kHaloWidthPx);
    halo.setCosmetic(true);
    painter->strokePath(path, halo);
    QPen pen(colour, AnnotationStyle::kPenWidthPx);
    pen.setCosmetic(true);
    if (isSelected())
        pen.setStyle(Qt::DashLine);
    painter->strokePath(path, pen);
}

void AnnotationItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        event->ignore(); // right-drag and the middle button belong to the view
        return;
    }
    if (!isSelected()) {
        if (scene() != nullptr)
            scene()->clearSelection();
        setSelected(true);
    }
    if (editable_) {
        dragStart_ = points_;
        pressScenePos_ = event->scenePos();
        dragging_ = true;
    }
    event->accept();
}

void AnnotationItem::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    if (!dragging_)
        return;
    setGeometry(dragStart_.translated(event->scenePos() - pressScenePos_));
}

void AnnotationItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (!dragging_)
        return;
    setGeometry(dragStart_.translated(event->scenePos() - pressScenePos_));
    dragging_ = false;
    if (points_ != dragStart_)
        emit geometryEdited(id(), dragStart_, points_);
}

QVariant AnnotationItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemSelectedHasChanged) {
        for (auto* handle : handles_)
            handle->setVisible(editable_ && value.toBool());
        update();
        emit selectedChanged();
    }
    return QGraphicsObject::itemChange(change, value);
}

void AnnotationItem::beginHandleDrag() {
    dragStart_ = points_;
    dragging_ = false; // the handle, not the body, is being dragged
}

void AnnotationItem::dragHandle(int index, QPointF scenePos) {
    if (!editable_ || index < 0)
        return;
    if (record_.shape == core::Shape::Polygon) {
        if (index >= dragStart_.size())
            return;
        QPolygonF moved = points_;
        moved[index] = scenePos;
        setGeometry(moved);
        return;
    }
    // The corner opposite the one grabbed stays where it was when the drag began.
    const QRectF box = dragStart_.boundingRect();
    const QPointF corners[] = {box.topLeft(), box.topRight(), box.bottomRight(), box.bottomLeft()};
    const QPointF anchor = corners[(index + 2) % 4];
    const QRectF resized = QRectF(anchor, scenePos).normalized();
    setGeometry(QPolygonF({resized.topLeft(), resized.bottomRight()}));
}

void AnnotationItem::endHandleDrag() {
    if (points_ != dragStart_)
        emit geometryEdited(id(), dragStart_, points_);
}

} // namespace prescreen::ui
