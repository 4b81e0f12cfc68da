// The main window's session: signing out, locking and unlocking the screen, and each officer's
// layout per mode saved at sign-out or mode switch and restored at sign-in (main_window.cpp
// builds the window).
#include "empty_state.h"
#include "officer_layout.h"
#include "officer_workspace.h"
#include "session_lock.h"
#include "workspace.h"

#include <prescreen/ui/main_window.h>

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

namespace prescreen::ui {

void MainWindow::signOut() {
    if (!session_)
        return;
    saveOfficerLayout();
    inactivity_->stop();
    const bool wasLocked = locked_;
    locked_ = false;
    for (auto* workspace : workspaces_) {
        for (auto* dock : workspace->docks())
            dock->toggleViewAction()->setEnabled(true);
        workspace->setSession(nullptr);
    }
    session_.reset();
    // Nobody signed in: the screening mode, empty, as the program started.
    restoreState(defaultState_);
    showWorkspace(screening_);
    for (auto* workspace : workspaces_)
        workspace->restoreLayout({});
    signInLabel_->setText(tr("Not signed in"));
    statusBar()->clearMessage();
    setSessionActionsEnabled(false);
    updateModeActions();
    if (wasLocked)
        emit lockedChanged(false);
    emit signedOut();
}

void MainWindow::lockSession() {
    if (!session_ || locked_)
        return;
    stateBeforeLock_ = saveState();
    pageBeforeLock_ = centre_->currentWidget();
    locked_ = true;
    inactivity_->stop();
    for (auto* workspace : workspaces_)
        for (auto* dock : workspace->docks()) {
            dock->toggleViewAction()->setEnabled(false);
            dock->hide();
        }
    // Hidden and disabled: no shortcut of the mode can fire behind the lock.
    if (active_ != nullptr)
        active_->setLocked(true);
    setSessionActionsEnabled(false);
    updateModeActions();
    statusBar()->clearMessage();
    centre_->setCurrentWidget(lock_);
    lock_->lock(session_->officer());
    emit lockedChanged(true);
}

void MainWindow::unlockSession() {
    if (!locked_)
        return;
    locked_ = false;
    restoreState(stateBeforeLock_);
    for (auto* workspace : workspaces_)
        for (auto* dock : workspace->docks())
            dock->toggleViewAction()->setEnabled(true);
    if (active_ != nullptr)
        active_->setLocked(false);
    centre_->setCurrentWidget(pageBeforeLock_ != nullptr ? pageBeforeLock_
                                                         : static_cast<QWidget*>(noMode_));
    setSessionActionsEnabled(true);
    updateModeActions();
    inactivity_->start();
    if (active_ != nullptr)
        active_->takeFocus();
    emit lockedChanged(false);
}

void MainWindow::setLockTimeout(std::chrono::milliseconds timeout) {
    inactivity_->setTimeout(timeout);
    if (session_ && !locked_)
        inactivity_->start();
}

std::chrono::milliseconds MainWindow::lockTimeout() const {
    return inactivity_->timeout();
}

void MainWindow::setSessionActionsEnabled(bool enabled) {
    for (auto* action : sessionActions_)
        action->setEnabled(enabled);
}

void MainWindow::saveOfficerLayout() {
    if (!session_)
        return;
    const auto badge = QString::fromStdString(session_->officer().badge);
    const auto settings = openSettings();
    OfficerLayout::saveGeometry(*settings, badge, saveGeometry());
    if (active_ == nullptr)
        return;
    OfficerLayout layout;
    layout.windowState = locked_ ? stateBeforeLock_ : saveState();
    layout.workspace = active_->saveLayout();
    layout.save(*settings, badge, active_->mode());
    OfficerLayout::saveMode(*settings, badge, active_->mode());
}

std::optional<core::Mode> MainWindow::lastMode() const {
    const auto settings = openSettings();
    return OfficerLayout::loadMode(*settings, QString::fromStdString(session_->officer().badge));
}

void MainWindow::showDefaultLayout(Workspace* workspace) {
    restoreState(defaultState_);
    showWorkspace(workspace);
    for (auto* dock : workspace->docks())
        dock->show();
    for (auto* bar : workspace->toolBars())
        bar->show();
}

void MainWindow::restoreOfficerLayout(core::Mode mode) {
    auto* workspace = workspaceFor(mode);
    const auto settings = openSettings();
    const auto badge = QString::fromStdString(session_->officer().badge);
    const auto layout = OfficerLayout::load(*settings, badge, mode);
    if (!layout) {
        showDefaultLayout(workspace);
        workspace->restoreLayout({});
        return;
    }
    if (restoreState(layout->windowState))
        showWorkspace(workspace);
    else
        showDefaultLayout(workspace);
    workspace->restoreLayout(layout->workspace);
}

void MainWindow::restoreOfficerGeometry() {
    const auto settings = openSettings();
    const QByteArray geometry =
        OfficerLayout::loadGeometry(*settings, QString::fromStdString(session_->officer().badge));
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveOfficerLayout();
    QMainWindow::closeEvent(event);
}

} // namespace prescreen::ui
