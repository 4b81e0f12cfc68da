#include "histogram_widget.h"

#include <QAreaSeries>
#include <QGraphicsLayout>
#include <QLineSeries>
#include <QMouseEvent>
#include <QToolButton>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace prescreen::ui {
namespace {

constexpr double kGrabPx = 6; ///< how near an edge (in pixels) a press grabs it

// Dark-theme colours, matching theme.cpp's palette.
const QColor kBackground(0x1a, 0x1c, 0x20);
const QColor kCurve(0x9a, 0xa3, 0xad);
const QColor kAccent(0x3d, 0x8b, 0xd9);
const QColor kAxis(0x7f, 0x86, 0x90);

QLineSeries* addLine(QChart* chart, const QColor& colour, qreal widthPx) {
    auto* series = new QLineSeries(chart);
    QPen pen(colour);
    pen.setWidthF(widthPx);
    series->setPen(pen);
    return series;
}

} // namespace

// The chart is given at construction: QChartView::setChart would orphan (leak) a default one.
HistogramWidget::HistogramWidget(QWidget* parent) : QChartView(new QChart, parent) {
    setObjectName(QStringLiteral("Histogram"));
    setRenderHint(QPainter::Antialiasing, false);
    setMinimumSize(160, 90);
    setMouseTracking(true);
    setToolTip(tr("Histogram of the scan with the display window. Drag an edge of the window "
                  "to change its width, drag the band to move it."));

    QChart* chart = this->chart();
    chart->legend()->hide();
    chart->setBackgroundBrush(kBackground);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setAnimationOptions(QChart::NoAnimation);

    curve_ = addLine(chart, kCurve, 1);
    curveBase_ = new QLineSeries(chart);
    area_ = new QAreaSeries(curve_, curveBase_);
    area_->setPen(QPen(kCurve, 1));
    area_->setBrush(QColor(kCurve.red(), kCurve.green(), kCurve.blue(), 110));
    bandTop_ = new QLineSeries(chart);
    bandBottom_ = new QLineSeries(chart);
    band_ = new QAreaSeries(bandTop_, bandBottom_);
    band_->setPen(Qt::NoPen);
    band_->setBrush(QColor(kAccent.red(), kAccent.green(), kAccent.blue(), 60));
    lowerEdge_ = addLine(chart, kAccent, 2);
    upperEdge_ = addLine(chart, kAccent, 2);

    axisX_ = new QValueAxis(chart);
    axisY_ = new QValueAxis(chart);
    for (auto* axis : {axisX_, axisY_}) {
        axis->setLabelsColor(kAxis);
        axis->setLinePenColor(kAxis);
        axis->setGridLineVisible(false);
        QFont font = axis->labelsFont();
        font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.75));
        axis->setLabelsFont(font);
    }
    axisX_->setTickCount(3);
    axisX_->setLabelFormat(QStringLiteral("%g"));
    axisY_->setLabelsVisible(false);
    axisY_->setTickCount(2);
    chart->addAxis(axisX_, Qt::AlignBottom);
    chart->addAxis(axisY_, Qt::AlignLeft);
    for (QAbstractSeries* series :
         std::initializer_list<QAbstractSeries*>{band_, area_, lowerEdge_, upperEdge_}) {
        chart->addSeries(series);
        series->attachAxis(axisX_);
        series->attachAxis(axisY_);
    }

    logButton_ = new QToolButton(this);
    logButton_->setObjectName(QStringLiteral("HistogramLogButton"));
    logButton_->setText(tr("log"));
    logButton_->setToolTip(tr("Logarithmic counts: small peaks stay visible beside a large "
                              "background"));
    logButton_->setCheckable(true);
    logButton_->setAutoRaise(true);
    connect(logButton_, &QToolButton::toggled, this, &HistogramWidget::setLogarithmic);
    clear();
}

void HistogramWidget::clear() {
    counts_.clear();
    edges_.clear();
    lo_ = 0;
    hi_ = 1;
    redrawCurve();
    redrawWindow();
}

void HistogramWidget::setHistogram(std::vector<quint32> bins, double lo, double hi) {
    if (bins.empty() || !std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo)) {
        clear();
        return;
    }
    lo_ = lo;
    hi_ = hi;
    const std::size_t group = (bins.size() + kMaxDrawnBins - 1) / kMaxDrawnBins;
    const double binWidth = (hi - lo) / static_cast<double>(bins.size());
    counts_.clear();
    edges_.clear();
    counts_.reserve(bins.size() / group + 1);
    edges_.reserve(bins.size() / group + 2);
    for (std::size_t start = 0; start < bins.size(); start += group) {
        const std::size_t end = std::min(bins.size(), start + group);
        double sum = 0;
        for (std::size_t i = start; i < end; ++i)
            sum += bins[i];
        counts_.push_back(sum);
        edges_.push_back(lo + binWidth * static_cast<double>(start));
    }
    edges_.push_back(hi);
    redrawCurve();
    redrawWindow();
}

double HistogramWidget::minimumWindowWidth() const {
    return (hi_ - lo_) / 1000.0;
}

