// The scan view's display tools on phantom and synthetic scans: window/level by right-drag,
// every display mode, the cursor readout, the loupe, linked views, the histogram, the display
// state, and tiled rendering of a 4096 × 16384 scan.
#include "cursor_readout.h"
#include "histogram_widget.h"
#include "loupe.h"
#include "scan_histogram.h"
#include "test_scan_fixture.h"

#include <QAction>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QGraphicsPixmapItem>
#include <QLabel>
#include <QMouseEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QToolBar>
#include <catch2/catch.hpp>

#include <set>

using namespace prescreen;

namespace {

/// A panel on screen showing a scan, ready.
struct Shown {
    ui::ScanPanel panel{core::ScanCache(std::filesystem::temp_directory_path())};

    explicit Shown(std::shared_ptr<const imaging::Scan> scan, QSize size = {900, 700}) {
        panel.resize(size);
        panel.show();
        REQUIRE(QTest::qWaitForWindowExposed(&panel));
        panel.showScan(std::move(scan));
        REQUIRE(panel.isBusy());
        REQUIRE(test::waitFor([&] { return !panel.isBusy(); }));
        REQUIRE(panel.view().hasImage());
    }

    ui::ScanView& view() { return panel.view(); }

    QImage shown(ui::ScanView& scanView) {
        scanView.ensureRendered();
        for (auto* item : scanView.scene()->items())
            if (auto* pixmap = qgraphicsitem_cast<QGraphicsPixmapItem*>(item))
                return pixmap->pixmap().toImage();
        return {};
    }
    QImage shown() { return shown(view()); }

    void mouse(QEvent::Type type, QPoint at, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent event(type, at, view().viewport()->mapToGlobal(at), button, buttons,
                          Qt::NoModifier);
        QApplication::sendEvent(view().viewport(), &event);
    }
    /// Moves the cursor over the centre of image pixel (x, y).
    void hover(int x, int y) {
        const QPointF at = view().viewportTransform().map(QPointF(x + 0.5, y + 0.5));
        mouse(QEvent::MouseMove, at.toPoint(), Qt::NoButton, Qt::NoButton);
    }
    QAction* action(const char* name) {
        auto* found = panel.findChild<QAction*>(QString::fromLatin1(name));
        REQUIRE(found != nullptr);
        return found;
    }
};

double meanAbsDifference(const QImage& a, const QImage& b) {
    const QImage x = a.convertToFormat(QImage::Format_RGB888);
    const QImage y = b.convertToFormat(QImage::Format_RGB888);
    REQUIRE(x.size() == y.size());
    double sum = 0;
    for (int row = 0; row < x.height(); ++row)
        for (int i = 0; i < x.width() * 3; ++i)
            sum += std::abs(x.constScanLine(row)[i] - y.constScanLine(row)[i]);
    return sum / (3.0 * x.width() * x.height());
}

/// An interior pixel of the phantom's first object of `cls` (3 px from its box edges).
QPoint interiorOf(const imaging::materials::Phantom& phantom,
                  imaging::materials::MaterialClass cls) {
    for (const auto& object : phantom.truth.objects) {
        if (object.expectedClass() != cls)
            continue;
        const auto& ids = phantom.truth.objectIds;
        for (int y = object.box.y + 3; y < object.box.y + object.box.height - 3; ++y)
            for (int x = object.box.x + 3; x < object.box.x + object.box.width - 3; ++x) {
                bool inside = true;
                for (int dy = -3; dy <= 3 && inside; ++dy)
                    for (int dx = -3; dx <= 3 && inside; ++dx)
                        inside = ids.row<std::uint16_t>(y + dy)[x + dx] == object.id;
                if (inside)
                    return {x, y};
            }
    }
    FAIL("no interior pixel of the class");
    return {};
}

} // namespace

