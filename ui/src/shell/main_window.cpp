// The shell's window: menus, status bar, the mode switcher and the workspaces it hosts
// (main_window_session.cpp: signing out, the lock, each officer's layout per mode).
#include "empty_state.h"
#include "labels.h"
#include "officer_workspace.h"
#include "session_lock.h"
#include "supervisor_workspace.h"
#include "trainer_workspace.h"

#include <prescreen/ui/main_window.h>
#include <prescreen/version.h>

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace prescreen::ui {
namespace {

constexpr int kMessageMs = 10000; ///< how long a status bar message stays

} // namespace

MainWindow::MainWindow(core::Service& service, QWidget* parent)
    : QMainWindow(parent), service_(service) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Prescreen — Screening"));
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    createMenus();
    createModeSwitcher();

    centre_ = new QStackedWidget(this);
    noMode_ = new EmptyState(tr("No workspace for your roles"),
                             tr("This workstation has screening, audit and training modes; your "
                                "roles allow none of them. Administrators manage officers with "
                                "prescreen-cli."),
                             centre_);
    noMode_->setObjectName(QStringLiteral("NoModeState"));
    centre_->addWidget(noMode_);
    lock_ = new SessionLock(service_, centre_);
    connect(lock_, &SessionLock::unlocked, this, &MainWindow::unlockSession);
    connect(lock_, &SessionLock::signOutRequested, this, &MainWindow::signOut);
    centre_->addWidget(lock_);
    setCentralWidget(centre_);
    createStatusBar();

    screening_ = new OfficerWorkspace(service_, this);
    addWorkspace(screening_);
    addWorkspace(new SupervisorWorkspace(this));
    addWorkspace(new TrainerWorkspace(this));
    connect(screening_, &OfficerWorkspace::busyChanged, this, &MainWindow::busyChanged);
    connect(screening_, &OfficerWorkspace::caseOpened, this, &MainWindow::caseOpened);

    resize(1600, 900);
    // On a smaller screen (1366 x 768 laptops) the window starts at the screen's size. (Not
    // offscreen: its make-believe screen is 800 x 600, and screenshots there keep 1600 x 900.)
    const auto* display = screen();
    if (display != nullptr && QGuiApplication::platformName() != QStringLiteral("offscreen")) {
        const QSize available = display->availableGeometry().size();
        if (available.width() < width() || available.height() < height())
            resize(size().boundedTo(available));
    }
    // Nobody signed in: the screening mode, empty; its docks as built are everyone's default.
    showWorkspace(screening_);
    for (auto* dock : screening_->docks())
        dock->show();
    for (auto* bar : screening_->toolBars())
        bar->show();
    defaultState_ = saveState();

    inactivity_ = new InactivityWatch(this);
    inactivity_->setTimeout(InactivityWatch::configuredTimeout());
    connect(inactivity_, &InactivityWatch::idle, this, &MainWindow::lockSession);
    setSessionActionsEnabled(false);
    updateModeActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::addWorkspace(Workspace* workspace) {
    workspace->install(*this);
    centre_->addWidget(workspace->page());
    for (auto* menu : workspace->menus())
        menuBar()->insertMenu(viewMenu_->menuAction(), menu);
    for (auto* widget : workspace->statusWidgets()) {
        statusBar()->addWidget(widget, 1);
        widget->hide();
    }
    for (auto* dock : workspace->docks())
        dock->hide();
    for (auto* bar : workspace->toolBars())
        bar->hide();
    connect(workspace, &Workspace::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, kMessageMs); });
    workspaces_.push_back(workspace);

    // The switcher: one action per mode, Ctrl+1 / Ctrl+2 / Ctrl+3 in core::kModes order.
    auto* action = new QAction(workspace->title(), modeActions_);
    action->setObjectName(QStringLiteral("Mode%1Action").arg(workspace->title()));
    action->setCheckable(true);
    action->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + static_cast<int>(workspace->mode()))));
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(
        tr("%1 mode (%2)")
            .arg(workspace->title(), action->shortcut().toString(QKeySequence::NativeText)));
    action->setData(static_cast<int>(workspace->mode()));
    const core::Mode mode = workspace->mode();
    connect(action, &QAction::triggered, this, [this, mode] { switchMode(mode); });
    modeSwitcher_->addAction(action);
    modeMenu_->addAction(action);
    addAction(action); // the shortcut works while the switcher is hidden
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
    sessionActions_ = {lock, signOutAction};
    modeMenu_ = menuBar()->addMenu(tr("&Mode"));
    modeMenu_->setObjectName(QStringLiteral("ModeMenu"));
    viewMenu_ = menuBar()->addMenu(tr("&View"));
    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Prescreen"), this, &MainWindow::showAbout);
}

void MainWindow::createModeSwitcher() {
    modeSwitcher_ = new QToolBar(tr("Modes"), this);
    modeSwitcher_->setObjectName(QStringLiteral("ModeSwitcher"));
    modeSwitcher_->setMovable(false);
    modeSwitcher_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    modeSwitcher_->toggleViewAction()->setVisible(false);
    addToolBar(Qt::TopToolBarArea, modeSwitcher_);
    modeActions_ = new QActionGroup(this);
    modeActions_->setExclusive(true);
}

