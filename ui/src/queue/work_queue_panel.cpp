#include "work_queue_panel.h"

#include <prescreen/error.h>
#include <prescreen/ui/work_queue_model.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace prescreen::ui {
namespace {

// Status filter entries, in combo order.
enum StatusFilter { ToScreen, QueuedOnly, OpenOnly, DecidedOnly, AnyStatus };

} // namespace

WorkQueuePanel::WorkQueuePanel(core::Service& service, QWidget* parent)
    : QWidget(parent), service_(service) {
    statusFilter_ = new QComboBox(this);
    statusFilter_->setObjectName(QStringLiteral("StatusFilter"));
    statusFilter_->addItem(tr("To screen"), ToScreen);
    statusFilter_->addItem(tr("Queued"), QueuedOnly);
    statusFilter_->addItem(tr("Open"), OpenOnly);
    statusFilter_->addItem(tr("Decided"), DecidedOnly);
    statusFilter_->addItem(tr("All"), AnyStatus);
    statusFilter_->setToolTip(tr("Which cases to list: “To screen” is queued and open ones"));

    levelFilter_ = new QComboBox(this);
    levelFilter_->setObjectName(QStringLiteral("LevelFilter"));
    levelFilter_->addItem(tr("Any risk"), -1);
    levelFilter_->addItem(tr("Medium and high"), static_cast<int>(core::RiskLevel::Medium));
    levelFilter_->addItem(tr("High only"), static_cast<int>(core::RiskLevel::High));

    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("QueueSummary"));
    summary_->setForegroundRole(QPalette::PlaceholderText);

    model_ = new WorkQueueModel(this);
    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("WorkQueueView"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);
    view_->setTabKeyNavigation(false);
    // Fixed row heights and no content-based column sizing: cost stays per visible row.
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 8);
    auto* header = view_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setSortIndicator(WorkQueueModel::RiskColumn, Qt::DescendingOrder);
    view_->setSortingEnabled(true);
    // Wide enough for typical contents (measured once, not per row); Status takes the rest.
    const auto fits = [this](const QString& sample) {
        return view_->fontMetrics().horizontalAdvance(sample) + 14;
    };
    view_->setColumnWidth(WorkQueueModel::RiskColumn, fits(tr("100 Medium")) + 20);
    view_->setColumnWidth(WorkQueueModel::CargoControlColumn,
                          fits(QStringLiteral("8DMO00020261126")));
    view_->setColumnWidth(WorkQueueModel::ModeColumn, fits(tr("Courier")));
    view_->setColumnWidth(WorkQueueModel::OriginColumn, fits(tr("Origin")));
    view_->setColumnWidth(WorkQueueModel::AgeColumn, fits(tr("99 min")));
    connect(view_, &QTableView::activated, this, [this](const QModelIndex& index) {
        const QString id = index.data(WorkQueueModel::CaseIdRole).toString();
        if (!id.isEmpty())
            emit caseActivated(id);
    });
    // Ages are computed when shown: a repaint a minute keeps them true without a query.
    auto* ageTicker = new QTimer(this);
    connect(ageTicker, &QTimer::timeout, model_, &WorkQueueModel::refreshAges);
    ageTicker->start(60 * 1000);
    // Core decides the order: the header shows the order core actually used.
    connect(model_, &WorkQueueModel::sortChanged, this, [this](int column, Qt::SortOrder order) {
        const QSignalBlocker quiet(view_->horizontalHeader());
        view_->horizontalHeader()->setSortIndicator(column, order);
        view_->horizontalHeader()->viewport()->update();
        updateSummary();
    });
    connect(model_, &WorkQueueModel::loadFailed, this, [this](const QString& message) {
        summary_->setText(tr("The queue could not be loaded: %1").arg(message));
        loadError_ = true;
    });
    connect(model_, &QAbstractItemModel::rowsInserted, this, &WorkQueuePanel::updateSummary);
    connect(statusFilter_, &QComboBox::currentIndexChanged, this, &WorkQueuePanel::refresh);
    connect(levelFilter_, &QComboBox::currentIndexChanged, this, &WorkQueuePanel::refresh);

    auto* filters = new QHBoxLayout;
    filters->addWidget(statusFilter_, 1);
    filters->addWidget(levelFilter_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(view_, 1);
    layout->addWidget(summary_);
    updateSummary();
}

