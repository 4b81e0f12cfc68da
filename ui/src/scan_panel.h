#pragma once
// The centre of the screen: the open case's scan with its display toolbar (grey, material
// colour, organic only, inorganic only, invert, fit, 1:1) and the material legend. Decoding and
// rendering run on a worker thread; the newest request wins and older results are dropped.

#include "scan_render.h"

#include <prescreen/core/scan_cache.h>
#include <prescreen/imaging/scan.h>

#include <QFutureWatcher>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QToolBar;

namespace prescreen::ui {

class MaterialLegend;
class ScanView;

/// What a worker hands back: the decoded scan (kept for re-rendering), the image or an error.
struct ScanJobResult {
    quint64 generation = 0;
    bool rerender = false; ///< the scan on screen in another mode: keep zoom and position
    std::shared_ptr<const imaging::Scan> scan;
    DisplaySettings settings; ///< as rendered (grey when material colour was impossible)
    QImage image;
    QString error;
    QString note; ///< something the officer should know about the image
};

class ScanPanel : public QWidget {
    Q_OBJECT

public:
    /// The cache is copied (it is a folder name): workers never refer back to the caller's.
    explicit ScanPanel(const core::ScanCache& cache, QWidget* parent = nullptr);
    /// Waits for a running decode or render to end.
    ~ScanPanel() override;

    /// Starts loading the case's first scan; the current display mode is kept.
    void showScans(const std::vector<core::ScanFile>& scans);
    void clear();

    void setMode(DisplayMode mode);
    void setInvert(bool invert);
    DisplaySettings settings() const { return settings_; }
    /// True while a decode or render is under way.
    bool isBusy() const;
    ScanView& view() { return *view_; }

protected:
    void resizeEvent(QResizeEvent* event) override;

signals:
    /// Busy state changed: work started, or the last result (image or error) is on screen.
    void busyChanged(bool busy);

private:
    void createActions();
    void start();
    void finished();
    void updateActions();
    void checkModeAction();
    void placeLegend();
    void showProblem(const QString& message);

    core::ScanCache cache_;
    QThreadPool pool_;
    QFutureWatcher<ScanJobResult> watcher_;
    std::shared_ptr<std::atomic<quint64>> latest_ = std::make_shared<std::atomic<quint64>>(0);
    std::vector<core::ScanFile> files_;         ///< of the case on screen
    std::shared_ptr<const imaging::Scan> scan_; ///< decoded from files_, once loaded
    DisplaySettings settings_;
    bool busy_ = false;

    QToolBar* toolbar_ = nullptr;
    QActionGroup* modes_ = nullptr;
    QAction* grey_ = nullptr;
    QAction* material_ = nullptr;
    QAction* organic_ = nullptr;
    QAction* inorganic_ = nullptr;
    QAction* invert_ = nullptr;
    QAction* fit_ = nullptr;
    QAction* actualPixels_ = nullptr;
    QAction* zoomIn_ = nullptr;
    QAction* zoomOut_ = nullptr;
    MaterialLegend* legend_ = nullptr;
    QLabel* message_ = nullptr;
    ScanView* view_ = nullptr;
};

} // namespace prescreen::ui
