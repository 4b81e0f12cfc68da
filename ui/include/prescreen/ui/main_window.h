#pragma once
// The officer workstation's main window: the scan view in the centre, work queue, manifest and
// risk as docks around it, sign-in and sync state in the status bar. It coordinates; the docks
// and views show, core::Service decides what is allowed.

#include <prescreen/core/service.h>
#include <prescreen/ui/display_mode.h>

#include <QByteArray>
#include <QList>
#include <QMainWindow>
#include <QVariantMap>

#include <chrono>
#include <optional>
#include <string>

class QAction;
class QDockWidget;
class QLabel;
class QStackedWidget;
class QToolBar;

namespace prescreen::ui {

class AnnotationController;
class AnnotationListWidget;
class DecisionBar;
class EmptyState;
class InactivityWatch;
class ManifestPanel;
class RiskPanel;
class ScanPanel;
class SessionLock;
class WorkQueuePanel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// The service (and the store and cache behind it) must outlive the window.
    explicit MainWindow(core::Service& service, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts working as the signed-in officer: status bar, queue, and the officer's own
    /// layout (window, docks, queue sort and filters, display presets) as they left it here.
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

    /// Opens a case through core::Service::openCase (an officer claims it; others read it).
    /// Returns false, with the reason in the status bar, when it cannot be opened.
    bool openCase(const std::string& caseId);
    /// Opens the first case of the queue that waits for a decision; false if there is none.
    bool openNextCase();
    /// The case on screen, as core returned it when opened.
    const std::optional<core::CaseDetail>& currentCase() const { return case_; }

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

protected:
    /// Saves the signed-in officer's layout before the window closes.
    void closeEvent(QCloseEvent* event) override;

private:
    void unlockSession();
    void saveOfficerLayout();
    void restoreOfficerLayout();
    void setSessionActionsEnabled(bool enabled);
    void createCentre();
    void createDocks();
    void createMenus();
    void createStatusBar();
    void showCase();
    void prefetchNextCase();
    void closeCase(const QString& title, const QString& hint);
    void showAbout();

    core::Service& service_;
    std::optional<core::Session> session_;
    std::optional<core::CaseDetail> case_;
    QMenu* viewMenu_ = nullptr;
    QLabel* signInLabel_ = nullptr;
    QStackedWidget* centre_ = nullptr;
    EmptyState* noCase_ = nullptr;
    QWidget* caseView_ = nullptr;
    ScanPanel* scan_ = nullptr;
    AnnotationController* annotations_ = nullptr; ///< the open case's marks and their undo stack
    AnnotationListWidget* marks_ = nullptr;
    QToolBar* annotationTools_ = nullptr; ///< disabled while locked: its shortcuts cannot fire
    DecisionBar* decision_ = nullptr;
    WorkQueuePanel* queue_ = nullptr;
    ManifestPanel* manifest_ = nullptr;
    RiskPanel* risk_ = nullptr;
    SessionLock* lock_ = nullptr;
    InactivityWatch* inactivity_ = nullptr;
    QLabel* cursorLabel_ = nullptr;
    QList<QDockWidget*> docks_;
    QList<QAction*> sessionActions_; ///< disabled while locked or signed out
    QByteArray defaultState_;        ///< the docks as built, for an officer without a layout
    QVariantMap defaultDisplay_;     ///< the scan's display as the program started
    QString workstationId_;
    QByteArray stateBeforeLock_; ///< the docks as the officer had them when locked
    QWidget* pageBeforeLock_ = nullptr;
    bool locked_ = false;
};

} // namespace prescreen::ui
