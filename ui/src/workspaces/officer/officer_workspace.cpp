#include "officer_workspace.h"

#include "annotation_controller.h"
#include "annotation_list.h"
#include "decision_bar.h"
#include "empty_state.h"
#include "labels.h"
#include "manifest_panel.h"
#include "risk_panel.h"
#include "scan_panel.h"
#include "scan_view.h"
#include "work_queue_panel.h"

#include <prescreen/error.h>

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace prescreen::ui {
namespace {

QString fromUtf8(const char* text) {
    return QString::fromUtf8(text);
}

} // namespace

OfficerWorkspace::OfficerWorkspace(core::Service& service, QObject* parent)
    : Workspace(parent), service_(service) {}

OfficerWorkspace::~OfficerWorkspace() = default;

QString OfficerWorkspace::title() const {
    return tr("Screening");
}

void OfficerWorkspace::install(QMainWindow& window) {
    createMenus(window);
    createCentre();
    createDocks(window);
    cursorLabel_ = new QLabel;
    cursorLabel_->setObjectName(QStringLiteral("CursorReadoutLabel"));
    defaultDisplay_ = scan_->displayState();
    nextAction_->setEnabled(false);
}

QWidget* OfficerWorkspace::page() const {
    return centre_;
}

QList<QToolBar*> OfficerWorkspace::toolBars() const {
    return {annotationTools_};
}

QList<QMenu*> OfficerWorkspace::menus() const {
    return {caseMenu_};
}

QList<QWidget*> OfficerWorkspace::statusWidgets() const {
    return {cursorLabel_};
}

void OfficerWorkspace::createCentre() {
    centre_ = new QStackedWidget;
    noCase_ = new EmptyState(tr("No case open"),
                             tr("Sign in, then select a case in the work queue and press Enter "
                                "to view its scan beside the manifest and risk."),
                             centre_);
    noCase_->setObjectName(QStringLiteral("NoCaseState"));
    centre_->addWidget(noCase_);

    caseView_ = new QWidget(centre_);
    scan_ = new ScanPanel(service_.scanReader(), caseView_);
    connect(scan_, &ScanPanel::busyChanged, this, &OfficerWorkspace::busyChanged);
    connect(scan_, &ScanPanel::cursorReadoutChanged, this,
            [this](const QString& text) { cursorLabel_->setText(text); });
    annotations_ = new AnnotationController(service_, scan_->view(), this);
    connect(annotations_, &AnnotationController::problem, this,
            [this](const QString& text) { emit message(text); });
    decision_ = new DecisionBar(caseView_);
    decision_->setFocusHome(&scan_->view());
    connect(decision_, &DecisionBar::decisionRequested, this,
            [this](core::Outcome outcome) { decide(outcome); });
    auto* layout = new QVBoxLayout(caseView_);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(scan_, 1);
    layout->addWidget(decision_);
    centre_->addWidget(caseView_);
}

void OfficerWorkspace::createDocks(QMainWindow& window) {
    queue_ = new WorkQueuePanel(service_);
    connect(queue_, &WorkQueuePanel::caseActivated, this,
            [this](const QString& id) { openCase(id.toStdString()); });

    auto* queueDock = new QDockWidget(tr("Work queue"), &window);
    queueDock->setObjectName(QStringLiteral("WorkQueueDock"));
    queueDock->setWidget(queue_);
    window.addDockWidget(Qt::LeftDockWidgetArea, queueDock);

    auto* manifestDock = new QDockWidget(tr("Manifest"), &window);
    manifestDock->setObjectName(QStringLiteral("ManifestDock"));
    manifest_ = new ManifestPanel;
    manifestDock->setWidget(manifest_);
    window.addDockWidget(Qt::RightDockWidgetArea, manifestDock);

    auto* riskDock = new QDockWidget(tr("Risk"), &window);
    riskDock->setObjectName(QStringLiteral("RiskDock"));
    risk_ = new RiskPanel;
    riskDock->setWidget(risk_);
    window.addDockWidget(Qt::RightDockWidgetArea, riskDock);

    auto* marksDock = new QDockWidget(tr("Marks"), &window);
    marksDock->setObjectName(QStringLiteral("AnnotationDock"));
    marks_ = new AnnotationListWidget(*annotations_);
    marksDock->setWidget(marks_);
    window.addDockWidget(Qt::RightDockWidgetArea, marksDock);
    window.tabifyDockWidget(riskDock, marksDock);
    riskDock->raise();

    annotationTools_ = window.addToolBar(tr("Annotations"));
    annotationTools_->setObjectName(QStringLiteral("AnnotationToolBar"));
    annotationTools_->addActions(annotations_->actions());

    window.resizeDocks({queueDock, manifestDock}, {540, 420}, Qt::Horizontal);
    docks_ = {queueDock, manifestDock, riskDock, marksDock};
}

void OfficerWorkspace::createMenus(QMainWindow& window) {
    caseMenu_ = new QMenu(tr("&Case"), &window);
    nextAction_ = caseMenu_->addAction(tr("Open &next case"), this, [this] {
        if (!openNextCase())
            emit message(tr("No case waits for a decision."));
    });
    nextAction_->setShortcut(Qt::CTRL | Qt::Key_N);
}

void OfficerWorkspace::setSession(const core::Session* session) {
    if (session == nullptr) {
        locked_ = false;
        caseView_->setEnabled(true);
        annotationTools_->setEnabled(true);
        closeCase(tr("No case open"), tr("Sign in, then select a case in the work queue and press "
                                         "Enter to view its scan beside the manifest and risk."));
        session_ = nullptr;
        queue_->setSession(nullptr);
        cursorLabel_->clear();
        nextAction_->setEnabled(false);
        return;
    }
    session_ = session;
    queue_->setSession(session_);
    nextAction_->setEnabled(true);
    if (!case_) // signed in now: the centre no longer asks to sign in
        noCase_->setText(tr("No case open"),
                         tr("Select a case in the work queue and press Enter, or press Ctrl+N "
                            "for the next case waiting for a decision."));
}

void OfficerWorkspace::setLocked(bool locked) {
    locked_ = locked;
    nextAction_->setEnabled(!locked && session_ != nullptr);
    // Disabled: the scan's and the decision bar's single-key shortcuts cannot fire.
    caseView_->setEnabled(!locked);
    if (locked) {
        annotationTools_->setEnabled(false);
        cursorLabel_->clear();
    }
}

void OfficerWorkspace::takeFocus() {
    if (centre_->currentWidget() == caseView_)
        scan_->view().setFocus();
    else
        queue_->view().setFocus();
}

QVariantMap OfficerWorkspace::saveLayout() const {
    return {{QStringLiteral("queue"), queue_->viewState()},
            {QStringLiteral("display"), scan_->displayState()}};
}

void OfficerWorkspace::restoreLayout(const QVariantMap& layout) {
    if (layout.isEmpty()) {
        queue_->setViewState({});
        scan_->setDisplayState(defaultDisplay_);
        return;
    }
    queue_->setViewState(layout.value(QStringLiteral("queue")).toMap());
    scan_->setDisplayState(layout.value(QStringLiteral("display")).toMap());
}

bool OfficerWorkspace::openCase(const std::string& caseId) {
    if (!session_ || locked_)
        return false;
    try {
        case_ = service_.openCase(*session_, caseId);
    } catch (const Error& error) {
        emit message(tr("The case could not be opened: %1").arg(fromUtf8(error.what())));
        queue_->refresh(); // someone else may have taken or decided it
        return false;
    }
    showCase();
    queue_->refresh(); // opening claims the case: its status changed
    queue_->selectCase(caseId);
    prefetchNextCase();
    emit caseOpened(QString::fromStdString(caseId));
    return true;
}

void OfficerWorkspace::prefetchNextCase() {
    // The case that opens after this one's decision, decoded while the officer works.
    const std::string next = queue_->nextCaseId(case_->summary.id);
    if (next.empty())
        return;
    try {
        scan_->prefetch(service_.caseScans(*session_, next));
    } catch (const Error&) {
        // Taken or decided meanwhile: it will not open next; nothing to prepare.
    }
}

bool OfficerWorkspace::openNextCase() {
    const std::string next = queue_->nextCaseId(case_ ? case_->summary.id : std::string());
    return !next.empty() && openCase(next);
}

void OfficerWorkspace::showCase() {
    const auto& summary = case_->summary;
    QString readOnlyReason;
    if (case_->readOnly)
        readOnlyReason = session_->has(core::Role::Officer)
                             ? tr("Read-only: this case is not yours to decide.")
                             : tr("Read-only: opened for review; only a screening officer "
                                  "decides.");
    decision_->startCase(summary, case_->readOnly, readOnlyReason);
    manifest_->showManifest(case_->manifest, summary.risk);
    risk_->showRisk(summary.risk);
    scan_->showScans(case_->scans);
    annotations_->setCase(*case_, *session_);
    centre_->setCurrentWidget(caseView_);
    scan_->view().setFocus();
}

void OfficerWorkspace::closeCase(const QString& title, const QString& hint) {
    case_.reset();
    annotations_->clear();
    scan_->clear();
    decision_->clearCase();
    manifest_->clear();
    risk_->clear();
    noCase_->setText(title, hint);
    centre_->setCurrentWidget(noCase_);
    queue_->view().setFocus();
}

bool OfficerWorkspace::decide(core::Outcome outcome) {
    if (!session_ || locked_ || !case_ || case_->readOnly)
        return false;
    if (outcome == core::Outcome::Release && releaseNeedsConfirmation())
        return false;
    core::DecisionRequest request;
    request.caseId = case_->summary.id;
    request.outcome = outcome;
    request.reasonCodes = decision_->reasonCodes();
    request.comment = decision_->comment();
    if (const std::string record = displayRecord(outcome); !record.empty())
        request.comment += (request.comment.empty() ? "" : "\n") + record;
    request.timeOnTaskMs = decision_->timeOnTaskMs();
    core::Decision decision;
    try {
        decision = service_.decide(*session_, request);
    } catch (const Error& error) {
        decision_->showError(tr("Not saved: %1").arg(fromUtf8(error.what())));
        return false;
    }
    // Only now, after core's durable commit, is the decision reported saved.
    const QString saved = tr("Saved: %1 of %2")
                              .arg(Labels::outcome(decision.outcome).toLower(),
                                   QString::fromStdString(case_->summary.cargoControlNumber));
    decision_->showSaved(saved);
    emit message(saved);
    queue_->refresh();
    const std::string next = queue_->nextCaseId(decision.caseId);
    if (next.empty())
        closeCase(tr("Queue empty"), tr("Every case in your queue has a decision. %1").arg(saved));
    else if (!openCase(next))
        closeCase(tr("No case open"), tr("%1 The next case could not be opened: choose one in "
                                         "the work queue.")
                                          .arg(saved));
    return true;
}

std::optional<core::RiskLevel> OfficerWorkspace::releaseConfirmationLevel() {
    const QSettings settings(QSettings::IniFormat, QSettings::UserScope,
                             QStringLiteral("Prescreen"), QStringLiteral("workstation"));
    const QString value = settings.value(QStringLiteral("decision/confirmReleaseFromLevel"))
                              .toString()
                              .trimmed()
                              .toLower();
    if (value == QLatin1String("none"))
        return std::nullopt;
    if (const auto level = core::parseRiskLevel(value.toStdString()))
        return level;
    return core::RiskLevel::High; // unset or not understood: the safe default
}

bool OfficerWorkspace::releaseNeedsConfirmation() {
    const auto from = releaseConfirmationLevel();
    const auto& risk = case_->summary.risk;
    if (!from || !risk || static_cast<int>(risk->level) < static_cast<int>(*from))
        return false;
    if (decision_->releaseConfirmed())
        return false;
    for (const auto& code : decision_->reasonCodes())
        for (const auto& release : core::releaseReasonCodes())
            if (code == release)
                return false; // a release reason chosen is the deliberate second step
    decision_->askReleaseConfirmation(
        tr("%1 risk (%2): a release needs a second step. Press Shift+R to confirm the release, "
           "or choose a release reason and press R.")
            .arg(Labels::level(risk->level))
            .arg(risk->score));
    return true;
}

std::string OfficerWorkspace::displayRecord(core::Outcome outcome) const {
    if (outcome != core::Outcome::Release)
        return {};
    std::string record;
    if (scan_->isBusy())
        record += "[display: released before the scan finished loading]";
    else if (!scan_->shownAtFullResolution())
        record += "[display: scan never shown at full resolution]";
    return record;
}

void OfficerWorkspace::setDisplayMode(DisplayMode mode) {
    scan_->setMode(mode);
    if (!session_)
        defaultDisplay_ = scan_->displayState();
}

bool OfficerWorkspace::isBusy() const {
    return scan_->isBusy();
}

} // namespace prescreen::ui