void MainWindow::createStatusBar() {
    signInLabel_ = new QLabel(tr("Not signed in"));
    signInLabel_->setObjectName(QStringLiteral("SignInLabel"));
    statusBar()->addWidget(signInLabel_);

    databaseFile_ = QString::fromStdString(service_.databaseFile().string());
    auto* database = new QLabel(tr("Local database: %1").arg(databaseFile_));
    database->setObjectName(QStringLiteral("DatabaseLabel"));
    workstationId_ = QString::fromStdString(service_.workstationId());
    database->setToolTip(tr("Workstation %1").arg(workstationId_));
    statusBar()->addPermanentWidget(database);
}

Workspace* MainWindow::workspaceFor(core::Mode mode) const {
    for (auto* workspace : workspaces_)
        if (workspace->mode() == mode)
            return workspace;
    return nullptr;
}

std::vector<core::Mode> MainWindow::availableModes() const {
    std::vector<core::Mode> modes;
    if (!session_)
        return modes;
    for (auto* workspace : workspaces_)
        if (core::allows(session_->officer().roles, core::modePermission(workspace->mode())))
            modes.push_back(workspace->mode());
    return modes;
}

std::optional<core::Mode> MainWindow::currentMode() const {
    if (active_ == nullptr)
        return std::nullopt;
    return active_->mode();
}

// Shows one workspace's page, docks, toolbars, menus and status widgets and hides the others'
// (nullptr: none, the "no mode" page). Dock and toolbar visibility comes from the layout the
// caller restores next; the others' docks are hidden here.
void MainWindow::showWorkspace(Workspace* workspace) {
    active_ = workspace;
    viewMenu_->clear();
    for (auto* other : workspaces_) {
        const bool shown = other == workspace;
        for (auto* menu : other->menus())
            menu->menuAction()->setVisible(shown);
        for (auto* widget : other->statusWidgets())
            widget->setVisible(shown);
        if (!shown) {
            for (auto* dock : other->docks())
                dock->hide();
            for (auto* bar : other->toolBars())
                bar->hide();
        }
    }
    if (workspace == nullptr) {
        centre_->setCurrentWidget(noMode_);
        setWindowTitle(tr("Prescreen"));
        return;
    }
    for (auto* dock : workspace->docks())
        viewMenu_->addAction(dock->toggleViewAction());
    centre_->setCurrentWidget(workspace->page());
    setWindowTitle(tr("Prescreen — %1").arg(workspace->title()));
}

void MainWindow::updateModeActions() {
    const auto modes = availableModes();
    for (auto* action : modeActions_->actions()) {
        const auto mode = static_cast<core::Mode>(action->data().toInt());
        const bool allowed = std::find(modes.begin(), modes.end(), mode) != modes.end();
        action->setVisible(allowed);
        action->setEnabled(allowed && !locked_);
        action->setChecked(active_ != nullptr && active_->mode() == mode && session_);
    }
    modeMenu_->menuAction()->setVisible(modes.size() > 1);
    // The switcher is for officers with more than one mode; the title names the only one.
    modeSwitcher_->setVisible(modes.size() > 1 && !locked_);
}

bool MainWindow::switchMode(core::Mode mode) {
    if (!session_ || locked_)
        return false;
    const auto modes = availableModes();
    if (std::find(modes.begin(), modes.end(), mode) == modes.end())
        return false;
    if (active_ != nullptr && active_->mode() == mode)
        return true;
    saveOfficerLayout();
    restoreOfficerLayout(mode);
    updateModeActions();
    active_->takeFocus();
    emit modeChanged(mode);
    return true;
}

void MainWindow::setSession(core::Session session) {
    session_ = std::move(session);
    const auto& officer = session_->officer();
    signInLabel_->setText(tr("Signed in: %1 (%2) — %3")
                              .arg(QString::fromStdString(officer.name),
                                   QString::fromStdString(officer.badge),
                                   Labels::roles(officer.roles)));
    restoreOfficerGeometry();
    const auto modes = availableModes();
    std::optional<core::Mode> mode;
    if (!modes.empty()) {
        mode = modes.front();
        const auto last = lastMode();
        if (last && std::find(modes.begin(), modes.end(), *last) != modes.end())
            mode = *last;
    }
    if (mode)
        restoreOfficerLayout(*mode);
    else
        showWorkspace(nullptr);
    for (auto* workspace : workspaces_)
        if (core::allows(officer.roles, core::modePermission(workspace->mode())))
            workspace->setSession(&*session_);
    setSessionActionsEnabled(true);
    updateModeActions();
    inactivity_->start();
    // Keyboard-first: the mode's first place has the focus (the queue, its top case selected).
    activateWindow();
    if (active_ != nullptr)
        active_->takeFocus();
}

bool MainWindow::openCase(const std::string& caseId) {
    return active_ == screening_ && screening_->openCase(caseId);
}

bool MainWindow::openNextCase() {
    return active_ == screening_ && screening_->openNextCase();
}

const std::optional<core::CaseDetail>& MainWindow::currentCase() const {
    return screening_->currentCase();
}

bool MainWindow::decide(core::Outcome outcome) {
    return active_ == screening_ && !locked_ && screening_->decide(outcome);
}

void MainWindow::setDisplayMode(DisplayMode mode) {
    screening_->setDisplayMode(mode);
}

bool MainWindow::isBusy() const {
    return screening_->isBusy();
}

void MainWindow::showAbout() {
    // No database query here: About stays usable while a password check holds the connection.
    QMessageBox::about(
        this, tr("About Prescreen"),
        tr("<b>Prescreen %1</b><p>Virtual cargo pre-screening workstation.</p>"
           "<p>Workstation %2<br>Database %3</p>")
            .arg(QString::fromUtf8(kVersion), workstationId_, databaseFile_.toHtmlEscaped()));
}

} // namespace prescreen::ui
