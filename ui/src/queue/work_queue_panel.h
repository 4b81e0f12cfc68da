#pragma once
// The work queue dock's content: status and risk filters over the queue table. The queue comes
// from core::Service a page at a time (one query per page as the officer scrolls, never per
// row); filters and the header's sort are core queries. Reports which case the officer opens
// with Enter or a double-click.

#include <prescreen/core/service.h>

#include <QVariantMap>
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
    /// Reloads the queue with the current filters (as many rows as were loaded); the selected
    /// case stays selected.
    void refresh();
    void selectCase(const std::string& caseId);
    /// The first loaded case in the shown order that still waits for a decision, other than
    /// `skip`; empty if there is none.
    std::string nextCaseId(const std::string& skip) const;

    /// Sort column and order and the two filters, as plain values to remember per officer.
    QVariantMap viewState() const;
    /// Applies a state from viewState() (then reloads once); unknown or bad values are ignored.
    void setViewState(const QVariantMap& state);

    WorkQueueModel& model() { return *model_; }
    QTableView& view() { return *view_; }

signals:
    void caseActivated(const QString& caseId);

private:
    core::CaseQuery currentQuery() const;
    std::string selectedCaseId() const;
    void updateSummary();

    core::Service& service_;
    const core::Session* session_ = nullptr;
    WorkQueueModel* model_ = nullptr;
    QTableView* view_ = nullptr;
    QComboBox* statusFilter_ = nullptr;
    QComboBox* levelFilter_ = nullptr;
    QLabel* summary_ = nullptr;
    bool loadError_ = false; ///< the summary shows why the queue could not be loaded
};

} // namespace prescreen::ui