TEST_CASE("right-dragging changes the grey window live; auto window resets it",
          "[ui][scan][window]") {
    Shown shown(test::scanOf(test::parcelPhantom()));
    // The automatic window of the view's default scale (attenuation for the phantom's LIN data).
    const auto automatic =
        ui::ViewportRenderer::windowOf(*shown.view().preparedView(), shown.panel.settings());
    CHECK_FALSE(shown.panel.settings().window.has_value());
    const QImage before = shown.shown();
    const QPoint start = shown.view().viewport()->rect().center();

    QSignalSpy dragged(&shown.view(), &ui::ScanView::windowDragged);
    shown.mouse(QEvent::MouseButtonPress, start, Qt::RightButton, Qt::RightButton);
    shown.mouse(QEvent::MouseMove, start + QPoint(-100, 0), Qt::NoButton, Qt::RightButton);
    const QImage narrower = shown.shown(); // shown while dragging, before the release
    shown.mouse(QEvent::MouseMove, start + QPoint(-100, 60), Qt::NoButton, Qt::RightButton);
    shown.mouse(QEvent::MouseButtonRelease, start + QPoint(-100, 60), Qt::RightButton,
                Qt::NoButton);
    CHECK(dragged.count() == 2);
    const auto window = shown.panel.settings().window;
    REQUIRE(window.has_value());
    const double step = automatic.width / 400.0; // the drag span of one automatic width
    // Horizontal = width (left narrows: more contrast), vertical = centre (down raises it).
    CHECK(window->width == Approx(automatic.width - 100 * step));
    CHECK(window->center == Approx(automatic.center + 60 * step));
    CHECK(meanAbsDifference(before, narrower) > 2.0);
    CHECK(shown.panel.histogram().windowCentre() == Approx(window->center));
    CHECK(shown.panel.histogram().windowWidth() == Approx(window->width));
    // The window belongs to this scan: it is not in the state the shell keeps per officer.
    CHECK_FALSE(shown.panel.displayState().contains(QStringLiteral("windowWidth")));

    shown.action("AutoWindowAction")->trigger();
    CHECK_FALSE(shown.panel.settings().window.has_value());
    CHECK(shown.shown() == before);
}

TEST_CASE("every display mode and enhancement renders different pixels; the legend follows",
          "[ui][scan][modes]") {
    Shown shown(test::scanOf(test::parcelPhantom(2)));
    auto* legend = shown.panel.findChild<QWidget*>(QStringLiteral("MaterialLegend"));
    REQUIRE(legend != nullptr);
    std::vector<std::pair<std::string, QImage>> images;
    auto take = [&](const char* actionName, const std::string& name) {
        shown.action(actionName)->trigger();
        images.emplace_back(name, shown.shown());
        REQUIRE_FALSE(images.back().second.isNull());
    };
    take("GreyAction", "grey");
    CHECK_FALSE(legend->isVisible());
    take("MaterialAction", "material");
    CHECK(legend->isVisible());
    take("OrganicAction", "organic");
    take("InorganicAction", "inorganic");
    take("SliceAction", "slice");
    CHECK(legend->isVisible());
    // The band's controls join the toolbar while slicing.
    auto* lower = shown.panel.findChild<QWidget*>(QStringLiteral("SliceLower"));
    REQUIRE(lower != nullptr);
    bool lowerShown = false;
    for (auto* item : shown.panel.findChild<QToolBar*>()->actions())
        if (shown.panel.findChild<QToolBar*>()->widgetForAction(item) == lower)
            lowerShown = item->isVisible();
    CHECK(lowerShown);
    take("GreyAction", "grey again");
    take("InvertAction", "invert");
    shown.action("InvertAction")->trigger();
    take("ClaheAction", "clahe");
    shown.action("ClaheAction")->trigger();
    take("EdgesAction", "edges");
    shown.action("EdgesAction")->trigger();

    for (std::size_t i = 0; i < images.size(); ++i)
        for (std::size_t j = i + 1; j < images.size(); ++j) {
            INFO(images[i].first << " vs " << images[j].first);
            if (images[i].first.starts_with("grey") && images[j].first.starts_with("grey"))
                CHECK(images[i].second == images[j].second);
            else
                CHECK(meanAbsDifference(images[i].second, images[j].second) > 0.5);
        }

    // The slice band is the officer's: a narrower band paints fewer pixels.
    shown.action("SliceAction")->trigger();
    const QImage wide = shown.shown();
    const auto band =
        ui::ViewportRenderer::sliceOf(*shown.view().preparedView(), shown.panel.settings());
    shown.panel.setSlice(ui::DensityBand{band.lower, (band.lower + band.upper) / 2});
    CHECK(test::waitFor([&] { return shown.shown() != wide; }, 1000));
}

