#include "field_keys.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QEvent>
#include <QKeyEvent>
#include <QWidget>

namespace prescreen::ui {
namespace {

/// A key that a shortcut without Ctrl, Alt or Meta would take: letters, digits, punctuation.
bool isPlainKey(const QKeyEvent& key) {
    const auto modifiers = key.modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    return modifiers == Qt::NoModifier && !key.text().isEmpty() && key.text().at(0).isPrint();
}

bool isLeaveKey(const QKeyEvent& key) {
    const auto modifiers = key.modifiers() & ~Qt::KeypadModifier;
    return modifiers == Qt::NoModifier &&
           (key.key() == Qt::Key_Return || key.key() == Qt::Key_Enter ||
            key.key() == Qt::Key_Escape);
}

/// A combo box whose list is open handles Enter and Escape itself (choose, close).
bool popupOpen(QObject* watched) {
    auto* combo = qobject_cast<QComboBox*>(watched);
    return combo != nullptr && combo->view() != nullptr && combo->view()->isVisible();
}

} // namespace

FieldKeys::FieldKeys(QWidget* field) : QObject(field) {}

FieldKeys* FieldKeys::install(QWidget* field, QWidget* home) {
    auto* guard = new FieldKeys(field);
    guard->home_ = home;
    field->installEventFilter(guard);
    return guard;
}

bool FieldKeys::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride) {
        const auto& key = static_cast<const QKeyEvent&>(*event);
        // Accepting the override sends the key to the field as a key press: no shortcut acts.
        if (isPlainKey(key) || isLeaveKey(key)) {
            event->accept();
            return true;
        }
        return false;
    }
    if (event->type() == QEvent::KeyPress) {
        const auto& key = static_cast<const QKeyEvent&>(*event);
        if (!isLeaveKey(key) || popupOpen(watched))
            return false;
        emit leaving(key.key() == Qt::Key_Escape);
        if (home_)
            home_->setFocus(Qt::OtherFocusReason);
        else if (auto* widget = qobject_cast<QWidget*>(watched))
            widget->clearFocus();
        return true;
    }
    return false;
}

} // namespace prescreen::ui
