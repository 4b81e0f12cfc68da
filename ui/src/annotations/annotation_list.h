#pragma once
// The open case's marks as a list for a dock: category (in its colour), note, author, shape.
// Selecting a row selects the mark on the scan and centres it; selecting a mark on the scan
// selects its row. Marks drawn on another view of the scan are listed but cannot be centred.

#include <QAbstractTableModel>
#include <QWidget>

class QTableView;

namespace prescreen::ui {

class AnnotationController;

/// Read-only rows over AnnotationController::annotations(); reset whenever they change.
class AnnotationListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { CategoryColumn, NoteColumn, AuthorColumn, ShapeColumn, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1; ///< the mark's id (QString)

    explicit AnnotationListModel(AnnotationController& controller, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    /// The row of a mark, or -1.
    int rowOf(const QString& id) const;

private:
    AnnotationController& controller_;
};

class AnnotationListWidget : public QWidget {
    Q_OBJECT

public:
    explicit AnnotationListWidget(AnnotationController& controller, QWidget* parent = nullptr);
    QTableView& view() { return *view_; }
    AnnotationListModel& model() { return *model_; }

private:
    void followController(const QString& id);

    AnnotationController& controller_;
    AnnotationListModel* model_ = nullptr;
    QTableView* view_ = nullptr;
    bool following_ = false; ///< selecting a row because the scan's selection changed
};

} // namespace prescreen::ui
