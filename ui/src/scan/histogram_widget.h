#pragma once
// A histogram of display values with the current window drawn over it (Qt Charts), for the scan
// toolbar: the officer sees where the window sits in the data and may drag its edges (or the
// band itself) to change it. Bins are counts over an even split of a value range [lo, hi).

#include <QChartView>
#include <QtGlobal>

#include <vector>

class QAreaSeries;
class QToolButton;
class QLineSeries;
class QValueAxis;

namespace prescreen::ui {

class HistogramWidget : public QChartView {
    Q_OBJECT

public:
    /// More bins than this are summed into this many for drawing (memory and time stay bounded).
    static constexpr std::size_t kMaxDrawnBins = 4096;

    explicit HistogramWidget(QWidget* parent = nullptr);

    /// Shows `bins` as counts over [lo, hi). An empty vector or a range that is not finite or
    /// not increasing clears the chart (hasHistogram() is then false).
    void setHistogram(std::vector<quint32> bins, double lo, double hi);
    void clear();
    bool hasHistogram() const { return !counts_.empty(); }

    /// The window drawn over the histogram, in the same units as lo and hi. Does not emit
    /// windowEdited. A width below minimumWindowWidth() is raised to it.
    void setWindow(double centre, double width);
    double windowCentre() const { return centre_; }
    double windowWidth() const { return width_; }
    /// The narrowest window the widget draws or reports: 1/1000 of the value range.
    double minimumWindowWidth() const;

    /// Logarithmic counts (log10(1 + n)) make small peaks visible next to a large background.
    void setLogarithmic(bool logarithmic);
    bool isLogarithmic() const { return logarithmic_; }

    /// The value at a widget x position, and back (for tests and tooltips).
    double valueAt(double x) const;
    double positionOf(double value) const;
    /// The drawn curve's highest count after the log/linear transform (0 when empty).
    double drawnPeak() const { return peak_; }

signals:
    /// The officer dragged an edge or the band: the new window (centre, width).
    void windowEdited(double centre, double width);
    void logarithmicChanged(bool logarithmic);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    enum class Drag { None, Lower, Upper, Band };

    void redrawCurve();
    void redrawWindow();
    Drag hitTest(double x) const;

    std::vector<double> counts_; ///< per drawn bin, before the log/linear transform
    std::vector<double> edges_;  ///< counts_.size() + 1 values: where each drawn bin starts/ends
    double lo_ = 0;
    double hi_ = 1;
    double centre_ = 0.5;
    double width_ = 1;
    double peak_ = 0;
    bool logarithmic_ = false;
    Drag drag_ = Drag::None;
    double dragOriginValue_ = 0;
    double dragOriginCentre_ = 0;

    QLineSeries* curve_ = nullptr;
    QLineSeries* curveBase_ = nullptr;
    QAreaSeries* area_ = nullptr;
    QLineSeries* bandTop_ = nullptr;
    QLineSeries* bandBottom_ = nullptr;
    QAreaSeries* band_ = nullptr;
    QLineSeries* lowerEdge_ = nullptr;
    QLineSeries* upperEdge_ = nullptr;
    QValueAxis* axisX_ = nullptr;
    QValueAxis* axisY_ = nullptr;
    QToolButton* logButton_ = nullptr;
};

} // namespace prescreen::ui