void HistogramWidget::setWindow(double centre, double width) {
    if (!std::isfinite(centre) || !std::isfinite(width))
        return;
    centre_ = centre;
    width_ = std::max(width, minimumWindowWidth());
    redrawWindow();
}

void HistogramWidget::setLogarithmic(bool logarithmic) {
    if (logarithmic == logarithmic_)
        return;
    logarithmic_ = logarithmic;
    logButton_->setChecked(logarithmic);
    redrawCurve();
    redrawWindow();
    emit logarithmicChanged(logarithmic);
}

void HistogramWidget::redrawCurve() {
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(counts_.size() * 2));
    peak_ = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        const double y = logarithmic_ ? std::log10(1.0 + counts_[i]) : counts_[i];
        peak_ = std::max(peak_, y);
        points.append(QPointF(edges_[i], y));
        points.append(QPointF(edges_[i + 1], y));
    }
    curve_->replace(points);
    curveBase_->replace({QPointF(lo_, 0), QPointF(hi_, 0)});
    axisX_->setRange(lo_, hi_);
    axisY_->setRange(0, peak_ > 0 ? peak_ * 1.05 : 1);
}

void HistogramWidget::redrawWindow() {
    const bool shown = hasHistogram();
    const double top = axisY_->max();
    const double lower = centre_ - width_ / 2;
    const double upper = centre_ + width_ / 2;
    // The band is clipped to the histogram's range so it never widens the axis.
    const double bandLower = std::clamp(lower, lo_, hi_);
    const double bandUpper = std::clamp(upper, lo_, hi_);
    bandTop_->replace({QPointF(bandLower, top), QPointF(bandUpper, top)});
    bandBottom_->replace({QPointF(bandLower, 0), QPointF(bandUpper, 0)});
    lowerEdge_->replace({QPointF(lower, 0), QPointF(lower, top)});
    upperEdge_->replace({QPointF(upper, 0), QPointF(upper, top)});
    band_->setVisible(shown);
    lowerEdge_->setVisible(shown && lower >= lo_ && lower <= hi_);
    upperEdge_->setVisible(shown && upper >= lo_ && upper <= hi_);
}

double HistogramWidget::positionOf(double value) const {
    const QRectF plot = chart()->plotArea();
    const double x = plot.left() + (value - lo_) / (hi_ - lo_) * plot.width();
    return mapFromScene(chart()->mapToScene(QPointF(x, plot.top()))).x();
}

double HistogramWidget::valueAt(double x) const {
    const QRectF plot = chart()->plotArea();
    const double chartX = chart()->mapFromScene(mapToScene(QPoint(qRound(x), 0))).x();
    if (plot.width() <= 0)
        return lo_;
    return lo_ + (chartX - plot.left()) / plot.width() * (hi_ - lo_);
}

HistogramWidget::Drag HistogramWidget::hitTest(double x) const {
    if (!hasHistogram())
        return Drag::None;
    const double lowerX = positionOf(centre_ - width_ / 2);
    const double upperX = positionOf(centre_ + width_ / 2);
    const double toLower = std::abs(x - lowerX);
    const double toUpper = std::abs(x - upperX);
    if (std::min(toLower, toUpper) <= kGrabPx)
        return toLower <= toUpper ? Drag::Lower : Drag::Upper;
    if (x > lowerX && x < upperX)
        return Drag::Band;
    return Drag::None;
}

void HistogramWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QChartView::mousePressEvent(event);
        return;
    }
    drag_ = hitTest(event->position().x());
    dragOriginValue_ = valueAt(event->position().x());
    dragOriginCentre_ = centre_;
    event->accept();
}

void HistogramWidget::mouseMoveEvent(QMouseEvent* event) {
    const double x = event->position().x();
    if (drag_ == Drag::None) {
        const Drag over = hitTest(x);
        setCursor(over == Drag::Lower || over == Drag::Upper ? Qt::SizeHorCursor
                  : over == Drag::Band                       ? Qt::OpenHandCursor
                                                             : Qt::ArrowCursor);
        QChartView::mouseMoveEvent(event);
        return;
    }
    const double value = valueAt(x);
    double lower = centre_ - width_ / 2;
    double upper = centre_ + width_ / 2;
    const double minimum = minimumWindowWidth();
    if (drag_ == Drag::Lower)
        lower = std::min(value, upper - minimum);
    else if (drag_ == Drag::Upper)
        upper = std::max(value, lower + minimum);
    else {
        const double shift = value - dragOriginValue_;
        lower = dragOriginCentre_ + shift - width_ / 2;
        upper = dragOriginCentre_ + shift + width_ / 2;
    }
    setWindow((lower + upper) / 2, upper - lower);
    emit windowEdited(centre_, width_);
    event->accept();
}

void HistogramWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (drag_ != Drag::None) {
        drag_ = Drag::None;
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void HistogramWidget::resizeEvent(QResizeEvent* event) {
    QChartView::resizeEvent(event);
    logButton_->adjustSize();
    logButton_->move(width() - logButton_->width() - 2, 2);
}

} // namespace prescreen::ui
