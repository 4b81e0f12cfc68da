#include <prescreen/ui/screenshot.h>

#include <QImageWriter>
#include <QPainter>
#include <QPixmap>
#include <QWidget>

namespace prescreen::ui {

QString saveScreenshot(QWidget& widget, const QString& pngFile) {
    QPixmap pixmap = widget.grab();
    if (pixmap.isNull())
        return QObject::tr("the window could not be rendered");
    {
        // Dialogs are windows of their own: grab() leaves them out, the eye does not.
        QPainter painter(&pixmap);
        const QPoint origin = widget.mapToGlobal(QPoint(0, 0));
        for (auto* child : widget.findChildren<QWidget*>()) {
            if (child->isWindow() && child->isVisible())
                painter.drawPixmap(child->mapToGlobal(QPoint(0, 0)) - origin, child->grab());
        }
    }
    QImageWriter writer(pngFile, "png");
    if (!writer.write(pixmap.toImage()))
        return QObject::tr("cannot write %1: %2").arg(pngFile, writer.errorString());
    return {};
}

} // namespace prescreen::ui
