#include "empty_state.h"

#include <QLabel>
#include <QVBoxLayout>

namespace prescreen::ui {

EmptyState::EmptyState(const QString& title, const QString& hint, QWidget* parent)
    : QWidget(parent) {
    auto* titleLabel = new QLabel(title, this);
    QFont font = titleLabel->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    titleLabel->setFont(font);
    titleLabel->setAlignment(Qt::AlignCenter);

    auto* hintLabel = new QLabel(hint, this);
    hintLabel->setAlignment(Qt::AlignCenter);
    hintLabel->setWordWrap(true);
    hintLabel->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(titleLabel);
    layout->addWidget(hintLabel);
    layout->addStretch(1);
}

} // namespace prescreen::ui