void WorkQueuePanel::setSession(const core::Session* session) {
    session_ = session;
    if (session_ == nullptr) {
        model_->setSource(nullptr);
        updateSummary();
        return;
    }
    // Pages are queried with the filters as they are when each page is fetched.
    loadError_ = false;
    model_->setSource(
        [this](core::CaseQuery::Sort sort, const std::optional<core::Case>& after, int limit) {
            core::CaseQuery query = currentQuery();
            query.sort = sort;
            query.after = after;
            query.limit = limit;
            return service_.queue(*session_, query);
        });
    if (model_->rowCount() > 0)
        view_->setCurrentIndex(model_->index(0, 0));
    updateSummary();
}

void WorkQueuePanel::updateSummary() {
    if (loadError_)
        return;
    if (session_ == nullptr)
        summary_->setText(tr("Sign in to see the work queue."));
    else if (model_->isComplete())
        summary_->setText(tr("%n case(s)", nullptr, model_->rowCount()));
    else
        summary_->setText(tr("%n case(s) loaded, more as you scroll", nullptr, model_->rowCount()));
}

core::CaseQuery WorkQueuePanel::currentQuery() const {
    core::CaseQuery query;
    switch (statusFilter_->currentData().toInt()) {
    case ToScreen:
        query.statuses = {core::CaseStatus::Queued, core::CaseStatus::Open};
        break;
    case QueuedOnly:
        query.statuses = {core::CaseStatus::Queued};
        break;
    case OpenOnly:
        query.statuses = {core::CaseStatus::Open};
        break;
    case DecidedOnly:
        query.statuses = {core::CaseStatus::Decided};
        break;
    default:
        break;
    }
    if (const int level = levelFilter_->currentData().toInt(); level >= 0)
        query.minimumLevel = static_cast<core::RiskLevel>(level);
    query.sort = core::CaseQuery::Sort::RiskDescending;
    return query;
}

void WorkQueuePanel::refresh() {
    if (session_ == nullptr) {
        updateSummary();
        return;
    }
    const std::string selected = selectedCaseId();
    loadError_ = false;
    // As many rows as were loaded, so the officer's place in a long queue survives.
    model_->reload(model_->rowCount());
    updateSummary();
    if (!selected.empty() && model_->rowOf(selected) >= 0)
        selectCase(selected);
    else if (model_->rowCount() > 0)
        view_->setCurrentIndex(model_->index(0, 0));
}

QVariantMap WorkQueuePanel::viewState() const {
    const auto* header = view_->horizontalHeader();
    return {{QStringLiteral("sortColumn"), header->sortIndicatorSection()},
            {QStringLiteral("sortOrder"), header->sortIndicatorOrder() == Qt::AscendingOrder
                                              ? QStringLiteral("ascending")
                                              : QStringLiteral("descending")},
            {QStringLiteral("status"), statusFilter_->currentData()},
            {QStringLiteral("level"), levelFilter_->currentData()}};
}

void WorkQueuePanel::setViewState(const QVariantMap& state) {
    const QSignalBlocker blockStatus(statusFilter_);
    const QSignalBlocker blockLevel(levelFilter_);
    const auto pick = [&state](QComboBox* combo, const QString& key, int fallback) {
        const int index = state.contains(key) ? combo->findData(state.value(key).toInt()) : -1;
        combo->setCurrentIndex(index >= 0 ? index : fallback);
    };
    pick(statusFilter_, QStringLiteral("status"), 0);
    pick(levelFilter_, QStringLiteral("level"), 0);
    bool ok = false;
    const int column = state.value(QStringLiteral("sortColumn")).toInt(&ok);
    const bool ascending =
        state.value(QStringLiteral("sortOrder")).toString() == QStringLiteral("ascending");
    if (ok && column >= 0 && column < WorkQueueModel::ColumnCount)
        view_->horizontalHeader()->setSortIndicator(column, ascending ? Qt::AscendingOrder
                                                                      : Qt::DescendingOrder);
    else
        view_->horizontalHeader()->setSortIndicator(WorkQueueModel::RiskColumn,
                                                    Qt::DescendingOrder);
    refresh();
}

void WorkQueuePanel::selectCase(const std::string& caseId) {
    const int row = model_->rowOf(caseId);
    if (row < 0)
        return;
    const QModelIndex index = model_->index(row, 0);
    view_->setCurrentIndex(index);
    view_->scrollTo(index);
}

std::string WorkQueuePanel::selectedCaseId() const {
    const QModelIndex current = view_->currentIndex();
    return current.isValid() ? model_->caseIdAt(current.row()) : std::string();
}

std::string WorkQueuePanel::nextCaseId(const std::string& skip) const {
    for (int row = 0; row < model_->rowCount(); ++row)
        if (model_->statusAt(row) != core::CaseStatus::Decided && model_->caseIdAt(row) != skip)
            return model_->caseIdAt(row);
    return {};
}

} // namespace prescreen::ui
