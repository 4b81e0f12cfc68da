#pragma once
// The work queue as a table: one row per case the officer may see, columns risk (level and
// score), cargo control number, mode, origin, age and status. Rows arrive in pages from core
// (keyset paging: CaseQuery::after + limit), fetched as the view scrolls, so a queue of any size
// opens at once; sorting is a new core query in the order core offers, never an in-memory sort.
// data() never touches the database.

#include <prescreen/core/model.h>
#include <prescreen/core/service.h>

#include <QAbstractTableModel>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace prescreen::ui {

class WorkQueueModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        RiskColumn,
        CargoControlColumn,
        ModeColumn,
        OriginColumn,
        AgeColumn,
        StatusColumn,
        ColumnCount
    };
    static constexpr int CaseIdRole = Qt::UserRole + 1; ///< the case's id (QString)
    static constexpr int kPageSize = 200;               ///< cases per fetch

    /// One page of the queue: up to `limit` cases in `sort` order after `after` (none: from the
    /// start). Typically core::Service::queue with the panel's filters. May throw
    /// prescreen::Error; the model then stops fetching and emits loadFailed.
    using PageSource = std::function<std::vector<core::Case>(
        core::CaseQuery::Sort sort, const std::optional<core::Case>& after, int limit)>;

    explicit WorkQueueModel(QObject* parent = nullptr);

    /// Where pages come from; loads the first page in the current sort. An empty source empties
    /// the model.
    void setSource(PageSource source);
    /// Loads the queue again from the start (filters may have changed), at least `minimumRows`
    /// rows in one query so a refresh keeps the rows the officer had scrolled to.
    void reload(int minimumRows = 0);
    /// Shows exactly these cases, in this order, with no source behind them (no more pages, no
    /// sorting). Ages are measured from their creation time to now.
    void setCases(const std::vector<core::Case>& cases);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    /// Reloads in the core order matching the column: risk (highest first), cargo control
    /// number (ascending), age (oldest or newest first). Other columns and orders keep or adapt
    /// the current order; sortChanged tells which order is shown.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return sortColumn_; }
    Qt::SortOrder sortOrder() const { return sortOrder_; }
    core::CaseQuery::Sort coreSort() const { return coreSort_; }
    /// The core order for a header column and order, or nullopt when core has none for it.
    static std::optional<core::CaseQuery::Sort> coreSortFor(int column, Qt::SortOrder order);

    /// Tells views that the ages moved on (they are measured against the clock when shown).
    void refreshAges();

    std::string caseIdAt(int row) const;
    core::CaseStatus statusAt(int row) const;
    /// The row of a loaded case, or -1.
    int rowOf(const std::string& caseId) const;
    /// True once the last page has arrived (or there is no source).
    bool isComplete() const { return !source_ || exhausted_; }

signals:
    /// The order shown after a sort request (column and direction for the header).
    void sortChanged(int column, Qt::SortOrder order);
    /// A page could not be loaded: core's reason.
    void loadFailed(const QString& message);

private:
    struct Row {
        std::string id;
        QString cargoControlNumber;
        QString origin;
        core::TransportMode mode = core::TransportMode::Courier;
        core::CaseStatus status = core::CaseStatus::Queued;
        core::RiskLevel level = core::RiskLevel::Low;
        int score = 0;
        std::int64_t createdMs = 0; ///< Unix time of creation, milliseconds; 0 when unknown
    };

    static Row toRow(const core::Case& item);
    /// One query; on failure emits loadFailed and returns nullopt.
    std::optional<std::vector<core::Case>> fetchPage(const std::optional<core::Case>& after,
                                                     int limit);

    std::vector<Row> rows_;
    PageSource source_;
    std::optional<core::Case> last_; ///< the last case loaded: where the next page starts
    bool exhausted_ = true;
    int sortColumn_ = RiskColumn;
    Qt::SortOrder sortOrder_ = Qt::DescendingOrder;
    core::CaseQuery::Sort coreSort_ = core::CaseQuery::Sort::RiskDescending;
};

} // namespace prescreen::ui