TEST_CASE("the cursor readout gives the position in mm, the energies and the material class",
          "[ui][scan][readout]") {
    const auto phantom = test::parcelPhantom(3);
    Shown shown(test::scanOf(phantom));
    QSignalSpy spy(&shown.panel, &ui::ScanPanel::cursorReadoutChanged);
    const auto spacing = phantom->truth.pixelSpacingMm;
    for (const auto cls :
         {imaging::materials::MaterialClass::Organic, imaging::materials::MaterialClass::Metal}) {
        const QPoint pixel = interiorOf(*phantom, cls);
        // Two screen pixels per scan pixel: the cursor falls on the pixel, not a neighbour.
        shown.view().setZoomAndCentre(2.0, QPointF(pixel) + QPointF(0.5, 0.5), false);
        shown.hover(pixel.x(), pixel.y());
        REQUIRE_FALSE(spy.isEmpty());
        const QString text = spy.takeLast().at(0).toString();
        INFO(text.toStdString());
        CHECK(text == shown.panel.cursorText());
        const QString x = QString::number(spacing[1] * (pixel.x() + 0.5), 'f', 1);
        const QString y = QString::number(spacing[0] * (pixel.y() + 0.5), 'f', 1);
        CHECK(text.startsWith(QStringLiteral("x %1 mm  y %2 mm").arg(x, y)));
        CHECK(text.contains(QStringLiteral("HIGH ENERGY")));
        CHECK(text.contains(QStringLiteral("LOW ENERGY")));
        CHECK(text.endsWith(ui::materialClassWord(cls)));

        const auto reading =
            ui::readAt(*shown.view().preparedView(), QPointF(pixel.x() + 0.5, pixel.y() + 0.5));
        REQUIRE(reading);
        CHECK(reading->planes.front().stored ==
              phantom->scan.views[0].planes[0].pixels.row<std::uint16_t>(pixel.y())[pixel.x()]);
        REQUIRE(reading->planes.front().attenuation);
        CHECK(*reading->planes.front().attenuation > 0.05);
    }
    // Off the image: nothing to read, and the line is cleared.
    CHECK_FALSE(ui::readAt(*shown.view().preparedView(), QPointF(-1, 5)));
    CHECK_FALSE(ui::readAt(*shown.view().preparedView(), QPointF(5, 1e9)));
}

