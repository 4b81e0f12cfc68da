#pragma once
// The centre of the screen: the open case's scan with its display toolbar (grey, material
// colour, organic only, inorganic only, density slice, invert, CLAHE, edges, auto window, loupe,
// linked views, fit, 1:1, zoom), the colour key, a histogram of the visible values with the
// window on it, and a readout of what is under the cursor. Decoding and pyramid building run on
// a worker thread with progress shown; the newest request wins and older results are dropped.
// Display changes re-render only the visible part, on the UI thread, within a frame.

#include "scan_render.h"

#include <prescreen/core/scan_cache.h>
#include <prescreen/imaging/scan.h>

#include <QFutureWatcher>
#include <QThreadPool>
#include <QTimer>
#include <QVariantMap>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>
#include <stop_token>

class QAction;
class QActionGroup;
class QDoubleSpinBox;
class QHBoxLayout;
class QLabel;
class QToolBar;

namespace prescreen::ui {

class HistogramWidget;
class MaterialLegend;
class ScanView;
struct CursorReading;

/// What a worker hands back: the decoded scan and its views ready to show, or an error.
struct ScanJobResult {
    quint64 generation = 0;
    std::shared_ptr<const imaging::Scan> scan;
    std::vector<std::shared_ptr<const PreparedView>> views;
    QString error;
};

class ScanPanel : public QWidget {
    Q_OBJECT

public:
    /// Views shown side by side at most (a scan with more shows its first ones).
    static constexpr int kMaxViews = 4;

    /// The cache is copied (it is a folder name): workers never refer back to the caller's.
    explicit ScanPanel(const core::ScanCache& cache, QWidget* parent = nullptr);
    /// Cancels and waits for a running decode or pyramid build.
    ~ScanPanel() override;

    /// Starts loading the case's first scan; the current display settings are kept.
    void showScans(const std::vector<core::ScanFile>& scans);
    /// Decodes and prepares a case's scan on a second worker while the officer works on the
    /// current one, so that showScans() of the same files shows it at once (the next case
    /// after a decision). One prefetched scan is kept; a newer prefetch replaces it.
    void prefetch(const std::vector<core::ScanFile>& scans);
    /// True when showScans(scans) would show a prefetched scan without decoding.
    bool isPrefetched(const std::vector<core::ScanFile>& scans) const;
    /// Shows an already decoded scan (the pyramid is built on the worker).
    void showScan(std::shared_ptr<const imaging::Scan> scan);
    void clear();

    void setMode(DisplayMode mode);
    void setInvert(bool invert);
    void setLocalContrast(bool on);
    void setEdges(bool on);
    /// Grey of transmission views: HDR (local tone mapping) on, or the view's default scale.
    void setHdr(bool on);
    void setSmoothing(bool on); ///< median of photon-starved pixels
    /// The grey window (rescaled units); nullopt = automatic. A new case (showScans,
    /// showScan) goes back to automatic unless the window is held.
    void setWindow(std::optional<imaging::render::Window> window);
    /// The automatic window on what the first view shows (V): the 0.5–99.5 % of its visible
    /// values. Does nothing without an image.
    void windowOnVisible();
    /// Keeps the manual window and density band from case to case (Shift+W). While held and a
    /// scan is shown, a banner over the scan says so with the values.
    void setWindowHeld(bool held);
    bool windowHeld() const { return held_; }
    void setSlice(std::optional<DensityBand> band);
    void setLoupeEnabled(bool on);
    void setViewsLinked(bool linked);
    bool viewsLinked() const { return linked_; }
    DisplaySettings settings() const { return settings_; }

    /// The display choices to remember per officer (mode, invert, CLAHE, edges, loupe, linked
    /// views), as plain values for QSettings or the store. The window and the density band
    /// belong to one scan: they are neither saved nor restored (a saved window opened the next
    /// sign-in's first case all white).
    QVariantMap displayState() const;
    /// Applies a state from displayState(); unknown keys and bad values are ignored.
    void setDisplayState(const QVariantMap& state);

