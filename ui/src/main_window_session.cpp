// The main window's session: signing out, locking and unlocking the screen, and each officer's
// layout saved at sign-out and restored at sign-in (main_window.cpp builds the window).
#include "decision_bar.h"
#include "empty_state.h"
#include "officer_layout.h"
#include "scan_panel.h"
#include "scan_view.h"
#include "session_lock.h"
#include "work_queue_panel.h"

#include <prescreen/ui/main_window.h>

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace prescreen::ui {

void MainWindow::signOut() {
    if (!session_)
        return;
    saveOfficerLayout();
    inactivity_->stop();
    const bool wasLocked = locked_;
    locked_ = false;
    for (auto* dock : docks_)
        dock->toggleViewAction()->setEnabled(true);
    caseView_->setEnabled(true);
    annotationTools_->setEnabled(true);
    closeCase(tr("No case open"), tr("Sign in, then select a case in the work queue and press "
                                     "Enter to view its scan beside the manifest and risk."));
    session_.reset();
    queue_->setSession(nullptr);
    restoreState(defaultState_);
    queue_->setViewState({});
    scan_->setDisplayState(defaultDisplay_);
    signInLabel_->setText(tr("Not signed in"));
    cursorLabel_->clear();
    statusBar()->clearMessage();
    setSessionActionsEnabled(false);
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
    for (auto* dock : docks_) {
        dock->toggleViewAction()->setEnabled(false);
        dock->hide();
    }
    // Hidden and disabled: the scan's and the decision bar's single-key shortcuts cannot fire.
    caseView_->setEnabled(false);
    annotationTools_->setEnabled(false);
    setSessionActionsEnabled(false);
    statusBar()->clearMessage();
    cursorLabel_->clear();
    centre_->setCurrentWidget(lock_);
    lock_->lock(session_->officer());
    emit lockedChanged(true);
}

void MainWindow::unlockSession() {
    if (!locked_)
        return;
    locked_ = false;
    restoreState(stateBeforeLock_);
    for (auto* dock : docks_)
        dock->toggleViewAction()->setEnabled(true);
    caseView_->setEnabled(true);
    centre_->setCurrentWidget(pageBeforeLock_ != nullptr ? pageBeforeLock_ : noCase_);
    setSessionActionsEnabled(true);
    inactivity_->start();
    if (centre_->currentWidget() == caseView_)
        scan_->view().setFocus();
    else
        queue_->view().setFocus();
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
    OfficerLayout layout;
    layout.geometry = saveGeometry();
    layout.windowState = locked_ ? stateBeforeLock_ : saveState();
    layout.queue = queue_->viewState();
    layout.display = scan_->displayState();
    const auto settings = openSettings();
    layout.save(*settings, QString::fromStdString(session_->officer().badge));
}

void MainWindow::restoreOfficerLayout() {
    const auto settings = openSettings();
    const auto layout =
        OfficerLayout::load(*settings, QString::fromStdString(session_->officer().badge));
    if (!layout) {
        restoreState(defaultState_);
        queue_->setViewState({});
        scan_->setDisplayState(defaultDisplay_);
        return;
    }
    if (!layout->geometry.isEmpty())
        restoreGeometry(layout->geometry);
    if (!restoreState(layout->windowState))
        restoreState(defaultState_);
    queue_->setViewState(layout->queue);
    scan_->setDisplayState(layout->display);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveOfficerLayout();
    QMainWindow::closeEvent(event);
}

} // namespace prescreen::ui
