#pragma once
// Waiting in UI tests: runs the event loop until a condition holds or time runs out.

#include <QElapsedTimer>
#include <QGraphicsPixmapItem>
#include <QGraphicsView>
#include <QTest>

#include <functional>

namespace prescreen::test {

inline bool waitUntil(const std::function<bool()>& done, int timeoutMs = 30000) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    return done();
}

/// The image the scan view shows (null if none).
inline QImage shownScan(QWidget& window) {
    auto* view = window.findChild<QGraphicsView*>(QStringLiteral("ScanView"));
    if (view == nullptr)
        return {};
    for (auto* item : view->scene()->items())
        if (auto* pixmap = qgraphicsitem_cast<QGraphicsPixmapItem*>(item))
            return pixmap->pixmap().toImage();
    return {};
}

/// Pixels whose red, green and blue differ clearly (a material colour, not a grey).
inline int colouredPixels(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int coloured = 0;
    for (int y = 0; y < rgb.height(); y += 2)
        for (int x = 0; x < rgb.width(); x += 2) {
            const QColor c = rgb.pixelColor(x, y);
            if (std::abs(c.red() - c.green()) > 24 || std::abs(c.green() - c.blue()) > 24)
                ++coloured;
        }
    return coloured;
}

} // namespace prescreen::test
