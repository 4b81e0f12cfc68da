// ScanPanel's toolbar and display state: the actions, their shortcuts, and the settings they
// change (see scan_panel.h).

#include "field_keys.h"
#include "material_legend.h"
#include "scan_histogram.h"
#include "scan_panel.h"
#include "scan_view.h"

#include <QAction>
#include <QActionGroup>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolBar>

#include <cmath>

namespace prescreen::ui {
namespace {

bool isMaterial(DisplayMode mode) {
    return mode != DisplayMode::Grey && mode != DisplayMode::DensitySlice;
}

} // namespace

void ScanPanel::createActions() {
    toolbar_ = new QToolBar(tr("Scan display"), this);
    toolbar_->setObjectName(QStringLiteral("ScanToolBar"));
    toolbar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    createDisplayActions();

    auto action = [this](const QString& text, const QString& toolTip, const QKeySequence& key,
                         const char* name) {
        auto* item = toolbar_->addAction(text);
        item->setObjectName(QString::fromLatin1(name));
        item->setShortcut(key);
        item->setToolTip(tr("%1 (%2)").arg(toolTip, key.toString(QKeySequence::NativeText)));
        return item;
    };
    toolbar_->addSeparator();
    loupe_ = action(tr("Loupe"), tr("Magnifier: three times the zoom around the cursor"), Qt::Key_L,
                    "LoupeAction");
    loupe_->setCheckable(true);
    connect(loupe_, &QAction::toggled, this, &ScanPanel::setLoupeEnabled);
    link_ = action(tr("Link views"), tr("Zoom and pan the views of the scan together"), Qt::Key_K,
                   "LinkViewsAction");
    link_->setCheckable(true);
    link_->setChecked(linked_);
    connect(link_, &QAction::toggled, this, &ScanPanel::setViewsLinked);
    toolbar_->addSeparator();
    fit_ = action(tr("Fit"), tr("Fit the whole scan in the window"), Qt::Key_0, "FitAction");
    connect(fit_, &QAction::triggered, this, [this] { views_.front()->fitToWindow(); });
    actualPixels_ =
        action(tr("1:1"), tr("One screen pixel per scan pixel"), Qt::Key_1, "ActualPixelsAction");
    connect(actualPixels_, &QAction::triggered, this,
            [this] { views_.front()->showActualPixels(); });
    zoomIn_ = action(tr("+", "zoom in"), tr("Zoom in"), Qt::Key_Plus, "ZoomInAction");
    zoomIn_->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal),
                           QKeySequence(QKeySequence::ZoomIn)});
    connect(zoomIn_, &QAction::triggered, this, [this] {
        views_.front()->zoomAt(1.25, QPointF(views_.front()->viewport()->rect().center()));
    });
    zoomOut_ = action(tr("−", "zoom out"), tr("Zoom out"), Qt::Key_Minus, "ZoomOutAction");
    zoomOut_->setShortcuts({QKeySequence(Qt::Key_Minus), QKeySequence(QKeySequence::ZoomOut)});
    connect(zoomOut_, &QAction::triggered, this, [this] {
        views_.front()->zoomAt(0.8, QPointF(views_.front()->viewport()->rect().center()));
    });

    // The key to the colours floats over the image's bottom-left corner, like a map's.
    legend_ = new MaterialLegend(this);
    legend_->setAutoFillBackground(true);
    legend_->hide();
}

