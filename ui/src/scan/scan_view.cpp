#include "scan_view.h"

#include "loupe.h"

#include <QGraphicsPixmapItem>
#include <QLineF>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace prescreen::ui {

/// The rendered viewport: a pixmap of screen pixels placed over the visible part of the image
/// (scaled by 1 / zoom in the scene), drawn 1:1 on the screen's pixel grid.
class ViewportItem : public QGraphicsPixmapItem {
public:
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
               QWidget* widget) override {
        const QTransform world = painter->worldTransform();
        if (world.type() <= QTransform::TxScale && std::abs(world.m11() - 1.0) < 1e-6 &&
            std::abs(world.m22() - 1.0) < 1e-6) {
            // One pixmap pixel per device pixel: snap to the grid instead of resampling.
            painter->setWorldTransform(
                QTransform::fromTranslate(std::round(world.dx()), std::round(world.dy())));
            painter->drawPixmap(0, 0, pixmap());
            painter->setWorldTransform(world);
            return;
        }
        QGraphicsPixmapItem::paint(painter, option, widget);
    }
};

namespace {

constexpr double kMaxZoom = 32.0;  ///< screen pixels per image pixel
constexpr double kWheelStep = 1.2; ///< zoom factor per wheel notch (120 units)
/// Right-drag sensitivity: this many screen pixels move the window by the automatic width.
constexpr double kWindowDragSpanPx = 400.0;
constexpr double kFineWindowStep = 10.0; ///< Shift+right-drag divides the step by this
const QColor kBackground(0x10, 0x11, 0x13);

} // namespace

ScanView::ScanView(QWidget* parent) : QGraphicsView(parent) {
    setObjectName(QStringLiteral("ScanView"));
    auto* scene = new QGraphicsScene(this);
    scene->setItemIndexMethod(QGraphicsScene::NoIndex); // the viewport item moves every frame
    setScene(scene);
    setBackgroundBrush(kBackground);
    setFrameShape(QFrame::NoFrame);
    setDragMode(QGraphicsView::ScrollHandDrag);
    // Panning is by dragging; the image gets the whole area.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    // Every pan re-renders the whole visible image: no scroll blitting.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setContextMenuPolicy(Qt::PreventContextMenu); // the right button sets the window
    viewport()->setMouseTracking(true);
    item_ = new ViewportItem;
    item_->setZValue(-1);
    item_->setShapeMode(QGraphicsPixmapItem::BoundingRectShape);
    item_->setTransformationMode(Qt::FastTransformation);
    item_->setAcceptedMouseButtons(Qt::NoButton);
    scene->addItem(item_);
    loupe_ = new Loupe(viewport());
}

ScanView::~ScanView() = default;

void ScanView::setView(std::shared_ptr<const PreparedView> view, bool keepView) {
    view_ = std::move(view);
    if (!view_) {
        clear();
        return;
    }
    const QSize size = view_->size();
    // An image's width and height of room on every side: any image point can be brought under
    // any viewport point, so zooming keeps the point under the cursor even at the edges.
    scene()->setSceneRect(-size.width(), -size.height(), 3.0 * size.width(), 3.0 * size.height());
    if (!keepView) {
        fitted_ = true;
        shownAtFullResolution_ = false;
    }
    if (fitted_)
        fitToWindow();
    invalidate();
    ensureRendered();
}

void ScanView::setImage(const QImage& image, bool keepView) {
    if (image.isNull()) {
        clear();
        return;
    }
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale16);
    imaging::Plane plane;
    plane.pixels = imaging::Image(imaging::PixelFormat::Gray16, grey.width(), grey.height());
    for (int y = 0; y < grey.height(); ++y)
        std::copy_n(reinterpret_cast<const quint16*>(grey.constScanLine(y)), grey.width(),
                    plane.pixels.row<quint16>(y));
    auto scan = std::make_shared<imaging::Scan>();
    scan->views.emplace_back().planes.push_back(std::move(plane));
    setView(prepareView(std::move(scan), 0, {}, {}), keepView);
}

void ScanView::clear() {
    view_.reset();
    item_->setPixmap({});
    item_->hide();
    loupe_->hide();
    scene()->setSceneRect({});
    resetTransform();
    fitted_ = true;
    renderedLevel_ = -1;
    shownAtFullResolution_ = false;
    renderedSource_ = {};
    renderError_.clear();
}

bool ScanView::hasImage() const {
    return view_ != nullptr;
}

QSize ScanView::imageSize() const {
    return view_ ? view_->size() : QSize();
}

void ScanView::setSettings(const DisplaySettings& settings) {
    if (settings == settings_)
        return;
    settings_ = settings;
    invalidate();
    ensureRendered();
}

double ScanView::zoom() const {
    return transform().m11();
}

QPointF ScanView::centre() const {
    return mapToScene(viewport()->rect()).boundingRect().center();
}

double ScanView::fitZoom() const {
    const QSizeF image = imageSize();
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
    centerOn(QRectF(QPointF(0, 0), QSizeF(imageSize())).center());
    fitted_ = true;
    invalidate();
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
    invalidate();
}

void ScanView::setZoomAndCentre(double zoom, QPointF centre, bool fitted) {
    if (!hasImage() || !(zoom > 0) || !std::isfinite(zoom))
        return;
    // Already there (within a screen pixel): linked views must not echo each other's rounding.
    if (std::abs(zoom - this->zoom()) <= 1e-9 * zoom &&
        QLineF(centre, this->centre()).length() * zoom < 1.0) {
        fitted_ = fitted;
        return;
    }
    if (std::abs(zoom - this->zoom()) > 1e-12)
        setTransform(QTransform::fromScale(zoom, zoom));
    centerOn(centre);
    fitted_ = fitted;
    invalidate();
}

