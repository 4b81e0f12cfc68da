#include "decision_bar.h"

#include "field_keys.h"
#include "labels.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace prescreen::ui {
namespace {

QToolButton* decisionButton(QAction* action, const QColor& colour) {
    auto* button = new QToolButton;
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setMinimumWidth(button->fontMetrics().horizontalAdvance(QStringLiteral("M")) * 9);
    button->setStyleSheet(QStringLiteral("QToolButton { background: %1; color: white; "
                                         "font-weight: bold; padding: 6px 12px; border-radius: "
                                         "3px; } QToolButton:disabled { background: #3a3d42; "
                                         "color: #7f8690; }")
                              .arg(colour.name()));
    return button;
}

void addGroup(QComboBox& combo, const QString& title, const std::vector<std::string>& codes) {
    combo.addItem(title);
    auto* model = qobject_cast<QStandardItemModel*>(combo.model());
    if (model != nullptr)
        model->item(combo.count() - 1)->setEnabled(false);
    for (const auto& code : codes) {
        combo.addItem(QStringLiteral("  ") + Labels::reason(code), QString::fromStdString(code));
        if (model != nullptr) {
            auto* item = model->item(combo.count() - 1);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setData(Qt::Unchecked, Qt::CheckStateRole);
        }
    }
}

QStandardItemModel* itemsOf(const QComboBox& combo) {
    return qobject_cast<QStandardItemModel*>(combo.model());
}

} // namespace

DecisionBar::DecisionBar(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("DecisionBar"));

    release_ = new QAction(tr("Release (R)"), this);
    release_->setObjectName(QStringLiteral("ReleaseAction"));
    release_->setShortcut(Qt::Key_R);
    release_->setToolTip(tr("Recommend release on arrival (R)"));
    connect(release_, &QAction::triggered, this,
            [this] { emit decisionRequested(core::Outcome::Release); });
    refer_ = new QAction(tr("Refer (F)"), this);
    refer_->setObjectName(QStringLiteral("ReferAction"));
    refer_->setShortcut(Qt::Key_F);
    refer_->setToolTip(tr("Refer for physical examination (F): needs a reason, and a mark on "
                          "the scan or a comment"));
    connect(refer_, &QAction::triggered, this,
            [this] { emit decisionRequested(core::Outcome::Refer); });
    confirm_ = new QAction(tr("Confirm release (Shift+R)"), this);
    confirm_->setObjectName(QStringLiteral("ConfirmReleaseAction"));
    confirm_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_R));
    confirm_->setToolTip(tr("Release a case above the site's risk level for one-key release: "
                            "the second, deliberate step (Shift+R)"));
    confirm_->setEnabled(false);
    connect(confirm_, &QAction::triggered, this, [this] {
        confirmed_ = true;
        emit decisionRequested(core::Outcome::Release);
        confirmed_ = false;
    });
    addAction(release_);
    addAction(refer_);
    addAction(confirm_);

    title_ = new QLabel;
    title_->setObjectName(QStringLiteral("CaseTitle"));
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);

    reason_ = new QComboBox;
    reason_->setObjectName(QStringLiteral("ReasonCombo"));
    reason_->addItem(tr("No reason code"), QString());
    addGroup(*reason_, tr("Refer because"), core::referReasonCodes());
    addGroup(*reason_, tr("Release because"), core::releaseReasonCodes());
    reason_->setToolTip(tr("Reason codes sent with the decision: each one chosen is ticked; "
                           "choose it again to untick it"));
    // Choosing a code ticks or unticks it; the box then shows what is ticked.
    connect(reason_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index > 0)
            toggleReason(index);
    });

    comment_ = new QLineEdit;
    comment_->setObjectName(QStringLiteral("CommentEdit"));
    comment_->setPlaceholderText(tr("Comment (a referral needs a comment or a mark on the scan)"));
    comment_->setMaxLength(4000);

    time_ = new QLabel;
    time_->setObjectName(QStringLiteral("TimeOnTask"));
    time_->setToolTip(tr("Time on task since the case was opened"));
    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("DecisionStatus"));
    status_->setWordWrap(true);

    // Row 1: what is decided and why; row 2: the outcome of the last decision, the clock and
    // the two decisions, where the hand expects them (bottom right).
    auto* details = new QHBoxLayout;
    details->addWidget(title_);
    details->addWidget(reason_);
    details->addWidget(comment_, 1);
    auto* actions = new QHBoxLayout;
    actions->addWidget(status_, 1);
    actions->addWidget(time_);
    actions->addWidget(decisionButton(release_, QColor(0x2e, 0x7d, 0x32)));
    actions->addWidget(decisionButton(refer_, QColor(0xc6, 0x28, 0x28)));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addLayout(details);
    layout->addLayout(actions);

    // R and F never act while the reason list or the comment has the keyboard.
    fieldKeys_ = {FieldKeys::install(reason_), FieldKeys::install(comment_)};

    ticker_ = new QTimer(this);
    ticker_->setInterval(1000);
    connect(ticker_, &QTimer::timeout, this, &DecisionBar::updateTime);
    clearCase();
}