TEST_CASE("the loupe shows the pixels under the cursor magnified three times",
          "[ui][scan][loupe]") {
    Shown shown(test::scanOf(test::parcelPhantom(4)));
    shown.view().showActualPixels();
    const QImage view = shown.shown();
    shown.action("LoupeAction")->trigger();
    const QPoint at = shown.view().viewport()->rect().center();
    shown.mouse(QEvent::MouseMove, at, Qt::NoButton, Qt::NoButton);
    const auto* loupe = shown.view().loupe();
    REQUIRE(loupe->isVisible());
    CHECK(loupe->zoom() == Approx(3 * shown.view().zoom()));
    const QImage magnified = loupe->image().convertToFormat(QImage::Format_Grayscale8);
    REQUIRE(magnified.size() == QSize(ui::Loupe::kSidePx, ui::Loupe::kSidePx));
    // At 3 × 1:1 every scan pixel is a 3 × 3 block of one value: nearest neighbour from level 0.
    // Blocks start where the sampling crosses a pixel edge: try the three phases.
    double bestUniform = 0;
    for (int phase = 0; phase < 3; ++phase) {
        int uniform = 0;
        int blocks = 0;
        for (int by = phase; by + 3 <= magnified.height(); by += 3)
            for (int bx = phase; bx + 3 <= magnified.width(); bx += 3) {
                const int v = magnified.constScanLine(by)[bx];
                bool same = true;
                for (int y = 0; y < 3; ++y)
                    for (int x = 0; x < 3; ++x)
                        same = same && magnified.constScanLine(by + y)[bx + x] == v;
                uniform += same ? 1 : 0;
                ++blocks;
            }
        bestUniform = std::max(bestUniform, static_cast<double>(uniform) / blocks);
    }
    CHECK(bestUniform > 0.9);
    // Its centre is the view's pixel under the cursor.
    QGraphicsItem* item = nullptr;
    for (auto* candidate : shown.view().scene()->items())
        if (qgraphicsitem_cast<QGraphicsPixmapItem*>(candidate) != nullptr)
            item = candidate;
    REQUIRE(item != nullptr);
    const QPointF origin = shown.view().viewportTransform().map(item->pos());
    const QPoint inView = at - QPoint(static_cast<int>(std::lround(origin.x())),
                                      static_cast<int>(std::lround(origin.y())));
    const QImage greyView = view.convertToFormat(QImage::Format_Grayscale8);
    REQUIRE(greyView.rect().contains(inView));
    const int centre = magnified.constScanLine(ui::Loupe::kSidePx / 2)[ui::Loupe::kSidePx / 2];
    CHECK(std::abs(centre - greyView.constScanLine(inView.y())[inView.x()]) <= 1);
    shown.action("LoupeAction")->trigger();
    CHECK_FALSE(loupe->isVisible());
}

TEST_CASE("the views of a scan are side by side and zoom and pan together when linked",
          "[ui][scan][linked]") {
    auto scan = std::make_shared<imaging::Scan>();
    scan->views.push_back(test::syntheticView(1600, 600, 1));
    scan->views.push_back(test::syntheticView(1600, 900, 2));
    Shown shown(scan, {1200, 700});
    REQUIRE(shown.panel.viewCount() == 2);
    auto& top = shown.panel.viewAt(0);
    auto& side = shown.panel.viewAt(1);
    REQUIRE(side.hasImage());
    QTest::qWait(20); // the layout places the second view
    CHECK(side.mapTo(&shown.panel, QPoint()).x() > top.mapTo(&shown.panel, QPoint()).x() + 100);

    top.zoomAt(3.0, QPointF(100, 120));
    top.ensureRendered();
    CHECK(side.zoom() == Approx(top.zoom()));
    // Within two screen pixels: each view rounds its scroll position to whole pixels.
    const double margin = 2.0 / top.zoom();
    CHECK(side.centre().x() == Approx(top.centre().x()).margin(margin));
    CHECK(side.centre().y() == Approx(top.centre().y()).margin(margin));
    side.horizontalScrollBar()->setValue(side.horizontalScrollBar()->value() + 150);
    side.ensureRendered();
    CHECK(top.centre().x() == Approx(side.centre().x()).margin(margin));

    shown.action("LinkViewsAction")->trigger();
    CHECK_FALSE(shown.panel.viewsLinked());
    const double sideZoom = side.zoom();
    top.zoomAt(2.0, QPointF(50, 50));
    top.ensureRendered();
    CHECK(side.zoom() == Approx(sideZoom));
    CHECK(top.zoom() == Approx(sideZoom * 2));
}

