#include "annotation_controller.h"
#include "annotation_list.h"
#include "decision_bar.h"
#include "empty_state.h"
#include "labels.h"
#include "manifest_panel.h"
#include "risk_panel.h"
#include "scan_panel.h"
#include "scan_view.h"
#include "session_lock.h"
#include "work_queue_panel.h"

#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/ui/main_window.h>
#include <prescreen/version.h>

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace prescreen::ui {
namespace {

constexpr int kMessageMs = 10000; ///< how long a status bar message stays

QString fromUtf8(const char* text) {
    return QString::fromUtf8(text);
}

} // namespace

MainWindow::MainWindow(core::Service& service, QWidget* parent)
    : QMainWindow(parent), service_(service) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Prescreen — Screening"));
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    createMenus();
    createCentre();
    createDocks();
    createStatusBar();
    resize(1600, 900);
    defaultState_ = saveState();
    defaultDisplay_ = scan_->displayState();

    inactivity_ = new InactivityWatch(this);
    inactivity_->setTimeout(InactivityWatch::configuredTimeout());
    connect(inactivity_, &InactivityWatch::idle, this, &MainWindow::lockSession);
    setSessionActionsEnabled(false);
}

MainWindow::~MainWindow() = default;

void MainWindow::createCentre() {
    centre_ = new QStackedWidget(this);
    noCase_ = new EmptyState(tr("No case open"),
                             tr("Sign in, then select a case in the work queue and press Enter "
                                "to view its scan beside the manifest and risk."),
                             centre_);
    noCase_->setObjectName(QStringLiteral("NoCaseState"));
    centre_->addWidget(noCase_);

    caseView_ = new QWidget(centre_);
    scan_ = new ScanPanel(service_.cache(), caseView_);
    connect(scan_, &ScanPanel::busyChanged, this, &MainWindow::busyChanged);
    connect(scan_, &ScanPanel::cursorReadoutChanged, this,
            [this](const QString& text) { cursorLabel_->setText(text); });
    annotations_ = new AnnotationController(service_, scan_->view(), this);
    connect(annotations_, &AnnotationController::problem, this,
            [this](const QString& message) { statusBar()->showMessage(message, kMessageMs); });
    decision_ = new DecisionBar(caseView_);
    connect(decision_, &DecisionBar::decisionRequested, this,
            [this](core::Outcome outcome) { decide(outcome); });
    auto* layout = new QVBoxLayout(caseView_);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(scan_, 1);
    layout->addWidget(decision_);
    centre_->addWidget(caseView_);

    lock_ = new SessionLock(service_, centre_);
    connect(lock_, &SessionLock::unlocked, this, &MainWindow::unlockSession);
    connect(lock_, &SessionLock::signOutRequested, this, &MainWindow::signOut);
    centre_->addWidget(lock_);
    setCentralWidget(centre_);
}

void MainWindow::createDocks() {
    queue_ = new WorkQueuePanel(service_);
    connect(queue_, &WorkQueuePanel::caseActivated, this,
            [this](const QString& id) { openCase(id.toStdString()); });

    auto* queueDock = new QDockWidget(tr("Work queue"), this);
    queueDock->setObjectName(QStringLiteral("WorkQueueDock"));
    queueDock->setWidget(queue_);
    addDockWidget(Qt::LeftDockWidgetArea, queueDock);

    auto* manifestDock = new QDockWidget(tr("Manifest"), this);
    manifestDock->setObjectName(QStringLiteral("ManifestDock"));
    manifest_ = new ManifestPanel;
    manifestDock->setWidget(manifest_);
    addDockWidget(Qt::RightDockWidgetArea, manifestDock);

    auto* riskDock = new QDockWidget(tr("Risk"), this);
    riskDock->setObjectName(QStringLiteral("RiskDock"));
    risk_ = new RiskPanel;
    riskDock->setWidget(risk_);
    addDockWidget(Qt::RightDockWidgetArea, riskDock);

    auto* marksDock = new QDockWidget(tr("Marks"), this);
    marksDock->setObjectName(QStringLiteral("AnnotationDock"));
    marks_ = new AnnotationListWidget(*annotations_);
    marksDock->setWidget(marks_);
    addDockWidget(Qt::RightDockWidgetArea, marksDock);
    tabifyDockWidget(riskDock, marksDock);
    riskDock->raise();

    annotationTools_ = addToolBar(tr("Annotations"));
    annotationTools_->setObjectName(QStringLiteral("AnnotationToolBar"));
    annotationTools_->addActions(annotations_->actions());

    resizeDocks({queueDock, manifestDock}, {540, 420}, Qt::Horizontal);
    docks_ = {queueDock, manifestDock, riskDock, marksDock};
    for (auto* dock : docks_)
        viewMenu_->addAction(dock->toggleViewAction());
}

