#pragma once
// The workstation's shell: the main window that hosts one workspace per mode (screening, audit,
// training; ui/src/workspaces/), sign-in state and sync in the status bar, the session lock, and
// the mode switcher (Ctrl+1/2/3) offering the modes the officer's roles allow
// (core::rolePolicy). The screening calls below are forwarded to the screening workspace.

#include <prescreen/core/role_policy.h>
#include <prescreen/core/service.h>
#include <prescreen/ui/display_mode.h>

#include <QByteArray>
#include <QList>
#include <QMainWindow>
#include <QVariantMap>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QStackedWidget;
class QToolBar;

namespace prescreen::ui {

class EmptyState;
class InactivityWatch;
class OfficerWorkspace;
class SessionLock;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// The service (and the store and cache behind it) must outlive the window.
    explicit MainWindow(core::Service& service, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts working as the signed-in officer: status bar, the modes their roles allow (the
    /// one they used last here, else the first), and their own layout of that mode (window,
    /// docks, queue sort and filters, display presets) as they left it here.
    void setSession(core::Session session);
    const std::optional<core::Session>& session() const { return session_; }
    /// Ends the session: saves the officer's layout, empties the screen and puts the default
    /// layout back, then emits signedOut. The open case stays claimed by the officer; nothing is
    /// lost, decisions are saved when made.
    void signOut();

    /// Hides the queue, scan, manifest and risk behind the lock screen, which names the officer
    /// and takes only their password (no-op when nobody is signed in or already locked). Also
    /// happens after lockTimeout() without keyboard or mouse input.
    void lockSession();
    bool isLocked() const { return locked_; }
    /// Inactivity before the screen locks (zero: never). Starts as
    /// InactivityWatch::configuredTimeout(): $PRESCREEN_LOCK_AFTER_S, the setting, or 5 minutes.
    void setLockTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds lockTimeout() const;

    /// The modes the signed-in officer may use, in switcher order; empty when signed out.
    std::vector<core::Mode> availableModes() const;
    /// The mode on screen (Screening while nobody is signed in); nullopt for an officer whose
    /// roles allow no mode (an administrator: the page says to use prescreen-cli).
    std::optional<core::Mode> currentMode() const;
    /// Switches to `mode`, saving the current mode's layout and restoring the officer's layout
    /// of the new one. False (nothing changes) if the officer may not use it, or while locked.
    bool switchMode(core::Mode mode);

    /// Opens a case through core::Service::openCase (an officer claims it; others read it).
    /// Returns false, with the reason in the status bar, when it cannot be opened.
    bool openCase(const std::string& caseId);
    /// Opens the first case of the queue that waits for a decision; false if there is none.
    bool openNextCase();
    /// The case on screen, as core returned it when opened.
    const std::optional<core::CaseDetail>& currentCase() const;

    /// Sends the officer's decision on the open case to core (on this thread: one durable
    /// commit). Shows "saved" only once core returned, else core's reason; after a save the
    /// next case of the queue opens. Returns whether it was saved.
    bool decide(core::Outcome outcome);

    /// Colours the scan (as the toolbar does); kept from case to case.
    void setDisplayMode(DisplayMode mode);

    /// True while the scan is being decoded or rendered.
    bool isBusy() const;

signals:
    void caseOpened(const QString& caseId);
    void busyChanged(bool busy);
    /// The session ended (from the menu or the lock screen): time to ask who signs in next.
    void signedOut();
    void lockedChanged(bool locked);
    void modeChanged(prescreen::core::Mode mode);

protected:
    /// Saves the signed-in officer's layout before the window closes.
    void closeEvent(QCloseEvent* event) override;

private:
    void unlockSession();
    void saveOfficerLayout();
    void restoreOfficerLayout(core::Mode mode);
    void showDefaultLayout(Workspace* workspace);
    void restoreOfficerGeometry();
    std::optional<core::Mode> lastMode() const;
    void setSessionActionsEnabled(bool enabled);
    void addWorkspace(Workspace* workspace);
    void createMenus();
    void createModeSwitcher();
    void createStatusBar();
    void showWorkspace(Workspace* workspace);
    void updateModeActions();
    Workspace* workspaceFor(core::Mode mode) const;
    void showAbout();

    core::Service& service_;
    std::optional<core::Session> session_;
    QMenu* viewMenu_ = nullptr;
    QMenu* modeMenu_ = nullptr;
    QLabel* signInLabel_ = nullptr;
    QStackedWidget* centre_ = nullptr;
    EmptyState* noMode_ = nullptr; ///< for an officer whose roles allow no mode
    SessionLock* lock_ = nullptr;
    InactivityWatch* inactivity_ = nullptr;
    OfficerWorkspace* screening_ = nullptr;
    std::vector<Workspace*> workspaces_; ///< in core::kModes order
    Workspace* active_ = nullptr;        ///< nullptr: no mode (noMode_ is shown)
    QToolBar* modeSwitcher_ = nullptr;
    QActionGroup* modeActions_ = nullptr;
    QList<QAction*> sessionActions_; ///< disabled while locked or signed out
    QByteArray defaultState_;        ///< the docks as built, for an officer without a layout
    QString workstationId_;
    QString databaseFile_;
    QByteArray stateBeforeLock_; ///< the docks as the officer had them when locked
    QWidget* pageBeforeLock_ = nullptr;
    bool locked_ = false;
};

} // namespace prescreen::ui