void DecisionBar::startCase(const core::Case& summary, bool readOnly,
                            const QString& readOnlyReason) {
    title_->setText(QString::fromStdString(summary.cargoControlNumber));
    clearReasons();
    comment_->clear();
    for (QWidget* input : std::initializer_list<QWidget*>{reason_, comment_})
        input->setEnabled(!readOnly);
    release_->setEnabled(!readOnly);
    refer_->setEnabled(!readOnly);
    confirm_->setEnabled(false);
    if (statusIsError_ || readOnly) {
        status_->setStyleSheet(QString());
        status_->setText(readOnly ? readOnlyReason : QString());
        statusIsError_ = false;
    }
    onTask_.start();
    ticker_->start();
    updateTime();
}

void DecisionBar::clearCase() {
    title_->setText(tr("No case open"));
    for (QWidget* input : std::initializer_list<QWidget*>{reason_, comment_})
        input->setEnabled(false);
    release_->setEnabled(false);
    refer_->setEnabled(false);
    confirm_->setEnabled(false);
    comment_->clear();
    onTask_.invalidate();
    ticker_->stop();
    time_->clear();
}

void DecisionBar::setFocusHome(QWidget* home) {
    for (auto* guard : fieldKeys_)
        guard->setHome(home);
}

std::vector<std::string> DecisionBar::reasonCodes() const {
    std::vector<std::string> codes;
    const auto* items = itemsOf(*reason_);
    for (int row = 1; items != nullptr && row < reason_->count(); ++row)
        if (items->item(row)->data(Qt::CheckStateRole).toInt() == Qt::Checked)
            codes.push_back(reason_->itemData(row).toString().toStdString());
    return codes;
}

void DecisionBar::toggleReason(int index) {
    auto* items = itemsOf(*reason_);
    if (items == nullptr || reason_->itemData(index).toString().isEmpty())
        return;
    auto* item = items->item(index);
    const bool checked = item->data(Qt::CheckStateRole).toInt() == Qt::Checked;
    item->setData(checked ? Qt::Unchecked : Qt::Checked, Qt::CheckStateRole);
    updateReasonSummary();
}

void DecisionBar::clearReasons() {
    auto* items = itemsOf(*reason_);
    for (int row = 1; items != nullptr && row < reason_->count(); ++row)
        if (items->item(row)->isCheckable())
            items->item(row)->setData(Qt::Unchecked, Qt::CheckStateRole);
    updateReasonSummary();
}

void DecisionBar::updateReasonSummary() {
    QStringList names;
    for (const auto& code : reasonCodes())
        names << Labels::reason(code);
    const QSignalBlocker block(reason_);
    reason_->setItemText(0, names.isEmpty() ? tr("No reason code")
                            : names.size() == 1
                                ? names.front()
                                : tr("%n reasons: %1", nullptr, static_cast<int>(names.size()))
                                      .arg(names.join(QStringLiteral(", "))));
    reason_->setCurrentIndex(0);
}

std::string DecisionBar::comment() const {
    return comment_->text().trimmed().toStdString();
}

std::int64_t DecisionBar::timeOnTaskMs() const {
    return onTask_.isValid() ? onTask_.elapsed() : 0;
}

void DecisionBar::showSaved(const QString& message) {
    status_->setStyleSheet(QStringLiteral("color: #9ccc65;"));
    status_->setText(message);
    statusIsError_ = false;
}

void DecisionBar::showError(const QString& message) {
    status_->setStyleSheet(QStringLiteral("color: #ff8a80;"));
    status_->setText(message);
    statusIsError_ = true;
}

void DecisionBar::askReleaseConfirmation(const QString& message) {
    status_->setStyleSheet(QStringLiteral("color: #ffb300; font-weight: bold;"));
    status_->setText(message);
    statusIsError_ = true; // cleared by the next case
    confirm_->setEnabled(true);
}

void DecisionBar::updateTime() {
    const auto seconds = timeOnTaskMs() / 1000;
    time_->setText(tr("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

} // namespace prescreen::ui
