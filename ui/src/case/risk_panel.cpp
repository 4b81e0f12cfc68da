#include "risk_panel.h"

#include "empty_state.h"
#include "labels.h"
#include "risk_chart.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace prescreen::ui {
namespace {

QWidget* factorWidget(const core::RiskFactor& factor) {
    auto* widget = new QWidget;
    widget->setObjectName(QStringLiteral("RiskFactor"));
    auto* points = new QLabel(RiskPanel::tr("%1%2").arg(
        factor.points > 0 ? QStringLiteral("+") : QString(), QLocale().toString(factor.points)));
    points->setObjectName(QStringLiteral("FactorPoints"));
    points->setMinimumWidth(points->fontMetrics().horizontalAdvance(QStringLiteral("+100")));
    points->setAlignment(Qt::AlignRight | Qt::AlignTop);
    QFont bold = points->font();
    bold.setBold(true);
    points->setFont(bold);
    QPalette palette = points->palette();
    palette.setColor(QPalette::WindowText, factor.points > 0
                                               ? Labels::levelColour(core::RiskLevel::High)
                                               : Labels::levelColour(core::RiskLevel::Low));
    points->setPalette(palette);

    auto* description = new QLabel(QString::fromStdString(factor.description));
    description->setObjectName(QStringLiteral("FactorDescription"));
    description->setFont(bold);
    description->setWordWrap(true);
    description->setToolTip(QString::fromStdString(factor.ruleId));
    auto* evidence = new QLabel(QString::fromStdString(factor.evidence));
    evidence->setObjectName(QStringLiteral("FactorEvidence"));
    evidence->setWordWrap(true);
    evidence->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(description);
    text->addWidget(evidence);
    auto* layout = new QHBoxLayout(widget);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->addWidget(points, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    return widget;
}

} // namespace

RiskPanel::RiskPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("RiskPanel"));
    pages_ = new QStackedWidget(this);
    emptyPage_ =
        new EmptyState(tr("No risk assessment"), tr("Score, level and the factors behind it."));
    pages_->addWidget(emptyPage_);

    riskPage_ = new QWidget;
    score_ = new QLabel;
    score_->setObjectName(QStringLiteral("RiskScore"));
    QFont big = score_->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    score_->setFont(big);
    level_ = new QLabel;
    level_->setObjectName(QStringLiteral("RiskLevel"));
    QFont levelFont = level_->font();
    levelFont.setPointSizeF(levelFont.pointSizeF() * 1.3);
    levelFont.setBold(true);
    level_->setFont(levelFont);
    rules_ = new QLabel;
    rules_->setForegroundRole(QPalette::PlaceholderText);

    auto* header = new QHBoxLayout;
    header->addWidget(score_);
    header->addWidget(level_);
    header->addStretch(1);
    header->addWidget(rules_, 0, Qt::AlignBottom);

    factors_ = new QWidget;
    factors_->setObjectName(QStringLiteral("RiskFactors"));
    factorLayout_ = new QVBoxLayout(factors_);
    factorLayout_->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea;
    scroll->setWidget(factors_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(riskPage_);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(header);
    layout->addWidget(scroll, 1);
    chart_ = new RiskChart;
    layout->addWidget(chart_);
    pages_->addWidget(riskPage_);

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(pages_);
}

void RiskPanel::clear() {
    while (auto* item = factorLayout_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    chart_->clear();
    pages_->setCurrentWidget(emptyPage_);
}

void RiskPanel::showRisk(const std::optional<core::RiskAssessment>& risk) {
    clear();
    if (!risk) {
        score_->setText(tr("–"));
        level_->setText(tr("Not assessed"));
        rules_->clear();
        pages_->setCurrentWidget(riskPage_);
        return;
    }
    score_->setText(QLocale().toString(risk->score));
    level_->setText(Labels::level(risk->level));
    QPalette palette = level_->palette();
    palette.setColor(QPalette::WindowText, Labels::levelColour(risk->level));
    level_->setPalette(palette);
    score_->setPalette(palette);
    rules_->setText(risk->rulesVersion.empty()
                        ? QString()
                        : tr("rules %1").arg(QString::fromStdString(risk->rulesVersion)));
    if (risk->factors.empty()) {
        auto* none = new QLabel(tr("No rule fired for this shipment."));
        none->setForegroundRole(QPalette::PlaceholderText);
        factorLayout_->addWidget(none);
    }
    for (const auto& factor : risk->factors)
        factorLayout_->addWidget(factorWidget(factor));
    factorLayout_->addStretch(1);
    chart_->setFactors(risk->factors);
    pages_->setCurrentWidget(riskPage_);
}

} // namespace prescreen::ui
