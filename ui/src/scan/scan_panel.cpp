#include "scan_panel.h"

#include "cursor_readout.h"
#include "histogram_widget.h"
#include "material_legend.h"
#include "scan_histogram.h"
#include "scan_view.h"

#include <prescreen/error.h>

#include <QAction>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>
#include <utility>

namespace prescreen::ui {
namespace {

// The work of one request, on the panel's worker thread: decode (unless given the scan), then
// each view's pyramid and automatic window. Stops early when superseded.
ScanJobResult runJob(quint64 generation, const std::shared_ptr<std::atomic<quint64>>& latest,
                     const std::shared_ptr<std::atomic<double>>& progress, std::stop_token stop,
                     const core::ScanCache& cache, const std::vector<core::ScanFile>& files,
                     std::shared_ptr<const imaging::Scan> scan) {
    ScanJobResult result;
    result.generation = generation;
    if (latest->load() != generation)
        return result;
    try {
        if (!scan)
            scan = std::make_shared<const imaging::Scan>(loadCaseScan(cache, files));
        result.scan = scan;
        if (scan->views.empty())
            throw Error(ErrorCode::BadFormat, "the scan has no views");
        const int count = std::min<int>(ScanPanel::kMaxViews, static_cast<int>(scan->views.size()));
        for (int i = 0; i < count; ++i) {
            auto report = [&, i](double fraction) {
                progress->store((i + fraction) / count);
            };
            auto view = prepareView(scan, i, report, stop);
            if (!view || latest->load() != generation)
                return result;
            result.views.push_back(std::move(view));
        }
    } catch (const std::exception& error) {
        result.error = QString::fromUtf8(error.what());
    }
    return result;
}

/// Names a case's scan by its files' contents.
QString scanKey(const std::vector<core::ScanFile>& scans) {
    QString key;
    for (const auto& file : scans)
        key += QString::fromStdString(file.sha256) + QLatin1Char(';');
    return key;
}

} // namespace

ScanPanel::ScanPanel(const core::ScanCache& cache, QWidget* parent)
    : QWidget(parent), cache_(cache) {
    setObjectName(QStringLiteral("ScanPanel"));
    pool_.setMaxThreadCount(1); // one decode at a time; the newest wins
    prefetchPool_.setMaxThreadCount(1);
    viewsArea_ = new QWidget(this);
    viewsLayout_ = new QHBoxLayout(viewsArea_);
    viewsLayout_->setContentsMargins(0, 0, 0, 0);
    viewsLayout_->setSpacing(2);
    setViewCount(1);
    createActions();

    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("ScanMessage"));
    message_->setWordWrap(true);
    message_->setContentsMargins(8, 4, 8, 4);
    message_->hide();
    heldBanner_ = new QLabel(this);
    heldBanner_->setObjectName(QStringLiteral("HeldWindowBanner"));
    heldBanner_->setWordWrap(true);
    heldBanner_->setContentsMargins(8, 4, 8, 4);
    heldBanner_->setStyleSheet(
        QStringLiteral("background: #ffb300; color: #1a1a1a; font-weight: bold;"));
    heldBanner_->hide();

    histogram_ = new HistogramWidget(this);
    histogram_->setObjectName(QStringLiteral("ScanHistogram"));
    histogram_->setFixedHeight(110);
    connect(histogram_, &HistogramWidget::windowEdited, this, [this](double centre, double width) {
        setWindow(imaging::render::Window{centre, width});
    });
    readout_ = new QLabel(this);
    readout_->setObjectName(QStringLiteral("CursorReadout"));
    readout_->setContentsMargins(8, 2, 8, 2);
    readout_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar_);
    layout->addWidget(message_);
    layout->addWidget(heldBanner_);
    layout->addWidget(viewsArea_, 1);
    layout->addWidget(histogram_);
    auto* bottom = new QHBoxLayout;
    bottom->setContentsMargins(0, 0, 4, 0);
    bottom->addWidget(readout_, 1);
    bottom->addWidget(windowCentre_);
    bottom->addWidget(windowWidth_);
    auto* holdButton = new QToolButton(this);
    holdButton->setObjectName(QStringLiteral("HoldWindowButton"));
    holdButton->setDefaultAction(hold_);
    bottom->addWidget(holdButton);
    layout->addLayout(bottom);

    connect(&watcher_, &QFutureWatcherBase::finished, this, &ScanPanel::finished);
    connect(&prefetchWatcher_, &QFutureWatcherBase::finished, this, &ScanPanel::prefetchFinished);
    progressTimer_.setInterval(100);
    connect(&progressTimer_, &QTimer::timeout, this, &ScanPanel::updateProgress);
    // The histogram follows pans and zooms at most ten times a second.
    histogramTimer_.setSingleShot(true);
    histogramTimer_.setInterval(100);
    connect(&histogramTimer_, &QTimer::timeout, this, &ScanPanel::updateHistogram);
    updateActions();
}

