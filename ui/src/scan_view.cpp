#include "scan_view.h"

#include <QGraphicsPixmapItem>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace prescreen::ui {
namespace {

constexpr double kMaxZoom = 32.0;  ///< screen pixels per image pixel
constexpr double kWheelStep = 1.2; ///< zoom factor per wheel notch (120 units)

} // namespace

ScanView::ScanView(QWidget* parent) : QGraphicsView(parent) {
    setObjectName(QStringLiteral("ScanView"));
    setScene(new QGraphicsScene(this));
    setBackgroundBrush(QColor(0x10, 0x11, 0x13));
    setFrameShape(QFrame::NoFrame);
    setDragMode(QGraphicsView::ScrollHandDrag);
    // Panning is by dragging; the image gets the whole area.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHint(QPainter::SmoothPixmapTransform, true);
    item_ = scene()->addPixmap({});
    item_->setTransformationMode(Qt::SmoothTransformation);
    item_->setShapeMode(QGraphicsPixmapItem::BoundingRectShape);
}

void ScanView::setImage(const QImage& image, bool keepView) {
    item_->setPixmap(QPixmap::fromImage(image));
    // An image's width and height of room on every side: any image point can be brought under
    // any viewport point, so zooming keeps the point under the cursor even at the edges.
    const QRectF bounds = item_->boundingRect();
    scene()->setSceneRect(
        bounds.adjusted(-bounds.width(), -bounds.height(), bounds.width(), bounds.height()));
    if (!keepView)
        fitted_ = true;
    if (fitted_)
        fitToWindow();
}

void ScanView::clear() {
    item_->setPixmap({});
    scene()->setSceneRect({});
    resetTransform();
    fitted_ = true;
}

bool ScanView::hasImage() const {
    return !item_->pixmap().isNull();
}

QSize ScanView::imageSize() const {
    return item_->pixmap().size();
}

double ScanView::zoom() const {
    return transform().m11();
}

double ScanView::fitZoom() const {
    const QSizeF image = item_->boundingRect().size();
    if (image.isEmpty())
        return 1.0;
    const QSize room = viewport()->size();
    return std::min(room.width() / image.width(), room.height() / image.height());
}

void ScanView::fitToWindow() {
    if (!hasImage())
        return;
    const double scale = fitZoom();
    setTransform(QTransform::fromScale(scale, scale));
    centerOn(item_);
    fitted_ = true;
}

void ScanView::showActualPixels() {
    if (!hasImage())
        return;
    zoomAt(1.0 / zoom(), QPointF(viewport()->rect().center()));
}

void ScanView::zoomAt(double factor, QPointF viewportPoint) {
    if (!hasImage() || !(factor > 0) || !std::isfinite(factor))
        return;
    // Never smaller than half the fitted size, never beyond kMaxZoom.
    const double target = std::clamp(zoom() * factor, std::min(fitZoom() / 2, 1.0), kMaxZoom);
    const QPointF anchor = mapToScene(viewportPoint.toPoint());
    setTransform(QTransform::fromScale(target, target));
    // Scroll so the anchor is back under the same viewport point.
    const QPointF moved = mapFromScene(anchor) - viewportPoint;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() +
                                    static_cast<int>(std::lround(moved.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() +
                                  static_cast<int>(std::lround(moved.y())));
    fitted_ = false;
}

void ScanView::wheelEvent(QWheelEvent* event) {
    const int delta = event->angleDelta().y();
    if (delta == 0 || !hasImage()) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomAt(std::pow(kWheelStep, delta / 120.0), event->position());
    event->accept();
}

void ScanView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (fitted_)
        fitToWindow();
}

} // namespace prescreen::ui
