#include <prescreen/ui/screenshot.h>

#include <QImageWriter>
#include <QPixmap>
#include <QWidget>

namespace prescreen::ui {

QString saveScreenshot(QWidget& widget, const QString& pngFile) {
    const QPixmap pixmap = widget.grab();
    if (pixmap.isNull())
        return QObject::tr("the window could not be rendered");
    QImageWriter writer(pngFile, "png");
    if (!writer.write(pixmap.toImage()))
        return QObject::tr("cannot write %1: %2").arg(pngFile, writer.errorString());
    return {};
}

} // namespace prescreen::ui
