#include "loupe.h"

#include <QPainter>

#include <algorithm>

namespace prescreen::ui {

Loupe::Loupe(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("Loupe"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFixedSize(kSidePx, kSidePx);
    hide();
}

void Loupe::showAt(const PreparedView& view, const DisplaySettings& settings, double viewZoom,
                   QPointF scenePoint, QPoint viewportPoint) {
    zoom_ = std::clamp(viewZoom * kMagnification, 1e-3, kMaxZoom);
    imaging::render::Viewport viewport;
    viewport.width = kSidePx;
    viewport.height = kSidePx;
    viewport.zoom = zoom_;
    viewport.centerX = scenePoint.x();
    viewport.centerY = scenePoint.y();
    viewport.background = {0x10, 0x11, 0x13};
    image_ = toQImage(renderer_.render(view, viewport, settings).image);
    move(viewportPoint - QPoint(kSidePx / 2, kSidePx / 2));
    show();
    raise();
    update();
}

void Loupe::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.drawImage(0, 0, image_);
    painter.setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 2));
    painter.drawRect(rect().adjusted(1, 1, -1, -1));
    // A small cross marks the point under the cursor.
    const QPoint c = rect().center();
    painter.setPen(QPen(QColor(0xff, 0xd0, 0x40), 1));
    painter.drawLine(c - QPoint(6, 0), c - QPoint(2, 0));
    painter.drawLine(c + QPoint(2, 0), c + QPoint(6, 0));
    painter.drawLine(c - QPoint(0, 6), c - QPoint(0, 2));
    painter.drawLine(c + QPoint(0, 2), c + QPoint(0, 6));
}

} // namespace prescreen::ui
