#pragma once
// Keys in an input field stay in the field: while a field (note, comment, reason list) has the
// keyboard, the workstation's single-key shortcuts (R release, F refer, G grey, B box…) neither
// act nor get lost; Enter and Escape leave the field for a "home" widget (the scan view), so the
// next single key is a shortcut again and never types into the field unexpectedly.

#include <QObject>
#include <QPointer>

class QWidget;

namespace prescreen::ui {

class FieldKeys : public QObject {
    Q_OBJECT

public:
    /// Guards `field` (owned by it); Enter and Escape give the focus to `home` when set.
    static FieldKeys* install(QWidget* field, QWidget* home = nullptr);
    void setHome(QWidget* home) { home_ = home; }

signals:
    /// Enter or Escape was pressed in the field, before the focus leaves it.
    void leaving(bool escape);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit FieldKeys(QWidget* field);
    QPointer<QWidget> home_;
};

} // namespace prescreen::ui