ScanPanel::~ScanPanel() {
    latest_->store(std::numeric_limits<quint64>::max()); // queued work returns at once
    stop_.request_stop();
    prefetchLatest_->store(std::numeric_limits<quint64>::max());
    prefetchStop_.request_stop();
    pool_.waitForDone();
    prefetchPool_.waitForDone();
}

void ScanPanel::setViewCount(int count) {
    count = std::max(count, 1);
    while (static_cast<int>(views_.size()) < count) {
        auto* view = new ScanView(viewsArea_);
        if (!views_.empty())
            view->setObjectName(QStringLiteral("ScanView%1").arg(views_.size() + 1));
        viewsLayout_->addWidget(view, 1);
        connect(view, &ScanView::viewChanged, this, [this, view] { viewChanged(view); });
        connect(view, &ScanView::windowDragged, this, [this](double centre, double width) {
            setWindow(imaging::render::Window{centre, width});
        });
        connect(view, &ScanView::cursorRead, this, &ScanPanel::showReading);
        connect(view, &ScanView::cursorLeft, this, [this] {
            readout_->clear();
            emit cursorReadoutChanged(QString());
        });
        view->setSettings(settings_);
        view->setLoupeEnabled(loupe_ && loupe_->isChecked());
        views_.push_back(view);
    }
    while (static_cast<int>(views_.size()) > count) {
        delete views_.back();
        views_.pop_back();
    }
}

void ScanPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    placeLegend();
}

void ScanPanel::placeLegend() {
    legend_->adjustSize();
    const QRect area = viewsArea_->geometry();
    legend_->move(area.left() + 8, area.bottom() - legend_->height() - 8);
    legend_->raise();
}

void ScanPanel::showScans(const std::vector<core::ScanFile>& scans) {
    clear();
    if (scans.empty()) {
        showProblem(tr("This case has no scan."));
        updateActions();
        return;
    }
    hasCase_ = true;
    resetCaseDisplay();
    start();
    const QString key = scanKey(scans);
    if (prefetched_ && prefetchedKey_ == key) {
        const ScanJobResult ready = std::move(*prefetched_);
        prefetched_.reset();
        prefetchedKey_.clear();
        present(ready);
        return;
    }
    if (prefetchWatcher_.isRunning() && prefetchingKey_ == key) {
        awaitingPrefetch_ = true; // its progress is not shown; the result comes soon
        return;
    }
    const quint64 generation = latest_->load();
    watcher_.setFuture(QtConcurrent::run(&pool_, runJob, generation, latest_, progress_,
                                         stop_.get_token(), cache_, scans, nullptr));
}

void ScanPanel::prefetch(const std::vector<core::ScanFile>& scans) {
    const QString key = scanKey(scans);
    if (key.isEmpty() || key == prefetchingKey_ || key == prefetchedKey_)
        return;
    if (awaitingPrefetch_) { // the running prefetch is the case on screen: do not cancel it
        pendingPrefetch_ = scans;
        return;
    }
    ++*prefetchLatest_; // a queued older prefetch returns at once
    prefetchStop_.request_stop();
    prefetchStop_ = std::stop_source();
    prefetched_.reset(); // one scan kept: a long scan and its pyramid are hundreds of MB
    prefetchedKey_.clear();
    prefetchingKey_ = key;
    const quint64 generation = prefetchLatest_->load();
    prefetchWatcher_.setFuture(
        QtConcurrent::run(&prefetchPool_, runJob, generation, prefetchLatest_, prefetchProgress_,
                          prefetchStop_.get_token(), cache_, scans, nullptr));
}

bool ScanPanel::isPrefetched(const std::vector<core::ScanFile>& scans) const {
    return prefetched_.has_value() && prefetchedKey_ == scanKey(scans);
}

void ScanPanel::prefetchFinished() {
    const ScanJobResult result = prefetchWatcher_.result();
    if (result.generation != prefetchLatest_->load())
        return; // replaced by a newer prefetch
    const QString key = prefetchingKey_;
    prefetchingKey_.clear();
    if (awaitingPrefetch_) {
        awaitingPrefetch_ = false;
        present(result); // errors too: the officer opened this case and must see why
        if (!pendingPrefetch_.empty())
            prefetch(std::exchange(pendingPrefetch_, {}));
        return;
    }
    if (result.error.isEmpty() && !result.views.empty()) {
        prefetched_ = result;
        prefetchedKey_ = key;
    }
}

void ScanPanel::showScan(std::shared_ptr<const imaging::Scan> scan) {
    clear();
    if (!scan)
        return;
    hasCase_ = true;
    resetCaseDisplay();
    start();
    const quint64 generation = latest_->load();
    watcher_.setFuture(QtConcurrent::run(&pool_, runJob, generation, latest_, progress_,
                                         stop_.get_token(), cache_, std::vector<core::ScanFile>(),
                                         std::move(scan)));
}

