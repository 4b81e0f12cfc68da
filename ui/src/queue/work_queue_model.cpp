#include "labels.h"

#include <prescreen/core/time.h>
#include <prescreen/error.h>
#include <prescreen/ui/work_queue_model.h>

#include <QDateTime>

#include <algorithm>
#include <chrono>

namespace prescreen::ui {
namespace {

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

WorkQueueModel::Row WorkQueueModel::toRow(const core::Case& item) {
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
    return row;
}

void WorkQueueModel::setCases(const std::vector<core::Case>& cases) {
    beginResetModel();
    source_ = nullptr;
    last_.reset();
    exhausted_ = true;
    rows_.clear();
    rows_.reserve(cases.size());
    for (const auto& item : cases)
        rows_.push_back(toRow(item));
    endResetModel();
}

void WorkQueueModel::setSource(PageSource source) {
    source_ = std::move(source);
    reload();
}

std::optional<std::vector<core::Case>>
WorkQueueModel::fetchPage(const std::optional<core::Case>& after, int limit) {
    try {
        return source_(coreSort_, after, limit);
    } catch (const Error& error) {
        emit loadFailed(QString::fromUtf8(error.what()));
    } catch (const std::exception& error) {
        emit loadFailed(QString::fromUtf8(error.what()));
    }
    return std::nullopt;
}

void WorkQueueModel::reload(int minimumRows) {
    std::vector<core::Case> page;
    const int limit = std::max(kPageSize, minimumRows);
    bool failed = false;
    if (source_) {
        auto fetched = fetchPage(std::nullopt, limit);
        failed = !fetched;
        if (fetched)
            page = std::move(*fetched);
    }
    beginResetModel();
    rows_.clear();
    rows_.reserve(page.size());
    for (const auto& item : page)
        rows_.push_back(toRow(item));
    last_ = page.empty() ? std::nullopt : std::optional<core::Case>(page.back());
    exhausted_ = !source_ || failed || static_cast<int>(page.size()) < limit;
    endResetModel();
}

bool WorkQueueModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && source_ && !exhausted_;
}

void WorkQueueModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent))
        return;
    auto page = fetchPage(last_, kPageSize);
    if (!page || static_cast<int>(page->size()) < kPageSize)
        exhausted_ = true;
    if (!page || page->empty())
        return;
    const int first = static_cast<int>(rows_.size());
    beginInsertRows({}, first, first + static_cast<int>(page->size()) - 1);
    for (const auto& item : *page)
        rows_.push_back(toRow(item));
    last_ = page->back();
    endInsertRows();
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

std::optional<core::CaseQuery::Sort> WorkQueueModel::coreSortFor(int column, Qt::SortOrder order) {
    using Sort = core::CaseQuery::Sort;
    switch (column) {
    case RiskColumn:
        if (order == Qt::DescendingOrder)
            return Sort::RiskDescending;
        return std::nullopt;
    case CargoControlColumn:
        if (order == Qt::AscendingOrder)
            return Sort::CargoControlNumber;
        return std::nullopt;
    case AgeColumn: // the oldest case has the largest age
        return order == Qt::DescendingOrder ? Sort::OldestFirst : Sort::NewestFirst;
    default:
        return std::nullopt;
    }
}

void WorkQueueModel::sort(int column, Qt::SortOrder order) {
    // A direction core does not offer falls back to the one it does for that column; a column
    // it cannot order by keeps the current order.
    if (!coreSortFor(column, order)) {
        const Qt::SortOrder other =
            order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        if (coreSortFor(column, other))
            order = other;
        else {
            column = sortColumn_;
            order = sortOrder_;
        }
    }
    const auto wanted = *coreSortFor(column, order);
    const bool changed = wanted != coreSort_;
    sortColumn_ = column;
    sortOrder_ = order;
    coreSort_ = wanted;
    if (changed)
        reload();
    emit sortChanged(sortColumn_, sortOrder_);
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
