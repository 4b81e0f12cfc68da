#include <prescreen/error.h>
#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/materials/phantom.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

using namespace prescreen::imaging;
using namespace prescreen::imaging::materials;

namespace {

// Noise-free planes: left half air, right half one material slab (beam model).
struct Patch {
    Image high{PixelFormat::Gray16, 64, 32};
    Image low{PixelFormat::Gray16, 64, 32};
    DualEnergyInput input() const { return {high.view(), low.view(), 60000, 45000}; }
};

Patch patch(const char* material, double thicknessCm) {
    const auto& table = builtinMaterialTable();
    const auto& m = table.find(material);
    const Layer layer{&m, m.densityGcm3 * thicknessCm};
    const auto a = modelAttenuation(table.beam, std::span<const Layer>(&layer, 1));
    Patch p;
    for (int y = 0; y < 32; ++y) {
        for (int x = 0; x < 64; ++x) {
            const bool slab = x >= 32;
            p.high.at<std::uint16_t>(x, y) =
                static_cast<std::uint16_t>(std::lround(60000 * (slab ? std::exp(-a.high) : 1)));
            p.low.at<std::uint16_t>(x, y) =
                static_cast<std::uint16_t>(std::lround(45000 * (slab ? std::exp(-a.low) : 1)));
        }
    }
    return p;
}

std::array<std::uint8_t, 3> rgbAt(const Image& image, int x, int y) {
    const auto* p = image.row<std::uint8_t>(y) + 3 * x;
    return {p[0], p[1], p[2]};
}

} // namespace

TEST_CASE("material colours follow the screen convention", "[materials][classify]") {
    const MaterialRenderer renderer;
    const auto organic = patch("water", 10);
    const auto inorganic = patch("aluminium", 2);
    const auto metal = patch("steel", 0.5);
    const auto lead = patch("lead", 2);
    Image rgb(PixelFormat::Rgb8, 64, 32);
    Image classes(PixelFormat::Gray8, 64, 32);

    renderer.render(organic.input(), MaterialView::Colour, rgb.view());
    CHECK(rgbAt(rgb, 2, 2) == std::array<std::uint8_t, 3>{255, 255, 255});
    auto c = rgbAt(rgb, 40, 10);
    CHECK((c[0] > c[1] && c[1] > c[2])); // orange
    renderer.classMap(organic.input(), classes.view());
    CHECK(classes.at<std::uint8_t>(40, 10) == 1);
    CHECK(classes.at<std::uint8_t>(2, 10) == 0);

    renderer.render(inorganic.input(), MaterialView::Colour, rgb.view());
    c = rgbAt(rgb, 40, 10);
    CHECK((c[1] > c[0] && c[1] > c[2])); // green
    renderer.render(metal.input(), MaterialView::Colour, rgb.view());
    c = rgbAt(rgb, 40, 10);
    CHECK((c[2] > c[0] && c[2] > c[1])); // blue
    renderer.render(lead.input(), MaterialView::Colour, rgb.view());
    CHECK(rgbAt(rgb, 40, 10) == std::array<std::uint8_t, 3>{0, 0, 0});

    // Material stripping: the other classes are grey.
    renderer.render(inorganic.input(), MaterialView::OrganicOnly, rgb.view());
    c = rgbAt(rgb, 40, 10);
    CHECK((c[0] == c[1] && c[1] == c[2]));
    renderer.render(organic.input(), MaterialView::InorganicOnly, rgb.view());
    c = rgbAt(rgb, 40, 10);
    CHECK((c[0] == c[1] && c[1] == c[2]));
    renderer.render(metal.input(), MaterialView::InorganicOnly, rgb.view());
    c = rgbAt(rgb, 40, 10);
    CHECK(c[2] > c[0]);

    // Brightness follows attenuation.
    const auto thin = patch("water", 3);
    renderer.render(thin.input(), MaterialView::Colour, rgb.view());
    const auto light = rgbAt(rgb, 40, 10);
    renderer.render(organic.input(), MaterialView::Colour, rgb.view());
    CHECK(rgbAt(rgb, 40, 10)[0] < light[0]);
}