QRectF ScanView::visibleImageRect() const {
    if (!hasImage())
        return {};
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    return visible.intersected(QRectF(QPointF(0, 0), QSizeF(imageSize())));
}

void ScanView::invalidate() {
    dirty_ = true;
    viewport()->update();
}

bool ScanView::ensureRendered() {
    if (!dirty_)
        return renderError_.isEmpty();
    dirty_ = false;
    if (!view_)
        return true;
    const QSize size = imageSize();
    const QTransform toViewport = viewportTransform();
    const QPointF topLeft = toViewport.map(QPointF(0, 0));
    const QPointF bottomRight = toViewport.map(QPointF(size.width(), size.height()));
    const QRect room = viewport()->rect();
    // The screen pixels whose centres fall on the image.
    const int x0 = std::max(0, static_cast<int>(std::ceil(topLeft.x() - 0.5)));
    const int y0 = std::max(0, static_cast<int>(std::ceil(topLeft.y() - 0.5)));
    const int x1 = std::min(room.width(), static_cast<int>(std::ceil(bottomRight.x() - 0.5)));
    const int y1 = std::min(room.height(), static_cast<int>(std::ceil(bottomRight.y() - 0.5)));
    const double scale = zoom();
    renderError_.clear();
    if (x1 <= x0 || y1 <= y0) {
        item_->hide();
        renderedSource_ = {};
    } else {
        imaging::render::Viewport viewport;
        viewport.width = x1 - x0;
        viewport.height = y1 - y0;
        viewport.zoom = scale;
        const QPointF middle = toViewport.inverted().map(QPointF((x0 + x1) / 2.0, (y0 + y1) / 2.0));
        viewport.centerX = middle.x();
        viewport.centerY = middle.y();
        try {
            auto result = renderer_.render(*view_, viewport, settings_);
            renderedLevel_ = result.level;
            shownAtFullResolution_ = shownAtFullResolution_ || result.level == 0;
            renderedSource_ = result.sourceRect;
            item_->setPixmap(QPixmap::fromImage(toQImage(std::move(result.image))));
            item_->setScale(1.0 / scale);
            item_->setPos(toViewport.inverted().map(QPointF(x0, y0)));
            item_->show();
        } catch (const std::exception& error) {
            renderError_ = QString::fromUtf8(error.what());
            item_->hide();
        }
    }
    if (toViewport != emittedTransform_ || room.size() != emittedSize_) {
        emittedTransform_ = toViewport;
        emittedSize_ = room.size();
        emit viewChanged();
    }
    return renderError_.isEmpty();
}

void ScanView::paintEvent(QPaintEvent* event) {
    ensureRendered();
    QGraphicsView::paintEvent(event);
}

void ScanView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    invalidate();
}

void ScanView::wheelEvent(QWheelEvent* event) {
    const int delta = event->angleDelta().y();
    if (delta == 0 || !hasImage()) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomAt(std::pow(kWheelStep, delta / 120.0), event->position());
    updateCursor(event->position().toPoint());
    event->accept();
}

void ScanView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (fitted_)
        fitToWindow();
    invalidate();
}

void ScanView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::RightButton && hasImage()) {
        windowing_ = true;
        windowOrigin_ = event->position().toPoint();
        windowAtOrigin_ = ViewportRenderer::windowOf(*view_, settings_);
        viewport()->setCursor(Qt::SizeAllCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void ScanView::mouseMoveEvent(QMouseEvent* event) {
    if (windowing_) {
        // As in radiology viewers: right = wider (less contrast), down = higher centre.
        const QPoint moved = event->position().toPoint() - windowOrigin_;
        // Scaled to the window the drag started from (rescaled units, or -ln T in attenuation),
        // so a narrow window moves in small steps (on 16-bit data the automatic width spans tens
        // of thousands of units); Shift: ten times finer still.
        const bool linear = view_->scaleOf(settings_) == imaging::render::DisplayScale::Linear;
        const double minimum = linear ? 1.0 : 0.01;
        double step = std::max(windowAtOrigin_.width, minimum) / kWindowDragSpanPx;
        if (event->modifiers() & Qt::ShiftModifier)
            step /= kFineWindowStep;
        DisplaySettings next = settings_;
        next.window =
            imaging::render::Window{windowAtOrigin_.center + moved.y() * step,
                                    std::max(minimum, windowAtOrigin_.width + moved.x() * step)};
        setSettings(next);
        emit windowDragged(next.window->center, next.window->width);
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
    updateCursor(event->position().toPoint());
}

void ScanView::mouseReleaseEvent(QMouseEvent* event) {
    if (windowing_ && event->button() == Qt::RightButton) {
        windowing_ = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void ScanView::leaveEvent(QEvent* event) {
    QGraphicsView::leaveEvent(event);
    loupe_->hide();
    lastCursor_ = {-1, -1};
    emit cursorLeft();
}

void ScanView::updateCursor(QPoint viewportPoint) {
    if (!view_)
        return;
    lastCursor_ = viewportPoint;
    const QPointF scenePoint = mapToScene(viewportPoint) + QPointF(0.5 / zoom(), 0.5 / zoom());
    if (const auto reading = readAt(*view_, scenePoint))
        emit cursorRead(*reading);
    else
        emit cursorLeft();
    if (loupeEnabled_) {
        try {
            loupe_->showAt(*view_, settings_, zoom(), scenePoint, viewportPoint);
        } catch (const std::exception&) {
            loupe_->hide(); // the view itself shows the render error
        }
    }
}

void ScanView::setLoupeEnabled(bool enabled) {
    loupeEnabled_ = enabled;
    if (!enabled)
        loupe_->hide();
    else if (lastCursor_.x() >= 0)
        updateCursor(lastCursor_);
}

} // namespace prescreen::ui
