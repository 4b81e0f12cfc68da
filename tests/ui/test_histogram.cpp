// The histogram under the scan toolbar: bins over a value range, the window drawn on it, the
// log/linear toggle, and dragging the window's edges and band.
#include "histogram_widget.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <catch2/catch.hpp>

#include <cmath>

using prescreen::ui::HistogramWidget;

namespace {

std::vector<quint32> ramp(std::size_t count) {
    std::vector<quint32> bins(count);
    for (std::size_t i = 0; i < count; ++i)
        bins[i] = static_cast<quint32>(i % 97) * 1000u + 1u;
    return bins;
}

void drag(QWidget* viewport, double fromX, double toX, int y) {
    const QPoint from(qRound(fromX), y);
    const QPoint to(qRound(toX), y);
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QTest::mouseMove(viewport, (from + to) / 2);
    QTest::mouseMove(viewport, to);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

} // namespace

TEST_CASE("the histogram shows bins over their range with the window", "[ui][histogram]") {
    HistogramWidget histogram;
    histogram.resize(400, 160);
    histogram.show();
    REQUIRE(QTest::qWaitForWindowExposed(&histogram));
    CHECK_FALSE(histogram.hasHistogram());

    histogram.setHistogram({10, 1000, 10, 0}, 0.0, 4000.0);
    histogram.setWindow(1500.0, 1000.0);
    REQUIRE(histogram.hasHistogram());
    CHECK(histogram.drawnPeak() == Approx(1000.0));
    CHECK(histogram.windowCentre() == Approx(1500.0));
    CHECK(histogram.windowWidth() == Approx(1000.0));
    // Value and position map back and forth across the plot, left to right.
    CHECK(histogram.positionOf(0.0) < histogram.positionOf(4000.0));
    CHECK(histogram.valueAt(histogram.positionOf(2000.0)) == Approx(2000.0).margin(20.0));

    // It is drawn: the tall bin in the curve's grey, the window band in the accent blue.
    const QImage shown = histogram.grab().toImage();
    const auto pixelsLike = [&](QRgb target, int tolerance) {
        int count = 0;
        for (int y = 0; y < shown.height(); ++y)
            for (int x = 0; x < shown.width(); ++x) {
                const QRgb p = shown.pixel(x, y);
                if (std::abs(qRed(p) - qRed(target)) <= tolerance &&
                    std::abs(qGreen(p) - qGreen(target)) <= tolerance &&
                    std::abs(qBlue(p) - qBlue(target)) <= tolerance)
                    ++count;
            }
        return count;
    };
    CHECK(pixelsLike(qRgb(0x9a, 0xa3, 0xad), 40) > 500); // the curve and its fill
    CHECK(pixelsLike(qRgb(0x3d, 0x8b, 0xd9), 30) > 50);  // the window's edges

    SECTION("the log toggle compresses counts, by API and by its button") {
        histogram.setLogarithmic(true);
        CHECK(histogram.drawnPeak() == Approx(std::log10(1001.0)));
        auto* button = histogram.findChild<QToolButton*>(QStringLiteral("HistogramLogButton"));
        REQUIRE(button != nullptr);
        CHECK(button->isChecked());
        button->click();
        CHECK_FALSE(histogram.isLogarithmic());
        CHECK(histogram.drawnPeak() == Approx(1000.0));
    }
    SECTION("a hostile range or no bins clears the chart instead of drawing nonsense") {
        histogram.setHistogram({1, 2, 3}, 5.0, 5.0);
        CHECK_FALSE(histogram.hasHistogram());
        histogram.setHistogram({1, 2, 3}, std::nan(""), 5.0);
        CHECK_FALSE(histogram.hasHistogram());
        histogram.setHistogram({}, 0.0, 1.0);
        CHECK_FALSE(histogram.hasHistogram());
        CHECK(histogram.drawnPeak() == 0.0);
    }
    SECTION("a width below the minimum is raised to it") {
        histogram.setWindow(100.0, -5.0);
        CHECK(histogram.windowWidth() == Approx(histogram.minimumWindowWidth()));
    }
}

TEST_CASE("many bins are drawn quickly, summed to a bounded number", "[ui][histogram]") {
    HistogramWidget histogram;
    histogram.resize(400, 160);
    histogram.show();
    QElapsedTimer timer;
    timer.start();
    histogram.setHistogram(ramp(4096), -1000.0, 3095.0);
    CHECK(histogram.drawnPeak() == Approx(96001.0));
    // 65,536 bins become 4,096 drawn ones of 16 summed bins each.
    histogram.setHistogram(ramp(65536), 0.0, 65536.0);
    double expectedPeak = 0;
    const auto bins = ramp(65536);
    for (std::size_t start = 0; start < bins.size(); start += 16) {
        double sum = 0;
        for (std::size_t i = start; i < start + 16; ++i)
            sum += bins[i];
        expectedPeak = std::max(expectedPeak, sum);
    }
    CHECK(histogram.drawnPeak() == Approx(expectedPeak));
    histogram.repaint();
    CHECK(timer.elapsed() < 1000);
}

TEST_CASE("dragging the window's edges and band edits the window", "[ui][histogram]") {
    HistogramWidget histogram;
    histogram.resize(500, 160);
    histogram.show();
    REQUIRE(QTest::qWaitForWindowExposed(&histogram));
    histogram.setHistogram(ramp(256), 0.0, 1000.0);
    histogram.setWindow(500.0, 200.0);
    QSignalSpy edited(&histogram, &HistogramWidget::windowEdited);
    QWidget* viewport = histogram.viewport();
    const int y = histogram.height() / 2;

    SECTION("the upper edge moves the upper end only") {
        drag(viewport, histogram.positionOf(600.0), histogram.positionOf(800.0), y);
        REQUIRE_FALSE(edited.isEmpty());
        const double centre = edited.last().at(0).toDouble();
        const double width = edited.last().at(1).toDouble();
        CHECK(centre - width / 2 == Approx(400.0).margin(5.0));
        CHECK(centre + width / 2 == Approx(800.0).margin(5.0));
        CHECK(histogram.windowWidth() == Approx(width));
    }
    SECTION("the lower edge cannot cross the upper one") {
        drag(viewport, histogram.positionOf(400.0), histogram.positionOf(900.0), y);
        REQUIRE_FALSE(edited.isEmpty());
        CHECK(histogram.windowWidth() == Approx(histogram.minimumWindowWidth()));
        CHECK(histogram.windowCentre() + histogram.windowWidth() / 2 == Approx(600.0).margin(1.0));
    }
    SECTION("the band moves the centre and keeps the width") {
        drag(viewport, histogram.positionOf(500.0), histogram.positionOf(300.0), y);
        REQUIRE_FALSE(edited.isEmpty());
        CHECK(histogram.windowCentre() == Approx(300.0).margin(5.0));
        CHECK(histogram.windowWidth() == Approx(200.0));
    }
    SECTION("a press outside the window changes nothing") {
        drag(viewport, histogram.positionOf(50.0), histogram.positionOf(150.0), y);
        CHECK(edited.isEmpty());
        CHECK(histogram.windowCentre() == Approx(500.0));
    }
}
