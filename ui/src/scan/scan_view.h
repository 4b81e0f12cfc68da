#pragma once
// The image itself: one prepared view of a scan in a QGraphicsView whose scene coordinates are
// full-resolution image pixels (level 0), so overlay items stay on the scan at every zoom. Only
// the visible part is rendered, from the pyramid level that matches the zoom, into one
// viewport-sized item at z = -1 (overlays go above 0); it is re-rendered when the view pans,
// zooms, resizes or the display settings change. The wheel zooms around the point under the
// cursor, dragging pans, right-dragging changes the grey window (horizontal = width,
// vertical = centre), and moving reports what is under the cursor.

#include "cursor_readout.h"
#include "scan_render.h"

#include <QGraphicsView>
#include <QImage>

#include <memory>

namespace prescreen::ui {

class Loupe;
class ViewportItem;

class ScanView : public QGraphicsView {
    Q_OBJECT

public:
    explicit ScanView(QWidget* parent = nullptr);
    ~ScanView() override;

    /// Shows a prepared view. `keepView` keeps zoom and position (e.g. the same scan again);
    /// otherwise the whole image is fitted into the window.
    void setView(std::shared_ptr<const PreparedView> view, bool keepView);
    /// Shows a plain picture (lab data, tests) as a single-energy 16-bit view; its pyramid is
    /// built on the calling thread, so keep it small.
    void setImage(const QImage& image, bool keepView);
    void clear();
    bool hasImage() const;
    /// True once the current scan was rendered from full resolution (pyramid level 0) since it
    /// was set; a fitted long scan is shown from a coarser level until the officer zooms in.
    bool shownAtFullResolution() const { return shownAtFullResolution_; }
    /// The size of the image shown, in full-resolution image pixels (= scene units).
    QSize imageSize() const;
    const PreparedView* preparedView() const { return view_.get(); }

    void setSettings(const DisplaySettings& settings);
    const DisplaySettings& settings() const { return settings_; }

    void fitToWindow();
    void showActualPixels();
    /// Multiplies the zoom by `factor`, keeping the image point under `viewportPoint` still.
    void zoomAt(double factor, QPointF viewportPoint);
    /// Screen pixels per image pixel.
    double zoom() const;
    /// The scene point at the centre of the viewport.
    QPointF centre() const;
    /// Sets zoom and centre at once (linked views); does not count as the officer zooming
    /// unless `fitted` is false.
    void setZoomAndCentre(double zoom, QPointF centre, bool fitted);
    bool isFitted() const { return fitted_; }
    /// The part of the image on screen, in scene (image) coordinates; empty if none.
    QRectF visibleImageRect() const;

    /// Renders now if pan, zoom or settings changed since the last render (painting does it
    /// otherwise). Returns false if the render failed (renderError() says why).
    bool ensureRendered();
    /// The last viewport render: its pyramid level and the level pixels it read.
    int renderedLevel() const { return renderedLevel_; }
    imaging::render::PixelRect renderedSource() const { return renderedSource_; }
    const QString& renderError() const { return renderError_; }

    void setLoupeEnabled(bool enabled);
    bool isLoupeEnabled() const { return loupeEnabled_; }
    const Loupe* loupe() const { return loupe_; }

signals:
    /// Zoom, position or viewport size changed (emitted once per render).
    void viewChanged();
    /// The officer right-dragged the grey window to this one (rescaled units).
    void windowDragged(double centre, double width);
    /// The cursor moved over the image: what is under it.
    void cursorRead(const prescreen::ui::CursorReading& reading);
    /// The cursor left the image.
    void cursorLeft();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    double fitZoom() const;
    void invalidate();
    void updateCursor(QPoint viewportPoint);

    std::shared_ptr<const PreparedView> view_;
    DisplaySettings settings_;
    ViewportRenderer renderer_;
    ViewportItem* item_ = nullptr;
    Loupe* loupe_ = nullptr;
    bool fitted_ = true; ///< follows window size changes until the officer zooms
    bool dirty_ = false;
    bool loupeEnabled_ = false;
    int renderedLevel_ = -1;
    bool shownAtFullResolution_ = false;
    imaging::render::PixelRect renderedSource_;
    QString renderError_;
    QTransform emittedTransform_; ///< the view geometry viewChanged last reported
    QSize emittedSize_;

    bool windowing_ = false; ///< a right-drag is under way
    QPoint windowOrigin_;
    imaging::render::Window windowAtOrigin_;
    QPoint lastCursor_{-1, -1};
};

} // namespace prescreen::ui