void ScanPanel::createDisplayActions() {
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
    slice_ = action(tr("Slice"), tr("Density slice: one band of values in colour"), Qt::Key_D,
                    "SliceAction");
    const std::pair<QAction*, DisplayMode> modes[] = {{grey_, DisplayMode::Grey},
                                                      {material_, DisplayMode::Material},
                                                      {organic_, DisplayMode::OrganicOnly},
                                                      {inorganic_, DisplayMode::InorganicOnly},
                                                      {slice_, DisplayMode::DensitySlice}};
    for (const auto& [item, mode] : modes) {
        item->setCheckable(true);
        modes_->addAction(item);
        connect(item, &QAction::triggered, this, [this, mode = mode] { setMode(mode); });
    }
    grey_->setChecked(true);

    // The density band, shown while slicing.
    auto spin = [this](const char* name, const QString& toolTip) {
        auto* box = new QDoubleSpinBox(toolbar_);
        box->setObjectName(QString::fromLatin1(name));
        box->setToolTip(toolTip);
        box->setRange(-1e9, 1e9);
        box->setDecimals(0);
        box->setKeyboardTracking(false);
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            setSlice(DensityBand{sliceLower_->value(), sliceUpper_->value()});
        });
        return box;
    };
    sliceLower_ = spin("SliceLower", tr("Lowest value painted (rescaled units)"));
    sliceUpper_ = spin("SliceUpper", tr("Highest value painted (rescaled units)"));
    sliceLowerAction_ = toolbar_->addWidget(sliceLower_);
    sliceUpperAction_ = toolbar_->addWidget(sliceUpper_);

    toolbar_->addSeparator();
    invert_ = action(tr("Invert"), tr("Invert grey: black on white"), Qt::Key_I, "InvertAction");
    invert_->setCheckable(true);
    connect(invert_, &QAction::toggled, this, &ScanPanel::setInvert);
    clahe_ = action(tr("CLAHE"), tr("Local contrast (adaptive histogram equalisation)"), Qt::Key_C,
                    "ClaheAction");
    clahe_->setCheckable(true);
    connect(clahe_, &QAction::toggled, this, &ScanPanel::setLocalContrast);
    edges_ = action(tr("Edges"), tr("Edge enhancement (unsharp mask)"), Qt::Key_E, "EdgesAction");
    edges_->setCheckable(true);
    connect(edges_, &QAction::toggled, this, &ScanPanel::setEdges);
    hdr_ = action(tr("HDR"),
                  tr("High dynamic range: thin walls and dense loads at once (local tone "
                     "mapping of the attenuation)"),
                  Qt::Key_H, "HdrAction");
    hdr_->setCheckable(true);
    connect(hdr_, &QAction::toggled, this, &ScanPanel::setHdr);
    smooth_ = action(tr("Smooth"), tr("Smooth photon-starved (noisy, very dense) areas"), Qt::Key_Q,
                     "SmoothAction");
    smooth_->setCheckable(true);
    connect(smooth_, &QAction::toggled, this, &ScanPanel::setSmoothing);
    autoWindow_ =
        action(tr("Auto window"), tr("Automatic window (right-drag on the scan sets it by hand)"),
               Qt::Key_W, "AutoWindowAction");
    connect(autoWindow_, &QAction::triggered, this, [this] { setWindow(std::nullopt); });
    visibleWindow_ = action(tr("Window on view"),
                            tr("Automatic window on what is visible (zoom in on a region first)"),
                            Qt::Key_V, "VisibleWindowAction");
    connect(visibleWindow_, &QAction::triggered, this, &ScanPanel::windowOnVisible);
    auto windowSpin = [this](const char* name, const QString& prefix, const QString& toolTip) {
        // Under the histogram, beside the readout: visible at 1366 × 768, where the end of
        // the toolbar folds away.
        auto* box = new QDoubleSpinBox(this);
        box->setObjectName(QString::fromLatin1(name));
        box->setToolTip(toolTip);
        box->setPrefix(prefix);
        box->setRange(-1e9, 1e9);
        box->setDecimals(0);
        box->setKeyboardTracking(false);
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            setWindow(imaging::render::Window{windowCentre_->value(),
                                              std::max(1.0, windowWidth_->value())});
        });
        FieldKeys::install(box, views_.front()); // Enter leaves for the scan; keys stay here
        return box;
    };
    windowCentre_ = windowSpin("WindowCentre", tr("C ", "window centre"),
                               tr("Window centre (rescaled units): type a value and press Enter"));
    windowWidth_ = windowSpin("WindowWidth", tr("W ", "window width"),
                              tr("Window width (rescaled units): type a value and press Enter"));
    {
        const QSignalBlocker block(windowWidth_);
        windowWidth_->setMinimum(1);
    }
    hold_ = action(tr("Hold window"),
                   tr("Keep this window for the next cases (otherwise each case opens with its "
                      "own automatic window)"),
                   QKeySequence(Qt::SHIFT | Qt::Key_W), "HoldWindowAction");
    hold_->setCheckable(true);
    connect(hold_, &QAction::toggled, this, &ScanPanel::setWindowHeld);
}

