#pragma once
// The work queue dock's content: status and risk filters over the queue table. Loads the queue
// from core::Service (one query per refresh, never per row) and reports which case the officer
// opens with Enter or a double-click.

#include <prescreen/core/service.h>

#include <QWidget>

#include <string>

class QComboBox;
class QLabel;
class QTableView;

namespace prescreen::ui {

class WorkQueueModel;

class WorkQueuePanel : public QWidget {
    Q_OBJECT

public:
    /// The service must outlive the panel.
    explicit WorkQueuePanel(core::Service& service, QWidget* parent = nullptr);

    /// Whose queue to show; nullptr (signed out) empties it. The session must outlive its use.
    void setSession(const core::Session* session);
    /// Reloads the queue with the current filters; the selected case stays selected.
    void refresh();
    void selectCase(const std::string& caseId);
    /// The first case in the shown order that still waits for a decision, other than `skip`;
    /// empty if there is none.
    std::string nextCaseId(const std::string& skip) const;

    WorkQueueModel& model() { return *model_; }
    QTableView& view() { return *view_; }

signals:
    void caseActivated(const QString& caseId);

private:
    core::CaseQuery currentQuery() const;
    std::string selectedCaseId() const;

    core::Service& service_;
    const core::Session* session_ = nullptr;
    WorkQueueModel* model_ = nullptr;
    QTableView* view_ = nullptr;
    QComboBox* statusFilter_ = nullptr;
    QComboBox* levelFilter_ = nullptr;
    QLabel* summary_ = nullptr;
};

} // namespace prescreen::ui