    /// True while a decode or pyramid build is under way.
    bool isBusy() const;
    /// True once every view of the scan on screen was shown at full resolution (level 0).
    bool shownAtFullResolution() const;
    /// The decoded scan on screen (null while loading or without a case).
    std::shared_ptr<const imaging::Scan> scan() const { return scan_; }
    /// The first view's scan view; more views are viewAt(i).
    ScanView& view() { return *views_.front(); }
    int viewCount() const { return static_cast<int>(views_.size()); }
    ScanView& viewAt(int index) { return *views_.at(static_cast<std::size_t>(index)); }
    HistogramWidget& histogram() { return *histogram_; }
    /// The readout line currently shown (empty when the cursor is off the image).
    QString cursorText() const;

signals:
    /// Busy state changed: work started, or the last result (image or error) is on screen.
    void busyChanged(bool busy);
    /// What is under the cursor, one line (empty when it left the image), for the status bar.
    void cursorReadoutChanged(const QString& text);
    /// The display state changed (to persist it per officer).
    void displayStateChanged();
    /// The histogram of the visible values of the first view (rescaled units).
    void histogramChanged(const std::vector<quint32>& bins, double lo, double hi);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void createActions();
    void createDisplayActions();
    void start();
    void finished();
    void prefetchFinished();
    /// Puts a worker's result on screen (the current request's, or a prefetched one).
    void present(const ScanJobResult& result);
    void applySettings();
    /// Sets one on/off display choice and its toolbar button, then re-renders if it changed.
    void setToggle(bool DisplaySettings::*field, QAction* action, bool on);
    void setViewCount(int count);
    void viewChanged(ScanView* source);
    void updateHistogram();
    void showReading(const CursorReading& reading);
    void updateActions();
    void updateProgress();
    void checkModeAction();
    void placeLegend();
    void showProblem(const QString& message);
    void setBusy(bool busy);
    /// A new case: back to the automatic window and band unless held.
    void resetCaseDisplay();
    void updateHeldBanner();

    core::ScanCache cache_;
    QThreadPool pool_;
    QFutureWatcher<ScanJobResult> watcher_;
    std::shared_ptr<std::atomic<quint64>> latest_ = std::make_shared<std::atomic<quint64>>(0);
    std::shared_ptr<std::atomic<double>> progress_ = std::make_shared<std::atomic<double>>(0);
    std::stop_source stop_;
    // The prefetch: its own single-thread pool, request counter and cancellation.
    QThreadPool prefetchPool_;
    QFutureWatcher<ScanJobResult> prefetchWatcher_;
    std::shared_ptr<std::atomic<quint64>> prefetchLatest_ =
        std::make_shared<std::atomic<quint64>>(0);
    std::shared_ptr<std::atomic<double>> prefetchProgress_ =
        std::make_shared<std::atomic<double>>(0);
    std::stop_source prefetchStop_;
    QString prefetchingKey_;                      ///< files being prefetched ("" none)
    QString prefetchedKey_;                       ///< files of prefetched_ ("" none)
    std::optional<ScanJobResult> prefetched_;     ///< ready to show
    bool awaitingPrefetch_ = false;               ///< the case on screen waits for the prefetch
    std::vector<core::ScanFile> pendingPrefetch_; ///< asked for while awaiting: runs after
    QTimer progressTimer_;
    QTimer histogramTimer_;
    bool hasCase_ = false;
    std::shared_ptr<const imaging::Scan> scan_; ///< decoded, once loaded
    std::vector<std::shared_ptr<const PreparedView>> prepared_;
    DisplaySettings settings_;
    bool busy_ = false;
    bool linked_ = true;
    bool syncing_ = false; ///< a linked view is being moved: do not echo
    bool held_ = false;    ///< the manual window carries over to the next case
    QLabel* heldBanner_ = nullptr;

    QToolBar* toolbar_ = nullptr;
    QActionGroup* modes_ = nullptr;
    QAction* grey_ = nullptr;
    QAction* material_ = nullptr;
    QAction* organic_ = nullptr;
    QAction* inorganic_ = nullptr;
    QAction* slice_ = nullptr;
    QAction* invert_ = nullptr;
    QAction* clahe_ = nullptr;
    QAction* edges_ = nullptr;
    QAction* hdr_ = nullptr;
    QAction* smooth_ = nullptr;
    QAction* autoWindow_ = nullptr;
    QAction* hold_ = nullptr;
    QAction* loupe_ = nullptr;
    QAction* link_ = nullptr;
    QAction* fit_ = nullptr;
    QAction* actualPixels_ = nullptr;
    QAction* zoomIn_ = nullptr;
    QAction* zoomOut_ = nullptr;
    QAction* sliceLowerAction_ = nullptr;
    QAction* sliceUpperAction_ = nullptr;
    QDoubleSpinBox* sliceLower_ = nullptr;
    QDoubleSpinBox* sliceUpper_ = nullptr;
    QAction* visibleWindow_ = nullptr;       ///< V: automatic window on what is visible
    QDoubleSpinBox* windowCentre_ = nullptr; ///< the grey window shown and typed
    QDoubleSpinBox* windowWidth_ = nullptr;
    MaterialLegend* legend_ = nullptr;
    QLabel* message_ = nullptr;
    QLabel* readout_ = nullptr;
    HistogramWidget* histogram_ = nullptr;
    QWidget* viewsArea_ = nullptr;
    QHBoxLayout* viewsLayout_ = nullptr;
    std::vector<ScanView*> views_;
};

} // namespace prescreen::ui