void ScanPanel::start() {
    ++*latest_;
    stop_ = std::stop_source();
    progress_->store(0);
    message_->setText(tr("Loading the scan…"));
    message_->setStyleSheet(QString());
    message_->show();
    progressTimer_.start();
    setBusy(true);
    updateActions();
}

void ScanPanel::clear() {
    awaitingPrefetch_ = false;
    ++*latest_;
    stop_.request_stop();
    progressTimer_.stop();
    hasCase_ = false;
    scan_.reset();
    prepared_.clear();
    setViewCount(1);
    views_.front()->clear();
    histogram_->clear();
    readout_->clear();
    message_->hide();
    setBusy(false);
    updateActions();
}

void ScanPanel::setBusy(bool busy) {
    if (busy == busy_)
        return;
    busy_ = busy;
    emit busyChanged(busy);
}

bool ScanPanel::isBusy() const {
    return busy_;
}

bool ScanPanel::shownAtFullResolution() const {
    if (prepared_.empty())
        return false;
    for (std::size_t i = 0; i < prepared_.size() && i < views_.size(); ++i)
        if (!views_[i]->shownAtFullResolution())
            return false;
    return true;
}

void ScanPanel::updateProgress() {
    const double fraction = progress_->load();
    if (fraction > 0)
        message_->setText(
            tr("Preparing the scan for display… %1 %").arg(static_cast<int>(fraction * 100)));
}

void ScanPanel::finished() {
    const ScanJobResult result = watcher_.result();
    if (result.generation != latest_->load())
        return; // superseded: a newer request is on its way
    present(result);
}

void ScanPanel::present(const ScanJobResult& result) {
    progressTimer_.stop();
    if (!result.error.isEmpty()) {
        scan_ = result.scan;
        views_.front()->clear();
        showProblem(tr("The scan cannot be shown: %1").arg(result.error));
    } else if (!result.views.empty()) {
        scan_ = result.scan;
        prepared_ = result.views;
        QString note;
        const bool material =
            settings_.mode != DisplayMode::Grey && settings_.mode != DisplayMode::DensitySlice;
        if (material && !prepared_.front()->isDualEnergy()) {
            settings_.mode = DisplayMode::Grey;
            checkModeAction();
            note = tr("This scan has a single energy: material colour is not available, shown "
                      "in grey.");
        }
        setViewCount(static_cast<int>(prepared_.size()));
        for (std::size_t i = 0; i < prepared_.size(); ++i) {
            views_[i]->setSettings(settings_);
            views_[i]->setView(prepared_[i], false);
        }
        message_->setVisible(!note.isEmpty());
        message_->setStyleSheet(QString());
        message_->setText(note);
        histogramTimer_.start();
    }
    updateActions();
    setBusy(false);
}

void ScanPanel::showProblem(const QString& message) {
    message_->setText(message);
    message_->setStyleSheet(QStringLiteral("color: #ff8a80;"));
    message_->show();
}

void ScanPanel::applySettings() {
    for (auto* view : views_) {
        // A material mode on a single-energy view of a mixed scan shows that view in grey.
        DisplaySettings own = settings_;
        const auto* prepared = view->preparedView();
        const bool material =
            own.mode != DisplayMode::Grey && own.mode != DisplayMode::DensitySlice;
        if (prepared && material && !prepared->isDualEnergy())
            own.mode = DisplayMode::Grey;
        view->setSettings(own);
    }
    updateActions();
    if (const auto* prepared = views_.front()->preparedView()) {
        const auto window = ViewportRenderer::windowOf(*prepared, settings_);
        histogram_->setWindow(window.center, window.width);
    }
    histogramTimer_.start();
    emit displayStateChanged();
}

void ScanPanel::viewChanged(ScanView* source) {
    if (source == views_.front())
        histogramTimer_.start();
    if (!linked_ || syncing_)
        return;
    syncing_ = true;
    for (auto* view : views_)
        if (view != source && view->hasImage())
            view->setZoomAndCentre(source->zoom(), source->centre(), source->isFitted());
    syncing_ = false;
}

void ScanPanel::updateHistogram() {
    auto& view = *views_.front();
    const auto* prepared = view.preparedView();
    if (!prepared) {
        histogram_->clear();
        return;
    }
    view.ensureRendered();
    auto result =
        visibleHistogram(*prepared, view.visibleImageRect(), std::max(view.renderedLevel(), 0), 256,
                         prepared->scaleOf(settings_) != imaging::render::DisplayScale::Linear);
    const auto window = ViewportRenderer::windowOf(*prepared, settings_);
    emit histogramChanged(result.bins, result.lo, result.hi);
    histogram_->setHistogram(std::move(result.bins), result.lo, result.hi);
    histogram_->setWindow(window.center, window.width);
}

void ScanPanel::showReading(const CursorReading& reading) {
    const QString text = describe(reading);
    readout_->setText(text);
    emit cursorReadoutChanged(text);
}

QString ScanPanel::cursorText() const {
    return readout_->text();
}

} // namespace prescreen::ui
