#pragma once
// A small panel floating over the scan's top-right corner that shows the selected mark's
// category and note and lets its author change them. It never takes the keyboard or blocks
// the image: the officer clicks into it when they want to, and it hides when nothing is
// selected. Changes are announced; the controller turns them into undoable commands.

#include <prescreen/core/model.h>

#include <QFrame>

class QComboBox;
class QLabel;
class QLineEdit;

namespace prescreen::ui {

class AnnotationEditor : public QFrame {
    Q_OBJECT

public:
    /// Floats over `host` (the scan view), following its size.
    explicit AnnotationEditor(QWidget* host);

    /// Shows a mark; `author` is the author's name, `editable` whether it may be changed here.
    void showMark(const core::Annotation& mark, const QString& author, bool editable);
    /// Nothing selected.
    void hideMark();
    /// The id of the mark shown (empty when hidden).
    const QString& markId() const { return markId_; }

signals:
    /// The officer chose a category or finished typing a note (core identifiers, UTF-8 note).
    void detailsEdited(const QString& id, const QString& category, const QString& note);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void place();
    void commit();

    QWidget* host_;
    QString markId_;
    QLabel* title_ = nullptr;
    QComboBox* category_ = nullptr;
    QLineEdit* note_ = nullptr;
    QString shownCategory_;
    QString shownNote_;
};

} // namespace prescreen::ui