void MainWindow::createMenus() {
    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    auto* lock = fileMenu->addAction(tr("&Lock screen"), this, &MainWindow::lockSession);
    lock->setObjectName(QStringLiteral("LockAction"));
    lock->setShortcut(Qt::CTRL | Qt::Key_L);
    auto* signOutAction = fileMenu->addAction(tr("Sign &out"), this, &MainWindow::signOut);
    signOutAction->setObjectName(QStringLiteral("SignOutAction"));
    fileMenu->addSeparator();
    auto* quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    auto* caseMenu = menuBar()->addMenu(tr("&Case"));
    auto* next = caseMenu->addAction(tr("Open &next case"), this, [this] {
        if (!openNextCase())
            statusBar()->showMessage(tr("No case waits for a decision."), kMessageMs);
    });
    next->setShortcut(Qt::CTRL | Qt::Key_N);
    sessionActions_ = {lock, signOutAction, next};
    viewMenu_ = menuBar()->addMenu(tr("&View"));
    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Prescreen"), this, &MainWindow::showAbout);
}

void MainWindow::createStatusBar() {
    signInLabel_ = new QLabel(tr("Not signed in"));
    signInLabel_->setObjectName(QStringLiteral("SignInLabel"));
    statusBar()->addWidget(signInLabel_);
    cursorLabel_ = new QLabel;
    cursorLabel_->setObjectName(QStringLiteral("CursorReadoutLabel"));
    statusBar()->addWidget(cursorLabel_, 1);

    auto& store = service_.store();
    const auto databaseFile = QString::fromStdString(store.file().string());
    auto* database = new QLabel(tr("Local database: %1").arg(databaseFile));
    database->setObjectName(QStringLiteral("DatabaseLabel"));
    workstationId_ = QString::fromStdString(store.workstationId());
    database->setToolTip(tr("Workstation %1").arg(workstationId_));
    statusBar()->addPermanentWidget(database);
}

void MainWindow::setSession(core::Session session) {
    session_ = std::move(session);
    const auto& officer = session_->officer();
    signInLabel_->setText(tr("Signed in: %1 (%2) — %3")
                              .arg(QString::fromStdString(officer.name),
                                   QString::fromStdString(officer.badge),
                                   Labels::roles(officer.roles)));
    restoreOfficerLayout();
    queue_->setSession(&*session_);
    setSessionActionsEnabled(true);
    inactivity_->start();
    // Keyboard-first: the queue has the focus, its top case selected; Enter opens it.
    activateWindow();
    queue_->view().setFocus();
}

bool MainWindow::openCase(const std::string& caseId) {
    if (!session_ || locked_)
        return false;
    try {
        case_ = service_.openCase(*session_, caseId);
    } catch (const Error& error) {
        statusBar()->showMessage(tr("The case could not be opened: %1").arg(fromUtf8(error.what())),
                                 kMessageMs);
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

void MainWindow::prefetchNextCase() {
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

bool MainWindow::openNextCase() {
    const std::string next = queue_->nextCaseId(case_ ? case_->summary.id : std::string());
    return !next.empty() && openCase(next);
}

void MainWindow::showCase() {
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

void MainWindow::closeCase(const QString& title, const QString& hint) {
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

bool MainWindow::decide(core::Outcome outcome) {
    if (!session_ || locked_ || !case_ || case_->readOnly)
        return false;
    core::DecisionRequest request;
    request.caseId = case_->summary.id;
    request.outcome = outcome;
    request.reasonCodes = decision_->reasonCodes();
    request.comment = decision_->comment();
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
    statusBar()->showMessage(saved, kMessageMs);
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

void MainWindow::setDisplayMode(DisplayMode mode) {
    scan_->setMode(mode);
    if (!session_)
        defaultDisplay_ = scan_->displayState();
}

bool MainWindow::isBusy() const {
    return scan_->isBusy();
}

void MainWindow::showAbout() {
    // No database query here: About stays usable while a password check holds the connection.
    auto& store = service_.store();
    QMessageBox::about(this, tr("About Prescreen"),
                       tr("<b>Prescreen %1</b><p>Virtual cargo pre-screening workstation.</p>"
                          "<p>Workstation %2<br>Database %3</p>")
                           .arg(QString::fromUtf8(kVersion), workstationId_,
                                QString::fromStdString(store.file().string()).toHtmlEscaped()));
}

} // namespace prescreen::ui