TEST_CASE("rendering a crop gives the crop of the full rendering", "[materials][classify]") {
    const auto phantom = generatePhantom({PhantomKind::Parcel, 11, 500, 300});
    const auto input = dualEnergyInput(phantom.scan.views.front());
    const MaterialRenderer renderer;
    Image full(PixelFormat::Rgb8, 500, 300);
    renderer.render(input, MaterialView::Colour, full.view());
    Image crop(PixelFormat::Rgb8, 123, 77);
    renderer.render(input.region(201, 99, 123, 77), MaterialView::Colour, crop.view());
    for (int y = 0; y < 77; ++y)
        REQUIRE(std::memcmp(crop.row<std::uint8_t>(y), full.row<std::uint8_t>(y + 99) + 3 * 201,
                            3 * 123) == 0);
    // ... and into a crop of a bigger output.
    Image canvas(PixelFormat::Rgb8, 600, 400);
    renderer.render(input.region(201, 99, 123, 77), MaterialView::Colour,
                    canvas.view().region(10, 20, 123, 77));
    CHECK(std::memcmp(canvas.row<std::uint8_t>(20) + 30, crop.row<std::uint8_t>(0), 3 * 123) == 0);
}

TEST_CASE("bad inputs give prescreen::Error, not a crash", "[materials][classify]") {
    const MaterialRenderer renderer;
    Image high(PixelFormat::Gray16, 10, 10), low(PixelFormat::Gray16, 10, 12);
    Image high8(PixelFormat::Gray8, 10, 10);
    Image rgb(PixelFormat::Rgb8, 10, 10), classes(PixelFormat::Gray8, 10, 10);
    using prescreen::Error;
    CHECK_THROWS_AS(
        renderer.render({high.view(), low.view(), 1000, 1000}, MaterialView::Colour, rgb.view()),
        Error);
    CHECK_THROWS_AS(renderer.classMap({ImageView{}, ImageView{}, 1000, 1000}, classes.view()),
                    Error);
    CHECK_THROWS_AS(renderer.classMap({high.view(), high.view(), 0, 1000}, classes.view()), Error);
    CHECK_THROWS_AS(renderer.classMap({high.view(), high.view(), 1000, NAN}, classes.view()),
                    Error);
    CHECK_THROWS_AS(renderer.classMap({high8.view(), high8.view(), 1000, 1000}, classes.view()),
                    Error);
    CHECK_THROWS_AS(renderer.classMap({high.view(), high.view(), 1000, 1000}, rgb.view()), Error);
    CHECK_NOTHROW(renderer.classMap({high.view(), high.view(), 1000, 1000}, classes.view()));
    CHECK_THROWS_AS(estimateAirValue(ImageView{}), Error);
    CHECK_THROWS_AS(estimateAirValue(high.view()), Error); // all zero: no signal
    Image grey(PixelFormat::Gray8, 10, 10);
    CHECK_THROWS_AS(renderWithoutMaterialInformation(high.view(), 0, grey.view()), Error);
    View single;
    single.planes.emplace_back();
    CHECK_THROWS_AS(dualEnergyInput(single), Error);
}

TEST_CASE("the air value is estimated when the file does not give it", "[materials][classify]") {
    auto phantom = generatePhantom({PhantomKind::Pallet, 4, 0, 0});
    auto& view = phantom.scan.views.front();
    for (auto& plane : view.planes) {
        const double truth = *plane.airValue;
        CHECK(estimateAirValue(plane.pixels.view()) == Approx(truth).epsilon(0.005));
        plane.airValue.reset();
    }
    const auto input = dualEnergyInput(view);
    CHECK(input.airHigh == Approx(phantom.truth.airHigh).epsilon(0.005));
}

TEST_CASE("single-energy planes render grey without material information", "[materials]") {
    Image plane(PixelFormat::Gray16, 4, 1);
    plane.at<std::uint16_t>(0, 0) = 50000;
    plane.at<std::uint16_t>(1, 0) = 12500;
    plane.at<std::uint16_t>(2, 0) = 0;
    plane.at<std::uint16_t>(3, 0) = 65535;
    Image grey(PixelFormat::Gray8, 4, 1);
    renderWithoutMaterialInformation(plane.view(), 50000, grey.view());
    CHECK(grey.at<std::uint8_t>(0, 0) == 255);
    CHECK(grey.at<std::uint8_t>(1, 0) == 128); // sqrt(0.25) * 255
    CHECK(grey.at<std::uint8_t>(2, 0) == 0);
    CHECK(grey.at<std::uint8_t>(3, 0) == 255);
}
