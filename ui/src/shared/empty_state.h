#pragma once
// A calm placeholder for a panel with nothing to show yet: a title and one line of guidance.

#include <QWidget>

class QLabel;

namespace prescreen::ui {

class EmptyState : public QWidget {
    Q_OBJECT

public:
    EmptyState(const QString& title, const QString& hint, QWidget* parent = nullptr);

    void setText(const QString& title, const QString& hint);

private:
    QLabel* title_ = nullptr;
    QLabel* hint_ = nullptr;
};

} // namespace prescreen::ui
