#pragma once
// One annotation on the scan: a rectangle, ellipse or polygon in the ScanView's scene, whose
// coordinates are the image's pixels. Outline and label keep their screen size at any zoom.
// Selected and editable, it shows handles: dragging the outline moves it, a corner handle
// resizes a rectangle or ellipse, a vertex handle moves a polygon's vertex. The item only shows
// and reports: a finished drag is announced by geometryEdited and the controller decides (via
// core) whether it stays; setRecord puts the stored state back on screen.

#include <prescreen/core/model.h>

#include <QGraphicsObject>
#include <QPolygonF>

#include <vector>

namespace prescreen::ui {

class AnnotationHandle;
class AnnotationLabel;

/// Image-pixel points of core and the scene's points (the same numbers).
QPolygonF toPolygon(const std::vector<core::Point>& points);
std::vector<core::Point> toPoints(const QPolygonF& polygon);

class AnnotationItem : public QGraphicsObject {
    Q_OBJECT

public:
    enum { Type = UserType + 0x5e1 };

    /// Shows `record` (a stored version); `editable` allows moving and resizing.
    AnnotationItem(const core::Annotation& record, bool editable, QGraphicsItem* parent = nullptr);
    ~AnnotationItem() override;

    const core::Annotation& record() const { return record_; }
    QString id() const { return QString::fromStdString(record_.id); }
    /// Shows a stored version: geometry, category and note (ends any drag under way).
    void setRecord(const core::Annotation& record);
    /// The geometry as shown, which differs from record() during a drag.
    const QPolygonF& geometry() const { return points_; }
    bool editable() const { return editable_; }

    /// Screen pixels per image pixel of the view, so hit margins stay a constant screen size.
    void setViewScale(double screenPerImage);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

signals:
    /// The officer finished a move or resize: image-pixel points before and after.
    void geometryEdited(const QString& id, const QPolygonF& before, const QPolygonF& after);
    /// Selected or deselected (not emitted while the item or its scene is being destroyed).
    void selectedChanged();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    friend class AnnotationHandle;
    void beginHandleDrag();
    void dragHandle(int index, QPointF scenePos);
    void endHandleDrag();
    void setGeometry(const QPolygonF& points);
    QPainterPath outline() const;
    void rebuildHandles();
    void placeChildren();
    void updateTexts();

    core::Annotation record_;
    QPolygonF points_; ///< rectangle / ellipse: two opposite corners; polygon: vertices
    bool editable_ = false;
    double scale_ = 1.0; ///< screen pixels per image pixel
    QPolygonF dragStart_;
    QPointF pressScenePos_;
    bool dragging_ = false;
    AnnotationLabel* label_ = nullptr;
    std::vector<AnnotationHandle*> handles_;
};

} // namespace prescreen::ui
