#pragma once
// The magnifier: a square over the scan, centred on the cursor, showing the scan around it at a
// multiple of the view's zoom, rendered from the pyramid (full resolution once the magnified
// zoom reaches one screen pixel per scan pixel), not by enlarging screen pixels.

#include "scan_render.h"

#include <QImage>
#include <QWidget>

namespace prescreen::ui {

class Loupe : public QWidget {
    Q_OBJECT

public:
    static constexpr int kSidePx = 240;
    static constexpr double kMagnification = 3.0;
    static constexpr double kMaxZoom = 64.0; ///< screen pixels per scan pixel

    /// `parent` is the scan view's viewport: the loupe ignores the mouse, the view keeps it.
    explicit Loupe(QWidget* parent);

    /// Renders the view around `scenePoint` at kMagnification × `viewZoom` and centres the
    /// loupe on `viewportPoint`.
    void showAt(const PreparedView& view, const DisplaySettings& settings, double viewZoom,
                QPointF scenePoint, QPoint viewportPoint);
    /// What the loupe shows (for tests), and the zoom it was rendered at.
    const QImage& image() const { return image_; }
    double zoom() const { return zoom_; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    ViewportRenderer renderer_;
    QImage image_;
    double zoom_ = 0;
};

} // namespace prescreen::ui