TEST_CASE("the histogram shows the visible values with the window on it", "[ui][scan][histogram]") {
    Shown shown(test::scanOf(test::parcelPhantom(5)));
    QSignalSpy spy(&shown.panel, &ui::ScanPanel::histogramChanged);
    REQUIRE(test::waitFor([&] { return shown.panel.histogram().hasHistogram(); }, 2000));
    const auto window =
        ui::ViewportRenderer::windowOf(*shown.view().preparedView(), shown.panel.settings());
    CHECK(shown.panel.histogram().windowCentre() == Approx(window.center));

    // Zoomed into the top-left corner, the histogram holds the values of that corner only.
    REQUIRE(test::waitFor([&] { return !spy.isEmpty(); }, 2000));
    const double fullSpan = spy.last().at(2).toDouble() - spy.last().at(1).toDouble();
    spy.clear();
    shown.view().setZoomAndCentre(8.0, QPointF(20, 20), false);
    shown.view().ensureRendered();
    REQUIRE(test::waitFor([&] { return !spy.isEmpty(); }, 2000));
    const double airSpan = spy.last().at(2).toDouble() - spy.last().at(1).toDouble();
    CHECK(airSpan <= fullSpan);
    const QRectF corner = shown.view().visibleImageRect();
    const auto& high = shown.view().preparedView()->view().planes.front();
    int lowest = 65535;
    int highest = 0;
    for (int y = static_cast<int>(corner.top()); y < std::ceil(corner.bottom()); ++y)
        for (int x = static_cast<int>(corner.left()); x < std::ceil(corner.right()); ++x) {
            lowest = std::min<int>(lowest, high.pixels.row<std::uint16_t>(y)[x]);
            highest = std::max<int>(highest, high.pixels.row<std::uint16_t>(y)[x]);
        }
    REQUIRE(high.rescaleSlope == 1.0);
    REQUIRE(high.rescaleIntercept == 0.0);
    // The phantom is linear transmission shown in attenuation: the histogram is in −ln T, the
    // brightest value the least attenuation.
    const auto& prepared = *shown.view().preparedView();
    REQUIRE(prepared.transmission.linear);
    const auto attenuation = [&](int v) {
        return imaging::render::storedAttenuation(high, prepared.transmission,
                                                  static_cast<std::uint16_t>(v));
    };
    CHECK(spy.last().at(1).toDouble() == Approx(attenuation(highest)));
    CHECK(spy.last().at(2).toDouble() == Approx(attenuation(lowest)).epsilon(1e-6));
    const auto bins = spy.last().at(0).value<std::vector<quint32>>();
    quint64 total = 0;
    for (auto count : bins)
        total += count;
    const QRectF visible = shown.view().visibleImageRect();
    CHECK(total ==
          static_cast<quint64>(std::ceil(visible.right()) - std::floor(visible.left())) *
              static_cast<quint64>(std::ceil(visible.bottom()) - std::floor(visible.top())));
}

TEST_CASE("the display state round-trips for the shell to keep per officer", "[ui][scan][state]") {
    ui::ScanPanel first{core::ScanCache(std::filesystem::temp_directory_path())};
    first.setMode(ui::DisplayMode::DensitySlice);
    first.setLocalContrast(true);
    first.setWindow(imaging::render::Window{30000, 5000});
    first.setSlice(ui::DensityBand{1000, 9000});
    first.setViewsLinked(false);
    const QVariantMap state = first.displayState();
    // The window and band of one scan are not kept: the next sign-in opens automatic.
    CHECK_FALSE(state.contains(QStringLiteral("windowCentre")));
    CHECK_FALSE(state.contains(QStringLiteral("sliceLower")));

    ui::ScanPanel second{core::ScanCache(std::filesystem::temp_directory_path())};
    second.setDisplayState(state);
    CHECK(second.settings().mode == ui::DisplayMode::DensitySlice);
    CHECK(second.settings().localContrast);
    CHECK_FALSE(second.settings().window.has_value());
    CHECK_FALSE(second.settings().slice.has_value());
    CHECK_FALSE(second.viewsLinked());
    CHECK(second.displayState() == state);

    // A window saved by an older version is not restored; nonsense is ignored.
    QVariantMap old = state;
    old.insert(QStringLiteral("mode"), QStringLiteral("ultraviolet"));
    old.insert(QStringLiteral("windowCentre"), 30000);
    old.insert(QStringLiteral("windowWidth"), 5000);
    second.setDisplayState(old);
    CHECK(second.settings().mode == ui::DisplayMode::DensitySlice);
    CHECK_FALSE(second.settings().window.has_value());
}

