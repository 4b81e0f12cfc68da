#pragma once
// The work queue as a table: one row per case the officer may see, columns risk (level and
// score), cargo control number, mode, origin, age and status. Rows are plain values converted
// once when the queue is loaded, so data() and sort() never touch the database: 100,000 rows
// load in a fraction of a second and sort in milliseconds.

#include <prescreen/core/model.h>

#include <QAbstractTableModel>

#include <cstdint>
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

    explicit WorkQueueModel(QObject* parent = nullptr);

    /// Replaces every row (one model reset), then applies the current sort. Cases come from
    /// core::Service::queue; ages are measured from their creation time to now.
    void setCases(const std::vector<core::Case>& cases);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    /// Stable: equal keys keep the queue's order (highest risk, then oldest).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// Tells views that the ages moved on (they are measured against the clock when shown).
    void refreshAges();

    std::string caseIdAt(int row) const;
    core::CaseStatus statusAt(int row) const;
    /// The row of a case, or -1.
    int rowOf(const std::string& caseId) const;

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

    void applySort();

    std::vector<Row> rows_;
    int sortColumn_ = RiskColumn;
    Qt::SortOrder sortOrder_ = Qt::DescendingOrder;
};

} // namespace prescreen::ui