void ScanPanel::setWindowHeld(bool held) {
    held_ = held;
    hold_->setChecked(held);
    updateHeldBanner();
}

void ScanPanel::windowOnVisible() {
    auto& view = *views_.front();
    const auto* prepared = view.preparedView();
    if (!prepared)
        return;
    view.ensureRendered();
    const auto window = windowOfHistogram(
        visibleHistogram(*prepared, view.visibleImageRect(), std::max(view.renderedLevel(), 0)));
    if (window)
        setWindow(*window);
}

void ScanPanel::resetCaseDisplay() {
    if (held_)
        return;
    settings_.window.reset();
    settings_.slice.reset();
}

void ScanPanel::updateHeldBanner() {
    if (!heldBanner_)
        return;
    if (!held_ || !hasCase_) {
        heldBanner_->hide();
        return;
    }
    QString values = tr("automatic");
    if (settings_.window)
        values = tr("centre %1, width %2")
                     .arg(QString::number(settings_.window->center, 'f', 0),
                          QString::number(settings_.window->width, 'f', 0));
    heldBanner_->setText(
        tr("Window held from case to case (%1). Shift+W lets each case open with its own "
           "automatic window.")
            .arg(values));
    heldBanner_->show();
}

void ScanPanel::setMode(DisplayMode mode) {
    if (mode == settings_.mode)
        return;
    settings_.mode = mode;
    checkModeAction();
    applySettings();
}

void ScanPanel::checkModeAction() {
    QAction* checked = settings_.mode == DisplayMode::Grey            ? grey_
                       : settings_.mode == DisplayMode::Material      ? material_
                       : settings_.mode == DisplayMode::OrganicOnly   ? organic_
                       : settings_.mode == DisplayMode::InorganicOnly ? inorganic_
                                                                      : slice_;
    checked->setChecked(true);
}

void ScanPanel::setToggle(bool DisplaySettings::*field, QAction* action, bool on) {
    if (on == settings_.*field)
        return;
    settings_.*field = on;
    action->setChecked(on);
    applySettings();
}

void ScanPanel::setInvert(bool invert) {
    setToggle(&DisplaySettings::invert, invert_, invert);
}

void ScanPanel::setLocalContrast(bool on) {
    setToggle(&DisplaySettings::localContrast, clahe_, on);
}

void ScanPanel::setEdges(bool on) {
    setToggle(&DisplaySettings::edges, edges_, on);
}

void ScanPanel::setHdr(bool on) {
    using imaging::render::DisplayScale;
    if (on == (settings_.scale == DisplayScale::Hdr))
        return;
    // Attenuation and HDR share the window's units; from linear the window starts automatic.
    if (settings_.scale == DisplayScale::Linear)
        settings_.window.reset();
    settings_.scale = on ? std::optional(DisplayScale::Hdr) : std::nullopt;
    hdr_->setChecked(on);
    applySettings();
}

void ScanPanel::setSmoothing(bool on) {
    setToggle(&DisplaySettings::smooth, smooth_, on);
}

void ScanPanel::setWindow(std::optional<imaging::render::Window> window) {
    // Linear windows are at least one rescaled unit wide (DICOM LINEAR); attenuation ones 0.01.
    const auto* prepared = views_.front()->preparedView();
    const bool linear =
        !prepared || prepared->scaleOf(settings_) == imaging::render::DisplayScale::Linear;
    if (window && !(std::isfinite(window->center) && std::isfinite(window->width) &&
                    window->width >= (linear ? 1.0 : 0.01)))
        return;
    settings_.window = window;
    applySettings();
}

void ScanPanel::setSlice(std::optional<DensityBand> band) {
    if (band && !(std::isfinite(band->lower) && std::isfinite(band->upper)))
        return;
    if (band == settings_.slice)
        return;
    settings_.slice = band;
    applySettings();
}

void ScanPanel::setLoupeEnabled(bool on) {
    loupe_->setChecked(on);
    for (auto* view : views_)
        view->setLoupeEnabled(on);
    emit displayStateChanged();
}

void ScanPanel::setViewsLinked(bool linked) {
    linked_ = linked;
    link_->setChecked(linked);
    if (linked)
        viewChanged(views_.front());
    emit displayStateChanged();
}