TEST_CASE("each case opens with its own automatic window unless the window is held, and the "
          "hold is shown",
          "[ui][scan][window][hold]") {
    Shown shown(test::scanOf(test::parcelPhantom()));
    auto* banner = shown.panel.findChild<QLabel*>(QStringLiteral("HeldWindowBanner"));
    REQUIRE(banner != nullptr);
    const QImage automatic = shown.shown();
    shown.panel.setWindow(imaging::render::Window{2000, 300});
    CHECK(shown.shown() != automatic);

    // The next case: its own automatic window, the manual one is gone.
    shown.panel.showScan(test::scanOf(test::parcelPhantom()));
    REQUIRE(test::waitFor([&] { return !shown.panel.isBusy(); }));
    CHECK_FALSE(shown.panel.settings().window.has_value());
    CHECK(shown.shown() == automatic);
    CHECK(banner->isHidden());

    // Held on purpose (Shift+W): kept for the next case, and the screen says so.
    shown.panel.setWindow(imaging::render::Window{2000, 300});
    shown.action("HoldWindowAction")->trigger();
    CHECK(shown.panel.windowHeld());
    shown.panel.showScan(test::scanOf(test::parcelPhantom()));
    REQUIRE(test::waitFor([&] { return !shown.panel.isBusy(); }));
    REQUIRE(shown.panel.settings().window.has_value());
    CHECK(shown.panel.settings().window->width == Approx(300));
    CHECK(banner->isVisible());
    CHECK(banner->text().contains(QStringLiteral("width 300")));
    shown.action("HoldWindowAction")->trigger();
    CHECK(banner->isHidden());
}

TEST_CASE("a 4096 x 16384 dual-energy scan renders only viewport-sized work at fit and 1:1",
          "[ui][scan][tiling]") {
    Shown shown(test::syntheticScan(16384, 4096), {1280, 800});
    auto& view = shown.view();
    REQUIRE(view.imageSize() == QSize(16384, 4096));
    auto check = [&](const char* what) {
        const QSize room = view.viewport()->size();
        REQUIRE(view.ensureRendered());
        INFO(what << " zoom " << view.zoom() << " level " << view.renderedLevel());
        const QImage image = shown.shown();
        CHECK(image.width() <= room.width());
        CHECK(image.height() <= room.height());
        // The pixels read: the visible extent at the chosen level, plus the margins.
        const double levelScale = std::ldexp(1.0, -view.renderedLevel());
        const auto source = view.renderedSource();
        const QRectF visible = view.visibleImageRect();
        CHECK(source.width <= visible.width() * levelScale + 4);
        CHECK(source.height <= visible.height() * levelScale + 4);
        CHECK(static_cast<double>(source.width) * source.height <=
              4.0 * (room.width() + 4) * (room.height() + 4));
    };
    for (const char* mode : {"GreyAction", "MaterialAction"}) {
        shown.action(mode)->trigger();
        view.fitToWindow();
        check("fit");
        CHECK(view.renderedLevel() >= 3);
        view.showActualPixels();
        check("1:1");
        CHECK(view.renderedLevel() == 0);
        view.setZoomAndCentre(1.0, QPointF(16000, 4000), false);
        check("1:1 at the far corner");
    }
}

TEST_CASE("a cargo scan opens in attenuation; H shows HDR, Q smooths, the state keeps both",
          "[ui][scan][cargo]") {
    imaging::materials::PhantomOptions options;
    options.kind = imaging::materials::PhantomKind::Cargo;
    options.seed = 2;
    options.width = 1700;
    options.height = 520;
    const auto phantom =
        std::make_shared<imaging::materials::Phantom>(imaging::materials::generatePhantom(options));
    Shown shown(test::scanOf(phantom));
    const auto& prepared = *shown.view().preparedView();
    REQUIRE(prepared.transmission.linear);
    CHECK(prepared.scaleOf(shown.panel.settings()) == imaging::render::DisplayScale::Attenuation);
    CHECK(prepared.toneMap.tilesX() > 0);
    const QImage attenuation = shown.shown();

    shown.action("HdrAction")->trigger();
    CHECK(shown.panel.settings().scale == imaging::render::DisplayScale::Hdr);
    const QImage hdr = shown.shown();
    CHECK(meanAbsDifference(attenuation, hdr) > 2.0);
    CHECK(shown.panel.displayState().value(QStringLiteral("scale")).toString() ==
          QStringLiteral("hdr"));

    shown.action("SmoothAction")->trigger();
    CHECK(shown.panel.settings().smooth);
    CHECK(meanAbsDifference(hdr, shown.shown()) > 0.0);

    // The state round-trips; H again returns to the default (attenuation).
    const QVariantMap state = shown.panel.displayState();
    shown.action("HdrAction")->trigger();
    shown.action("SmoothAction")->trigger();
    CHECK_FALSE(shown.panel.settings().scale.has_value());
    CHECK(meanAbsDifference(attenuation, shown.shown()) == 0.0);
    shown.panel.setDisplayState(state);
    CHECK(shown.panel.settings().scale == imaging::render::DisplayScale::Hdr);
    CHECK(shown.panel.settings().smooth);
    CHECK(shown.action("HdrAction")->isChecked());

    // Material colour ignores the scale (its own physics), grey comes back in HDR.
    shown.action("MaterialAction")->trigger();
    CHECK(prepared.scaleOf(shown.panel.settings()) == imaging::render::DisplayScale::Linear);
}

