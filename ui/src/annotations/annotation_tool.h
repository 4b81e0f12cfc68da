#pragma once
// Drawing a new mark with the mouse on the scan view. While a drawing tool is active an event
// filter on the view's viewport takes the left button: rectangle and ellipse by dragging from
// corner to corner, polygon by clicking vertices and closing with a double-click or Enter
// (Backspace takes the last vertex back). Everything else, the wheel zoom, the right button, and
// the left button while Space is held (to pan), still reaches the view. With no drawing tool the
// filter takes nothing. Escape cancels the mark being drawn, or else asks for the select tool.

#include <prescreen/core/model.h>

#include <QObject>
#include <QPointer>
#include <QPolygonF>

#include <optional>

class QGraphicsView;

namespace prescreen::ui {

class AnnotationPreview;

class AnnotationDrawTool : public QObject {
    Q_OBJECT

public:
    explicit AnnotationDrawTool(QGraphicsView& view, QObject* parent = nullptr);
    ~AnnotationDrawTool() override;

    /// The shape drawn from now on; nothing: no drawing (selecting, panning, zooming).
    void setShape(std::optional<core::Shape> shape);
    std::optional<core::Shape> shape() const { return shape_; }
    /// True while a mark is being drawn (between the first press and its end).
    bool isDrawing() const { return drawing_; }
    /// Drops the mark being drawn, if any.
    void cancel();

    /// Smallest rectangle or ellipse kept, in screen pixels each way (smaller is a click).
    static constexpr double kMinimumSizePx = 3.0;

signals:
    /// A finished mark, in image pixels: rectangle and ellipse two opposite corners, polygon
    /// its vertices (at least three).
    void drawn(core::Shape shape, const QPolygonF& points);
    /// Escape with nothing being drawn: the officer wants the select tool back.
    void escapePressed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool viewportEvent(QEvent* event);
    bool keyEvent(QEvent* event);
    QPointF toScene(QPointF viewportPos) const;
    void updatePreview(QPointF cursor);
    void finishPolygon();
    void reset();

    QGraphicsView& view_;
    std::optional<core::Shape> shape_;
    bool drawing_ = false;
    bool spaceHeld_ = false;
    QPolygonF points_; ///< box: the corner pressed first; polygon: vertices so far
    QPointer<AnnotationPreview> preview_;
};

} // namespace prescreen::ui
