#pragma once
// The risk dock's chart: one horizontal bar per factor that fired, its length the points it adds
// to (red) or takes from (green) the score, so the officer sees at a glance what drives it.

#include <prescreen/core/model.h>

#include <QChartView>
#include <QStringList>

#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;

namespace prescreen::ui {

class RiskChart : public QChartView {
    Q_OBJECT

public:
    explicit RiskChart(QWidget* parent = nullptr);

    /// One bar per factor, in the assessment's order (top to bottom). No factors: empty.
    void setFactors(const std::vector<core::RiskFactor>& factors);
    void clear() { setFactors({}); }

    /// The bars as drawn, top to bottom: label and signed points (for tests and tooltips).
    QStringList labels() const;
    std::vector<double> points() const;

private:
    QHorizontalStackedBarSeries* series_ = nullptr;
    QBarSet* added_ = nullptr;   ///< points that raise the score
    QBarSet* removed_ = nullptr; ///< points that lower it (negative)
    QBarCategoryAxis* factorAxis_ = nullptr;
    QValueAxis* pointsAxis_ = nullptr;
};

} // namespace prescreen::ui
