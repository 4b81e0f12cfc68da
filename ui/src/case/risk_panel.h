#pragma once
// The risk dock's content: score and level of the open case and every factor behind them, each
// with its points and the evidence that made it fire — never a bare number — and a bar chart of
// the factors' contributions under the list.

#include <prescreen/core/model.h>

#include <QWidget>

#include <optional>

class QLabel;
class QStackedWidget;
class QVBoxLayout;

namespace prescreen::ui {

class RiskChart;

class RiskPanel : public QWidget {
    Q_OBJECT

public:
    explicit RiskPanel(QWidget* parent = nullptr);

    /// Shows an assessment; an absent one says the case was not assessed.
    void showRisk(const std::optional<core::RiskAssessment>& risk);
    void clear();

private:
    QStackedWidget* pages_ = nullptr;
    QWidget* emptyPage_ = nullptr;
    QWidget* riskPage_ = nullptr;
    QLabel* score_ = nullptr;
    QLabel* level_ = nullptr;
    QLabel* rules_ = nullptr;
    QWidget* factors_ = nullptr;
    QVBoxLayout* factorLayout_ = nullptr;
    RiskChart* chart_ = nullptr;
};

} // namespace prescreen::ui