TEST_CASE("the window drag scales to the current window, Shift is finer, values are typed, V "
          "windows what is visible",
          "[ui][scan][window][fine]") {
    Shown shown(test::scanOf(test::parcelPhantom()));
    const QPoint start = shown.view().viewport()->rect().center();
    auto drag = [&](QPoint by, Qt::KeyboardModifiers modifiers) {
        auto send = [&](QEvent::Type type, QPoint at, Qt::MouseButton button,
                        Qt::MouseButtons buttons) {
            QMouseEvent event(type, at, shown.view().viewport()->mapToGlobal(at), button, buttons,
                              modifiers);
            QApplication::sendEvent(shown.view().viewport(), &event);
        };
        send(QEvent::MouseButtonPress, start, Qt::RightButton, Qt::RightButton);
        send(QEvent::MouseMove, start + by, Qt::NoButton, Qt::RightButton);
        send(QEvent::MouseButtonRelease, start + by, Qt::RightButton, Qt::NoButton);
    };
    // A narrow window: one pixel of drag is 1/400 of it, not of the automatic width.
    shown.panel.setWindow(imaging::render::Window{1000, 400});
    drag({-100, 40}, Qt::NoModifier);
    REQUIRE(shown.panel.settings().window.has_value());
    CHECK(shown.panel.settings().window->width == Approx(300));
    CHECK(shown.panel.settings().window->center == Approx(1040));
    // Shift: ten times finer.
    shown.panel.setWindow(imaging::render::Window{1000, 400});
    drag({-100, 40}, Qt::ShiftModifier);
    CHECK(shown.panel.settings().window->width == Approx(390));
    CHECK(shown.panel.settings().window->center == Approx(1004));

    // The values are shown, and typed ones apply.
    auto* centre = shown.panel.findChild<QDoubleSpinBox*>(QStringLiteral("WindowCentre"));
    auto* width = shown.panel.findChild<QDoubleSpinBox*>(QStringLiteral("WindowWidth"));
    REQUIRE(centre != nullptr);
    REQUIRE(width != nullptr);
    CHECK(centre->value() == Approx(1004));
    CHECK(width->value() == Approx(390));
    width->setValue(1234);
    CHECK(shown.panel.settings().window->width == Approx(1234));
    CHECK(shown.panel.settings().window->center == Approx(1004));

    // V: the window of what is visible, inside the visible values' range.
    shown.panel.setWindow(std::nullopt);
    shown.view().zoomAt(4.0, QPointF(start));
    shown.action("VisibleWindowAction")->trigger();
    REQUIRE(shown.panel.settings().window.has_value());
    const auto visible =
        ui::visibleHistogram(*shown.view().preparedView(), shown.view().visibleImageRect(),
                             std::max(shown.view().renderedLevel(), 0));
    const auto window = *shown.panel.settings().window;
    CHECK(window.center - window.width / 2 >= visible.lo - 1e-6);
    CHECK(window.center + window.width / 2 <= visible.hi + 1e-6);
    CHECK(window.width < visible.hi - visible.lo + 1e-6);
}
