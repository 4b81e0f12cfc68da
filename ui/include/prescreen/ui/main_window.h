#pragma once
// The officer workstation's main window: the scan view in the centre, work queue, manifest and
// risk as docks around it, sign-in and sync state in the status bar. It coordinates; the docks
// and views show, core::Service decides what is allowed.

#include <prescreen/core/service.h>
#include <prescreen/ui/display_mode.h>

#include <QMainWindow>

#include <optional>
#include <string>

class QLabel;
class QStackedWidget;

namespace prescreen::ui {

class DecisionBar;
class EmptyState;
class ManifestPanel;
class RiskPanel;
class ScanPanel;
class WorkQueuePanel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// The service (and the store and cache behind it) must outlive the window.
    explicit MainWindow(core::Service& service, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts working as the signed-in officer: status bar, queue.
    void setSession(core::Session session);
    const std::optional<core::Session>& session() const { return session_; }

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

private:
    void createCentre();
    void createDocks();
    void createMenus();
    void createStatusBar();
    void showCase();
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
    DecisionBar* decision_ = nullptr;
    WorkQueuePanel* queue_ = nullptr;
    ManifestPanel* manifest_ = nullptr;
    RiskPanel* risk_ = nullptr;
};

} // namespace prescreen::ui
