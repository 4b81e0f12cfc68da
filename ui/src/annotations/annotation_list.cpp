#include "annotation_list.h"

#include "annotation_controller.h"
#include "annotation_style.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>
#include <QVBoxLayout>

namespace prescreen::ui {

AnnotationListModel::AnnotationListModel(AnnotationController& controller, QObject* parent)
    : QAbstractTableModel(parent), controller_(controller) {
    connect(&controller_, &AnnotationController::annotationsChanged, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int AnnotationListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(controller_.annotations().size());
}

int AnnotationListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AnnotationListModel::data(const QModelIndex& index, int role) const {
    const auto& marks = controller_.annotations();
    if (!index.isValid() || index.row() >= static_cast<int>(marks.size()))
        return {};
    const auto& mark = marks[static_cast<std::size_t>(index.row())];
    const bool elsewhere = mark.viewKey != controller_.viewKey();
    if (role == IdRole)
        return QString::fromStdString(mark.id);
    if (role == Qt::ToolTipRole && elsewhere)
        return tr("Drawn on another view of the scan");
    if (role == Qt::ForegroundRole && index.column() == CategoryColumn)
        return AnnotationStyle::colour(mark.category);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case CategoryColumn:
        return AnnotationStyle::category(mark.category);
    case NoteColumn:
        return QString::fromStdString(mark.note);
    case AuthorColumn:
        return controller_.authorName(mark.authorId);
    case ShapeColumn:
        return elsewhere ? tr("%1 (other view)").arg(AnnotationStyle::shape(mark.shape))
                         : AnnotationStyle::shape(mark.shape);
    default:
        return {};
    }
}

QVariant AnnotationListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CategoryColumn:
        return tr("Category");
    case NoteColumn:
        return tr("Note");
    case AuthorColumn:
        return tr("Author");
    case ShapeColumn:
        return tr("Shape");
    default:
        return {};
    }
}

int AnnotationListModel::rowOf(const QString& id) const {
    const auto& marks = controller_.annotations();
    for (std::size_t row = 0; row < marks.size(); ++row)
        if (QString::fromStdString(marks[row].id) == id)
            return static_cast<int>(row);
    return -1;
}

AnnotationListWidget::AnnotationListWidget(AnnotationController& controller, QWidget* parent)
    : QWidget(parent), controller_(controller) {
    setObjectName(QStringLiteral("AnnotationList"));
    model_ = new AnnotationListModel(controller_, this);
    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("AnnotationListView"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setSectionResizeMode(AnnotationListModel::NoteColumn,
                                                    QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_);

    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (following_ || !current.isValid())
                    return;
                controller_.select(current.data(AnnotationListModel::IdRole).toString(), true);
            });
    connect(&controller_, &AnnotationController::selectionChanged, this,
            &AnnotationListWidget::followController);
    connect(&controller_, &AnnotationController::annotationsChanged, this,
            [this] { followController(controller_.selectedId()); });
}

void AnnotationListWidget::followController(const QString& id) {
    following_ = true;
    const int row = model_->rowOf(id);
    if (row < 0)
        view_->selectionModel()->clear();
    else
        view_->selectionModel()->setCurrentIndex(
            model_->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    following_ = false;
}

} // namespace prescreen::ui