void ScanPanel::updateActions() {
    const auto* first = views_.front()->preparedView();
    const bool dual = !first || first->isDualEnergy();
    for (auto* item : {material_, organic_, inorganic_})
        item->setEnabled(hasCase_ && dual);
    grey_->setEnabled(hasCase_);
    slice_->setEnabled(hasCase_);
    invert_->setEnabled(hasCase_ && !isMaterial(settings_.mode));
    for (auto* item : {clahe_, edges_, autoWindow_, visibleWindow_, loupe_, fit_, actualPixels_,
                       zoomIn_, zoomOut_, hdr_, smooth_})
        item->setEnabled(hasCase_);
    windowCentre_->setEnabled(hasCase_ && first != nullptr);
    windowWidth_->setEnabled(hasCase_ && first != nullptr);
    if (first) {
        const auto window = ViewportRenderer::windowOf(*first, settings_);
        const QSignalBlocker centre(windowCentre_);
        const QSignalBlocker width(windowWidth_);
        windowCentre_->setValue(window.center);
        windowWidth_->setValue(window.width);
    }
    updateHeldBanner();
    link_->setEnabled(views_.size() > 1);
    const bool slicing = settings_.mode == DisplayMode::DensitySlice;
    sliceLowerAction_->setVisible(slicing);
    sliceUpperAction_->setVisible(slicing);
    DensityBand band = settings_.slice.value_or(DensityBand{});
    if (first)
        band = ViewportRenderer::sliceOf(*first, settings_);
    if (slicing) {
        const QSignalBlocker lower(sliceLower_);
        const QSignalBlocker upper(sliceUpper_);
        sliceLower_->setValue(band.lower);
        sliceUpper_->setValue(band.upper);
    }
    legend_->setProfileName(first ? QString::fromStdString(first->calibrationProfile) : QString());
    legend_->setMode(settings_.mode, band.lower, band.upper);
    legend_->setVisible(hasCase_ && legend_->hasKey());
    placeLegend();
}

QVariantMap ScanPanel::displayState() const {
    QVariantMap state;
    state.insert(QStringLiteral("mode"), displayModeName(settings_.mode));
    state.insert(QStringLiteral("invert"), settings_.invert);
    state.insert(QStringLiteral("localContrast"), settings_.localContrast);
    state.insert(QStringLiteral("edges"), settings_.edges);
    // The scale (attenuation, HDR) and smoothing are the officer's choices; the window and the
    // density band belong to one scan and are not kept.
    if (settings_.scale)
        state.insert(QStringLiteral("scale"),
                     QString::fromLatin1(imaging::render::displayScaleName(*settings_.scale)));
    state.insert(QStringLiteral("smooth"), settings_.smooth);
    state.insert(QStringLiteral("loupe"), loupe_->isChecked());
    state.insert(QStringLiteral("linkedViews"), linked_);
    return state;
}

void ScanPanel::setDisplayState(const QVariantMap& state) {
    DisplaySettings next = settings_;
    if (const auto mode = parseDisplayMode(state.value(QStringLiteral("mode")).toString()))
        next.mode = *mode;
    auto flag = [&](const char* key, bool current) {
        const QString name = QString::fromLatin1(key);
        return state.contains(name) ? state.value(name).toBool() : current;
    };
    next.invert = flag("invert", next.invert);
    next.localContrast = flag("localContrast", next.localContrast);
    next.edges = flag("edges", next.edges);
    next.smooth = flag("smooth", next.smooth);
    next.scale = imaging::render::parseDisplayScale(
        state.value(QStringLiteral("scale")).toString().toStdString());
    // Window and band keys (saved by older versions) are ignored: they belong to one scan.
    settings_ = next;
    checkModeAction();
    invert_->setChecked(next.invert);
    clahe_->setChecked(next.localContrast);
    edges_->setChecked(next.edges);
    hdr_->setChecked(next.scale == imaging::render::DisplayScale::Hdr);
    smooth_->setChecked(next.smooth);
    applySettings();
    setLoupeEnabled(flag("loupe", loupe_->isChecked()));
    setViewsLinked(flag("linkedViews", linked_));
}

} // namespace prescreen::ui
