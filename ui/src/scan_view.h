#pragma once
// The image itself: a rendered scan view in a QGraphicsView. The wheel zooms around the point
// under the cursor, dragging pans. Knows nothing of files or rendering.

#include <QGraphicsView>
#include <QImage>

class QGraphicsPixmapItem;

namespace prescreen::ui {

class ScanView : public QGraphicsView {
    Q_OBJECT

public:
    explicit ScanView(QWidget* parent = nullptr);

    /// Shows an image. `keepView` keeps zoom and position (the same scan in another mode);
    /// otherwise the whole image is fitted into the window.
    void setImage(const QImage& image, bool keepView);
    void clear();
    bool hasImage() const;
    /// The size of the image shown, in image pixels.
    QSize imageSize() const;

    void fitToWindow();
    void showActualPixels();
    /// Multiplies the zoom by `factor`, keeping the image point under `viewportPoint` still.
    void zoomAt(double factor, QPointF viewportPoint);
    /// Screen pixels per image pixel.
    double zoom() const;

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    double fitZoom() const;

    QGraphicsPixmapItem* item_ = nullptr;
    bool fitted_ = true; ///< follows window size changes until the officer zooms
};

} // namespace prescreen::ui
