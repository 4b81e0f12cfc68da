#pragma once
// The screening mode: the scan view in the centre with the decision bar under it, work queue,
// manifest, risk and marks as docks around it, the annotation toolbar and the Case menu. It
// coordinates; the docks and views show, core::Service decides what is allowed.

#include "workspace.h"

#include <prescreen/ui/display_mode.h>

#include <QVariantMap>

#include <optional>
#include <string>

class QAction;
class QLabel;
class QStackedWidget;

namespace prescreen::ui {

class AnnotationController;
class AnnotationListWidget;
class DecisionBar;
class EmptyState;
class ManifestPanel;
class RiskPanel;
class ScanPanel;
class WorkQueuePanel;

class OfficerWorkspace : public Workspace {
    Q_OBJECT

public:
    /// The service (and the store and cache behind it) must outlive the workspace.
    explicit OfficerWorkspace(core::Service& service, QObject* parent = nullptr);
    ~OfficerWorkspace() override;

    core::Mode mode() const override { return core::Mode::Screening; }
    QString title() const override;
    void install(QMainWindow& window) override;
    QWidget* page() const override;
    QList<QDockWidget*> docks() const override { return docks_; }
    QList<QToolBar*> toolBars() const override;
    QList<QMenu*> menus() const override;
    QList<QWidget*> statusWidgets() const override;
    void setSession(const core::Session* session) override;
    void setLocked(bool locked) override;
    void takeFocus() override;
    QVariantMap saveLayout() const override;
    void restoreLayout(const QVariantMap& layout) override;

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

    /// The lowest risk level whose release needs a second step (Confirm release, Shift+R, or a
    /// release reason code chosen); nullopt: every release is one key. Site policy: the
    /// setting "decision/confirmReleaseFromLevel" (low, medium, high, none; default high) of
    /// the workstation's settings file, read at each decision.
    static std::optional<core::RiskLevel> releaseConfirmationLevel();

    /// Colours the scan (as the toolbar does); kept from case to case.
    void setDisplayMode(DisplayMode mode);

    /// True while the scan is being decoded or rendered.
    bool isBusy() const;

signals:
    void caseOpened(const QString& caseId);
    void busyChanged(bool busy);

private:
    void createCentre();
    void createDocks(QMainWindow& window);
    void createMenus(QMainWindow& window);
    void showCase();
    void prefetchNextCase();
    void closeCase(const QString& title, const QString& hint);
    /// True when a release of the open case must first be confirmed (and asks for it).
    bool releaseNeedsConfirmation();
    /// What the decision records about how the scan was seen when it was made.
    std::string displayRecord(core::Outcome outcome) const;

    core::Service& service_;
    const core::Session* session_ = nullptr;
    bool locked_ = false;
    std::optional<core::CaseDetail> case_;
    QMenu* caseMenu_ = nullptr;
    QAction* nextAction_ = nullptr;
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
    QLabel* cursorLabel_ = nullptr;
    QList<QDockWidget*> docks_;
    QVariantMap defaultDisplay_; ///< the scan's display as the program started
};

} // namespace prescreen::ui
