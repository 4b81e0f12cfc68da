#include "scan_panel.h"

#include "material_legend.h"
#include "scan_view.h"

#include <prescreen/error.h>

#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>

namespace prescreen::ui {
namespace {

// The work of one request, on the panel's worker thread. Checks `latest` so that a request
// superseded while it waited or decoded does not spend time rendering.
ScanJobResult runJob(quint64 generation, const std::shared_ptr<std::atomic<quint64>>& latest,
                     const core::ScanCache& cache, const std::vector<core::ScanFile>& files,
                     std::shared_ptr<const imaging::Scan> scan, DisplaySettings settings) {
    ScanJobResult result;
    result.generation = generation;
    result.rerender = scan != nullptr;
    result.settings = settings;
    if (latest->load() != generation)
        return result;
    try {
        if (!scan)
            scan = std::make_shared<const imaging::Scan>(loadCaseScan(cache, files));
        result.scan = scan;
        if (latest->load() != generation)
            return result;
        if (scan->views.empty())
            throw Error(ErrorCode::BadFormat, "the scan has no views");
        const auto& view = scan->views.front();
        if (settings.mode != DisplayMode::Grey && !view.isDualEnergy()) {
            result.settings.mode = DisplayMode::Grey;
            result.note = ScanPanel::tr("This scan has a single energy: material colour is not "
                                        "available, shown in grey.");
        }
        result.image = renderView(view, result.settings);
    } catch (const std::exception& error) {
        result.error = QString::fromUtf8(error.what());
    }
    return result;
}

} // namespace

ScanPanel::ScanPanel(const core::ScanCache& cache, QWidget* parent)
    : QWidget(parent), cache_(cache) {
    setObjectName(QStringLiteral("ScanPanel"));
    pool_.setMaxThreadCount(1); // one decode or render at a time; the newest wins
    view_ = new ScanView(this);
    createActions();

    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("ScanMessage"));
    message_->setWordWrap(true);
    message_->setContentsMargins(8, 4, 8, 4);
    message_->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar_);
    layout->addWidget(message_);
    layout->addWidget(view_, 1);

    connect(&watcher_, &QFutureWatcherBase::finished, this, &ScanPanel::finished);
    updateActions();
}

ScanPanel::~ScanPanel() {
    latest_->store(std::numeric_limits<quint64>::max()); // queued work returns at once
    pool_.waitForDone();
}

void ScanPanel::createActions() {
    toolbar_ = new QToolBar(tr("Scan display"), this);
    toolbar_->setObjectName(QStringLiteral("ScanToolBar"));
    toolbar_->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto action = [this](const QString& text, const QString& toolTip, const QKeySequence& key,
                         const char* name) {
        auto* item = toolbar_->addAction(text);
        item->setObjectName(QString::fromLatin1(name));
        item->setShortcut(key);
        item->setToolTip(tr("%1 (%2)").arg(toolTip, key.toString(QKeySequence::NativeText)));
        return item;
    };
    modes_ = new QActionGroup(this);
    grey_ = action(tr("Grey"), tr("Grey: the scan's own contrast"), Qt::Key_G, "GreyAction");
    material_ = action(tr("Material"), tr("Material colour: organic, inorganic, metal"), Qt::Key_M,
                       "MaterialAction");
    organic_ =
        action(tr("Organic"), tr("Organic only: the rest greyed"), Qt::Key_O, "OrganicAction");
    inorganic_ = action(tr("Inorganic"), tr("Inorganic and metal only: organic greyed"), Qt::Key_N,
                        "InorganicAction");
    const std::pair<QAction*, DisplayMode> modes[] = {{grey_, DisplayMode::Grey},
                                                      {material_, DisplayMode::Material},
                                                      {organic_, DisplayMode::OrganicOnly},
                                                      {inorganic_, DisplayMode::InorganicOnly}};
    for (const auto& [item, mode] : modes) {
        item->setCheckable(true);
        modes_->addAction(item);
        connect(item, &QAction::triggered, this, [this, mode = mode] { setMode(mode); });
    }
    grey_->setChecked(true);
    toolbar_->addSeparator();
    invert_ = action(tr("Invert"), tr("Invert grey: black on white"), Qt::Key_I, "InvertAction");
    invert_->setCheckable(true);
    connect(invert_, &QAction::toggled, this, &ScanPanel::setInvert);
    toolbar_->addSeparator();
    fit_ = action(tr("Fit"), tr("Fit the whole scan in the window"), Qt::Key_0, "FitAction");
    connect(fit_, &QAction::triggered, view_, &ScanView::fitToWindow);
    actualPixels_ =
        action(tr("1:1"), tr("One screen pixel per scan pixel"), Qt::Key_1, "ActualPixelsAction");
    connect(actualPixels_, &QAction::triggered, view_, &ScanView::showActualPixels);
    zoomIn_ = action(tr("+", "zoom in"), tr("Zoom in"), Qt::Key_Plus, "ZoomInAction");
    zoomIn_->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal),
                           QKeySequence(QKeySequence::ZoomIn)});
    connect(zoomIn_, &QAction::triggered, this,
            [this] { view_->zoomAt(1.25, QPointF(view_->viewport()->rect().center())); });
    zoomOut_ = action(tr("−", "zoom out"), tr("Zoom out"), Qt::Key_Minus, "ZoomOutAction");
    zoomOut_->setShortcuts({QKeySequence(Qt::Key_Minus), QKeySequence(QKeySequence::ZoomOut)});
    connect(zoomOut_, &QAction::triggered, this,
            [this] { view_->zoomAt(0.8, QPointF(view_->viewport()->rect().center())); });

    // The key to the colours floats over the image's bottom-left corner, like a map's.
    legend_ = new MaterialLegend(this);
    legend_->setAutoFillBackground(true);
    legend_->hide();
}

void ScanPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    placeLegend();
}

void ScanPanel::placeLegend() {
    legend_->adjustSize();
    const QRect area = view_->geometry();
    legend_->move(area.left() + 8, area.bottom() - legend_->height() - 8);
    legend_->raise();
}

void ScanPanel::showScans(const std::vector<core::ScanFile>& scans) {
    files_ = scans;
    scan_.reset();
    view_->clear();
    if (files_.empty()) {
        ++*latest_; // anything in flight is for another case
        showProblem(tr("This case has no scan."));
        if (busy_) {
            busy_ = false;
            emit busyChanged(false);
        }
        updateActions();
        return;
    }
    message_->setText(tr("Loading the scan…"));
    message_->setStyleSheet(QString());
    message_->show();
    start();
}

void ScanPanel::clear() {
    ++*latest_;
    files_.clear();
    scan_.reset();
    view_->clear();
    message_->hide();
    if (busy_) {
        busy_ = false;
        emit busyChanged(false);
    }
    updateActions();
}

void ScanPanel::setMode(DisplayMode mode) {
    if (mode == settings_.mode)
        return;
    settings_.mode = mode;
    checkModeAction();
    updateActions();
    if (!files_.empty())
        start();
}

void ScanPanel::checkModeAction() {
    QAction* checked = settings_.mode == DisplayMode::Grey          ? grey_
                       : settings_.mode == DisplayMode::Material    ? material_
                       : settings_.mode == DisplayMode::OrganicOnly ? organic_
                                                                    : inorganic_;
    checked->setChecked(true);
}

void ScanPanel::setInvert(bool invert) {
    if (invert == settings_.invert)
        return;
    settings_.invert = invert;
    invert_->setChecked(invert);
    if (!files_.empty() && settings_.mode == DisplayMode::Grey)
        start();
}

bool ScanPanel::isBusy() const {
    return busy_;
}

void ScanPanel::start() {
    const quint64 generation = ++*latest_;
    watcher_.setFuture(QtConcurrent::run(&pool_, runJob, generation, latest_, cache_,
                                         scan_ ? std::vector<core::ScanFile>() : files_, scan_,
                                         settings_));
    if (!busy_) {
        busy_ = true;
        emit busyChanged(true);
    }
}

void ScanPanel::finished() {
    const ScanJobResult result = watcher_.result();
    if (result.generation != latest_->load())
        return; // superseded: a newer request is on its way
    if (result.scan)
        scan_ = result.scan;
    if (!result.error.isEmpty()) {
        if (!result.rerender)
            view_->clear();
        showProblem(tr("The scan cannot be shown: %1").arg(result.error));
    } else {
        if (result.settings.mode != settings_.mode) { // fell back to grey
            settings_.mode = result.settings.mode;
            checkModeAction();
        }
        view_->setImage(result.image, result.rerender);
        message_->setVisible(!result.note.isEmpty());
        message_->setStyleSheet(QString());
        message_->setText(result.note);
    }
    updateActions();
    busy_ = false;
    emit busyChanged(false);
}

void ScanPanel::showProblem(const QString& message) {
    message_->setText(message);
    message_->setStyleSheet(QStringLiteral("color: #ff8a80;"));
    message_->show();
}

void ScanPanel::updateActions() {
    const bool hasCase = !files_.empty();
    const bool dual = !scan_ || (!scan_->views.empty() && scan_->views.front().isDualEnergy());
    for (auto* item : {material_, organic_, inorganic_})
        item->setEnabled(hasCase && dual);
    grey_->setEnabled(hasCase);
    invert_->setEnabled(hasCase && settings_.mode == DisplayMode::Grey);
    for (auto* item : {fit_, actualPixels_, zoomIn_, zoomOut_})
        item->setEnabled(hasCase);
    legend_->setVisible(hasCase && settings_.mode != DisplayMode::Grey);
    placeLegend();
}

} // namespace prescreen::ui
