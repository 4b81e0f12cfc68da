// Against the published semiZ dual-energy cargo calibration set (Lalor & Danagoulian 2024, MIT):
// reference measurements (alpha_H, alpha_L, lambda, Z) of Z = 6, 26 and 82 at 9 / 6 MeV, one per
// detector row. A calibration built from the even rows must put the odd rows' measurements in the
// class their Z implies; here R = alpha_L / alpha_H falls with Z (pair production), the opposite
// of a 160 kV parcel scanner, and the same code must handle it.

#include "test_support.h"

#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/materials/npy.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>

using namespace prescreen::imaging::materials;

namespace {

struct SemiZ {
    NpyArray alphaH, alphaL, lambda, z;
};

SemiZ load() {
    const auto folder = prescreen::test::requireSharedData("calibration/semiZ");
    return {readNpy(folder / "alpha_H_calib.npy"), readNpy(folder / "alpha_L_calib.npy"),
            readNpy(folder / "lmbda_calib.npy"), readNpy(folder / "Z_calib.npy")};
}

// One reference curve per column from the rows with row % 2 == parity, sorted by alpha_H;
// a sample that does not raise both alpha_H and lambda is dropped (the rows differ in spectrum,
// not only thickness, so the curve is a spectral family rather than a thickness series).
Calibration calibrationFrom(const SemiZ& d, std::size_t parity) {
    Calibration c;
    c.version = 1;
    c.source = "semiZ";
    c.airAttenuation = 0.01;
    c.impenetrableAttenuation = 100;
    for (std::size_t column = 0; column < d.z.shape[1]; ++column) {
        ReferenceCurve curve{
            "Z" + std::to_string(static_cast<int>(d.z.at(0, column))), d.z.at(0, column), {}};
        std::vector<CalibrationSample> all;
        for (std::size_t row = parity; row < d.z.shape[0]; row += 2)
            all.push_back(
                {d.lambda.at(row, column), d.alphaH.at(row, column), d.alphaL.at(row, column)});
        std::sort(all.begin(), all.end(),
                  [](const auto& a, const auto& b) { return a.aHigh < b.aHigh; });
        for (const auto& s : all) {
            if (curve.samples.empty() ||
                (s.aHigh > curve.samples.back().aHigh &&
                 s.massThicknessGcm2 > curve.samples.back().massThicknessGcm2))
                curve.samples.push_back(s);
        }
        c.references.push_back(curve);
    }
    c.massModels[1] = {c.references[0].name, 0.1};
    c.massModels[2] = {c.references[1].name, 0.1};
    c.massModels[3] = {c.references[1].name, 0.1};
    validateCalibration(c, "semiZ");
    return c;
}

MaterialClass classOfZ(double z) {
    return z < 10 ? MaterialClass::Organic
                  : (z < 18 ? MaterialClass::Inorganic : MaterialClass::Metal);
}

} // namespace

TEST_CASE("semiZ arrays parse with their declared shapes and types", "[materials][semiz]") {
    const auto d = load();
    CHECK(d.alphaH.shape == std::vector<std::size_t>{100, 3});
    CHECK(d.z.shape == std::vector<std::size_t>{100, 3});
    CHECK(d.z.at(0, 0) == 6); // int64 in the file
    CHECK(d.z.at(0, 2) == 82);
    CHECK(d.lambda.at(0, 0) == Approx(100.0003).epsilon(1e-6));
}

TEST_CASE("a calibration from semiZ classifies held-out reference measurements by their Z",
          "[materials][semiz]") {
    const auto d = load();
    for (const std::size_t parity : {0u, 1u}) {
        const auto calibration = calibrationFrom(d, parity);
        CHECK(calibration.boundaryRatio(18, 4.0) < calibration.boundaryRatio(10, 4.0)); // MeV
        const MaterialRenderer renderer(calibration);
        int right = 0, total = 0;
        for (std::size_t row = 1 - parity; row < d.z.shape[0]; row += 2) {
            for (std::size_t column = 0; column < 3; ++column) {
                const double aHigh = d.alphaH.at(row, column);
                const double aLow = d.alphaL.at(row, column);
                const auto expected = classOfZ(d.z.at(row, column));
                INFO("row " << row << " Z " << d.z.at(row, column));
                CHECK(calibration.classify(aHigh, aLow) == expected);
                right += renderer.classify(aHigh, aLow) == expected ? 1 : 0;
                ++total;
            }
        }
        // The quantised tables (1.3 % bins) may miss a few near a boundary.
        CHECK(right >= total * 95 / 100);
    }
}

TEST_CASE("the semiZ image pair classifies without error", "[materials][semiz]") {
    const auto d = load();
    const auto folder = prescreen::test::requireSharedData("calibration/semiZ");
    const auto high = readNpy(folder / "im_H.npy");
    const auto low = readNpy(folder / "im_L.npy");
    const auto calibration = calibrationFrom(d, 0);
    std::array<int, kMaterialClassCount> counts{};
    for (std::size_t i = 0; i < high.values.size(); ++i)
        ++counts[static_cast<std::size_t>(calibration.classify(high.values[i], low.values[i]))];
    std::printf("semiZ image classes: background %d organic %d inorganic %d metal %d "
                "impenetrable %d\n",
                counts[0], counts[1], counts[2], counts[3], counts[4]);
    CHECK(counts[0] == 0); // the whole image is cargo (alpha >= 0.12)
    CHECK(counts[1] + counts[2] + counts[3] == static_cast<int>(high.values.size()));
}
