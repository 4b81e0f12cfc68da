#include "empty_state.h"

#include <QLabel>
#include <QVBoxLayout>

namespace prescreen::ui {

EmptyState::EmptyState(const QString& title, const QString& hint, QWidget* parent)
    : QWidget(parent) {
    title_ = new QLabel(title, this);
    title_->setObjectName(QStringLiteral("EmptyStateTitle"));
    QFont font = title_->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    title_->setFont(font);
    title_->setAlignment(Qt::AlignCenter);

    hint_ = new QLabel(hint, this);
    hint_->setAlignment(Qt::AlignCenter);
    hint_->setObjectName(QStringLiteral("EmptyStateHint"));
    hint_->setWordWrap(true);
    hint_->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(title_);
    layout->addWidget(hint_);
    layout->addStretch(1);
}

void EmptyState::setText(const QString& title, const QString& hint) {
    title_->setText(title);
    hint_->setText(hint);
}

} // namespace prescreen::ui
