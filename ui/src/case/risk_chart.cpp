#include "risk_chart.h"

#include "labels.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QGraphicsLayout>
#include <QHorizontalStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace prescreen::ui {
namespace {

constexpr int kBarHeightPx = 24;   ///< per factor, so many factors stay legible
constexpr int kAxisHeightPx = 44;  ///< the points axis and margins
constexpr int kMaxLabelChars = 18; ///< longer descriptions are cut (the list above has them);
                                   ///< Qt Charts elides wider axis labels to "..." in a dock

const QColor kBackground(0x23, 0x26, 0x2b);
const QColor kAxis(0x7f, 0x86, 0x90);
const QColor kText(0xdc, 0xdf, 0xe4);

QString shortLabel(const std::string& description) {
    QString label = QString::fromStdString(description).simplified();
    if (label.size() > kMaxLabelChars)
        label = label.left(kMaxLabelChars - 1) + QChar(0x2026);
    return label;
}

} // namespace

// The chart is given at construction: QChartView::setChart would orphan (leak) a default one.
RiskChart::RiskChart(QWidget* parent) : QChartView(new QChart, parent) {
    setObjectName(QStringLiteral("RiskChart"));
    setRenderHint(QPainter::Antialiasing);
    setToolTip(tr("Points each factor adds to (red) or takes from (green) the score"));

    QChart* chart = this->chart();
    chart->legend()->hide();
    chart->setBackgroundBrush(kBackground);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(2, 2, 8, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setAnimationOptions(QChart::NoAnimation);

    added_ = new QBarSet(tr("adds"), this);
    added_->setColor(Labels::levelColour(core::RiskLevel::High));
    added_->setBorderColor(Qt::transparent);
    removed_ = new QBarSet(tr("takes away"), this);
    removed_->setColor(Labels::levelColour(core::RiskLevel::Low));
    removed_->setBorderColor(Qt::transparent);
    series_ = new QHorizontalStackedBarSeries(chart);
    series_->append(added_);
    series_->append(removed_);
    series_->setBarWidth(0.7);
    series_->setLabelsVisible(true);
    series_->setLabelsFormat(QStringLiteral("@value"));
    chart->addSeries(series_);

    factorAxis_ = new QBarCategoryAxis(chart);
    pointsAxis_ = new QValueAxis(chart);
    for (QAbstractAxis* axis : std::initializer_list<QAbstractAxis*>{factorAxis_, pointsAxis_}) {
        axis->setLabelsColor(kText);
        axis->setLinePenColor(kAxis);
        axis->setGridLineColor(QColor(kAxis.red(), kAxis.green(), kAxis.blue(), 60));
        QFont font = axis->labelsFont();
        font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.85));
        axis->setLabelsFont(font);
    }
    factorAxis_->setGridLineVisible(false);
    pointsAxis_->setLabelFormat(QStringLiteral("%+d"));
    chart->addAxis(factorAxis_, Qt::AlignLeft);
    chart->addAxis(pointsAxis_, Qt::AlignBottom);
    series_->attachAxis(factorAxis_);
    series_->attachAxis(pointsAxis_);
    clear();
}

void RiskChart::setFactors(const std::vector<core::RiskFactor>& factors) {
    added_->remove(0, added_->count());
    removed_->remove(0, removed_->count());
    factorAxis_->clear();
    // Categories run bottom-up on a vertical axis: append in reverse so the first factor is on
    // top, as in the list above.
    QStringList categories;
    double lowest = 0;
    double highest = 0;
    for (auto factor = factors.rbegin(); factor != factors.rend(); ++factor) {
        QString label = shortLabel(factor->description);
        // Categories must be unique: two factors with one description get a counter.
        for (int copy = 2; categories.contains(label); ++copy)
            label = tr("%1 (%2)").arg(shortLabel(factor->description)).arg(copy);
        categories.prepend(label);
        const double points = std::isfinite(factor->points) ? factor->points : 0.0;
        added_->append(std::max(points, 0.0));
        removed_->append(std::min(points, 0.0));
        lowest = std::min(lowest, points);
        highest = std::max(highest, points);
    }
    std::reverse(categories.begin(), categories.end());
    factorAxis_->append(categories);
    const double span = std::max(10.0, std::max(highest, -lowest));
    pointsAxis_->setRange(lowest < 0 ? -span : 0, highest > 0 || lowest >= 0 ? span : 0);
    pointsAxis_->applyNiceNumbers();
    const int count = static_cast<int>(factors.size());
    setFixedHeight(kAxisHeightPx + kBarHeightPx * std::max(count, 1));
    setVisible(count > 0);
}

QStringList RiskChart::labels() const {
    QStringList topDown = factorAxis_->categories();
    std::reverse(topDown.begin(), topDown.end());
    return topDown;
}

std::vector<double> RiskChart::points() const {
    std::vector<double> topDown;
    for (qsizetype i = added_->count() - 1; i >= 0; --i)
        topDown.push_back(added_->at(i) + removed_->at(i));
    return topDown;
}

} // namespace prescreen::ui
