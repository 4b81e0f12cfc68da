#include "labels.h"

#include <prescreen/core/time.h>
#include <prescreen/ui/work_queue_model.h>

#include <QDateTime>

#include <algorithm>
#include <chrono>

namespace prescreen::ui {
namespace {

int levelRank(core::RiskLevel level) {
    switch (level) {
    case core::RiskLevel::High:
        return 2;
    case core::RiskLevel::Medium:
        return 1;
    case core::RiskLevel::Low:
        return 0;
    }
    return 0;
}

QString formatAge(std::int64_t createdMs) {
    if (createdMs == 0)
        return WorkQueueModel::tr("–");
    const auto minutes =
        std::max<std::int64_t>(0, (QDateTime::currentMSecsSinceEpoch() - createdMs) / 60000);
    if (minutes < 60)
        return WorkQueueModel::tr("%1 min").arg(minutes);
    if (minutes < 48 * 60)
        return WorkQueueModel::tr("%1 h").arg(minutes / 60);
    return WorkQueueModel::tr("%1 d").arg(minutes / (24 * 60));
}

} // namespace

WorkQueueModel::WorkQueueModel(QObject* parent) : QAbstractTableModel(parent) {}

void WorkQueueModel::setCases(const std::vector<core::Case>& cases) {
    beginResetModel();
    rows_.clear();
    rows_.reserve(cases.size());
    for (const auto& item : cases) {
        Row row;
        row.id = item.id;
        row.cargoControlNumber = QString::fromStdString(item.cargoControlNumber);
        row.origin = QString::fromStdString(item.origin);
        row.mode = item.mode;
        row.status = item.status;
        if (item.risk) {
            row.level = item.risk->level;
            row.score = item.risk->score;
        }
        if (const auto created = core::parseUtc(item.createdAt))
            row.createdMs =
                std::chrono::duration_cast<std::chrono::milliseconds>(created->time_since_epoch())
                    .count();
        rows_.push_back(std::move(row));
    }
    applySort();
    endResetModel();
}

int WorkQueueModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int WorkQueueModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkQueueModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(rows_.size()))
        return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    if (role == CaseIdRole)
        return QString::fromStdString(row.id);
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case RiskColumn:
            return tr("%1 %2", "risk score, level").arg(row.score).arg(Labels::level(row.level));
        case CargoControlColumn:
            return row.cargoControlNumber;
        case ModeColumn:
            return Labels::mode(row.mode);
        case OriginColumn:
            return row.origin;
        case AgeColumn:
            return formatAge(row.createdMs);
        case StatusColumn:
            return Labels::status(row.status);
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && column == RiskColumn)
        return Labels::levelColour(row.level);
    if (role == Qt::TextAlignmentRole && column == AgeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant WorkQueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RiskColumn:
        return tr("Risk");
    case CargoControlColumn:
        return tr("Cargo control no.");
    case ModeColumn:
        return tr("Mode");
    case OriginColumn:
        return tr("Origin");
    case AgeColumn:
        return tr("Age");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

void WorkQueueModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount)
        return;
    sortColumn_ = column;
    sortOrder_ = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const auto before = persistentIndexList();
    std::vector<std::string> ids;
    ids.reserve(static_cast<std::size_t>(before.size()));
    for (const auto& index : before)
        ids.push_back(rows_[static_cast<std::size_t>(index.row())].id);
    applySort();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int row = rowOf(ids[static_cast<std::size_t>(i)]);
        after.push_back(row < 0 ? QModelIndex() : index(row, before[i].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void WorkQueueModel::applySort() {
    const bool descending = sortOrder_ == Qt::DescendingOrder;
    auto ordered = [descending](const auto& a, const auto& b) {
        return descending ? b < a : a < b;
    };
    auto by = [&](auto key) {
        std::stable_sort(rows_.begin(), rows_.end(),
                         [&](const Row& a, const Row& b) { return ordered(key(a), key(b)); });
    };
    switch (sortColumn_) {
    case RiskColumn:
        by([](const Row& r) { return std::pair(levelRank(r.level), r.score); });
        break;
    case CargoControlColumn:
        by([](const Row& r) { return r.cargoControlNumber; });
        break;
    case ModeColumn:
        by([](const Row& r) { return static_cast<int>(r.mode); });
        break;
    case OriginColumn:
        by([](const Row& r) { return r.origin; });
        break;
    case AgeColumn:
        by([](const Row& r) { return -r.createdMs; });
        break;
    case StatusColumn:
        by([](const Row& r) { return static_cast<int>(r.status); });
        break;
    default:
        break;
    }
}

void WorkQueueModel::refreshAges() {
    if (!rows_.empty())
        emit dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn), {Qt::DisplayRole});
}

std::string WorkQueueModel::caseIdAt(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size())
               ? rows_[static_cast<std::size_t>(row)].id
               : std::string();
}

core::CaseStatus WorkQueueModel::statusAt(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size())
               ? rows_[static_cast<std::size_t>(row)].status
               : core::CaseStatus::Decided;
}

int WorkQueueModel::rowOf(const std::string& caseId) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == caseId)
            return static_cast<int>(i);
    return -1;
}

} // namespace prescreen::ui
