#include "json_fields.h"

#include <prescreen/error.h>
#include <prescreen/imaging/materials/calibrate.h>
#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/materials/npy.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <sstream>

namespace prescreen::imaging::materials {
namespace {

constexpr int kCurveSamples = 24;

/// R = c0 + c1 x + c2 x^2 in x = ln A_high, least squares; lower degree when the data cannot
/// support a quadratic (few points, a narrow range).
struct RatioFit {
    std::array<double, 3> c{};
    double operator()(double aHigh) const noexcept {
        const double x = std::log(aHigh);
        return c[0] + c[1] * x + c[2] * x * x;
    }
};

RatioFit fitRatio(const std::vector<const Measurement*>& points) {
    double lo = 1e300, hi = -1e300;
    for (const auto* m : points) {
        lo = std::min(lo, std::log(m->aHigh));
        hi = std::max(hi, std::log(m->aHigh));
    }
    const int degree = hi - lo < 1e-6 ? 0 : (points.size() < 6 ? 1 : 2);
    const int n = degree + 1;
    // Normal equations, solved by Gaussian elimination with partial pivoting; x is centred.
    const double centre = (lo + hi) / 2;
    std::array<std::array<double, 4>, 3> a{};
    for (const auto* m : points) {
        const double x = std::log(m->aHigh) - centre;
        const double r = m->aLow / m->aHigh;
        std::array<double, 3> p = {1, x, x * x};
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < n; ++j)
                a[i][j] += p[i] * p[j];
            a[i][3] += p[i] * r;
        }
    }
    for (int col = 0; col < n; ++col) {
        int pivot = col;
        for (int row = col + 1; row < n; ++row)
            if (std::abs(a[row][col]) > std::abs(a[pivot][col]))
                pivot = row;
        std::swap(a[col], a[pivot]);
        for (int row = 0; row < n; ++row) {
            if (row == col || a[col][col] == 0)
                continue;
            const double f = a[row][col] / a[col][col];
            for (int k = col; k < 4; ++k)
                a[row][k] -= f * a[col][k];
        }
    }
    std::array<double, 3> centred{};
    for (int i = 0; i < n; ++i)
        centred[i] = a[i][i] != 0 ? a[i][3] / a[i][i] : 0;
    // Back from (x - centre) to x.
    RatioFit fit;
    fit.c[0] = centred[0] - centred[1] * centre + centred[2] * centre * centre;
    fit.c[1] = centred[1] - 2 * centred[2] * centre;
    fit.c[2] = centred[2];
    return fit;
}

MaterialClass classOfZ(double z, const FitOptions& options) {
    return z < options.organicInorganicZ ? MaterialClass::Organic
           : z < options.inorganicMetalZ ? MaterialClass::Inorganic
                                         : MaterialClass::Metal;
}

std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(decimals);
    out << value;
    return out.str();
}

struct Group {
    std::string name;
    double zEff = 0;
    std::vector<const Measurement*> points;
    RatioFit fit;
    ReferenceCurve curve;
    ReferenceFit report;
};

void check(bool ok, const std::string& what) {
    if (!ok)
        throw Error(ErrorCode::InvalidArgument, "calibrate: " + what);
}

std::vector<Group> groupMeasurements(const std::vector<Measurement>& measurements) {
    std::vector<Group> groups;
    for (std::size_t i = 0; i < measurements.size(); ++i) {
        const auto& m = measurements[i];
        const std::string at = "measurement " + std::to_string(i) + " ('" + m.material + "')";
        check(!m.material.empty(), at + " has no material name");
        check(m.aHigh > 0 && m.aLow > 0 && m.massThicknessGcm2 > 0 && m.zEff > 0 &&
                  std::isfinite(m.aHigh) && std::isfinite(m.aLow) &&
                  std::isfinite(m.massThicknessGcm2) && std::isfinite(m.zEff),
              at + ": Z, mass thickness and both attenuations must be positive and finite");
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const Group& g) { return g.name == m.material; });
        if (it == groups.end()) {
            groups.push_back({m.material, m.zEff, {}, {}, {}, {}});
            it = groups.end() - 1;
        }
        check(it->zEff == m.zEff, at + ": Z " + fixed(m.zEff, 2) + " differs from the " +
                                      fixed(it->zEff, 2) + " of the same material before");
        it->points.push_back(&m);
    }
    check(groups.size() >= 2, "needs measurements of at least two reference materials, has " +
                                  std::to_string(groups.size()));
    std::sort(groups.begin(), groups.end(),
              [](const Group& a, const Group& b) { return a.zEff < b.zEff; });
    for (std::size_t i = 0; i < groups.size(); ++i) {
        check(groups[i].points.size() >= 3, "reference '" + groups[i].name + "' has " +
                                                std::to_string(groups[i].points.size()) +
                                                " measurements; at least 3 are needed");
        if (i > 0 && groups[i].zEff <= groups[i - 1].zEff)
            check(false, "references '" + groups[i - 1].name + "' and '" + groups[i].name +
                             "' have the same Z");
    }
    return groups;
}

void fitGroup(Group& g) {
    g.fit = fitRatio(g.points);
    std::vector<double> mu;
    double lo = 1e300, hi = 0, sumSquares = 0, worst = 0;
    for (const auto* m : g.points) {
        mu.push_back(m->aHigh / m->massThicknessGcm2);
        lo = std::min(lo, m->aHigh);
        hi = std::max(hi, m->aHigh);
        const double residual = m->aLow / m->aHigh - g.fit(m->aHigh);
        sumSquares += residual * residual;
        worst = std::max(worst, std::abs(residual));
    }
    std::nth_element(mu.begin(), mu.begin() + static_cast<std::ptrdiff_t>(mu.size() / 2), mu.end());
    const double muEff = mu[mu.size() / 2]; // A_high per g/cm2, median over the measurements
    g.report = {g.name, g.zEff, static_cast<int>(g.points.size()),
                std::sqrt(sumSquares / static_cast<double>(g.points.size())), worst};
    // The curve: the fit sampled geometrically over the measured range (one sample at each end
    // when the range is a point), mass thickness A_high / mu_eff.
    g.curve = {g.name, g.zEff, {}};
    if (hi <= lo * 1.0001)
        hi = lo * 1.01;
    for (int i = 0; i < kCurveSamples; ++i) {
        const double a = lo * std::pow(hi / lo, static_cast<double>(i) / (kCurveSamples - 1));
        g.curve.samples.push_back({a / muEff, a, g.fit(a) * a});
    }
}

const Group& closestTo(const std::vector<Group>& groups, double z) {
    return *std::min_element(groups.begin(), groups.end(), [z](const Group& a, const Group& b) {
        return std::abs(a.zEff - z) < std::abs(b.zEff - z);
    });
}

} // namespace

CalibrationFit fitCalibration(const std::vector<Measurement>& measurements,
                              const FitOptions& options) {
    check(!options.profile.id.empty() && !options.profile.name.empty(),
          "the new profile needs an id and a name");
    auto groups = groupMeasurements(measurements);
    for (auto& g : groups)
        fitGroup(g);

    CalibrationFit result;
    double worst = 1e300;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        for (std::size_t j = i + 1; j < groups.size(); ++j) {
            const auto& a = groups[i];
            const auto& b = groups[j];
            if (classOfZ(a.zEff, options) == classOfZ(b.zEff, options))
                continue;
            const double noise =
                std::max(1e-4, std::hypot(a.report.rmsResidual, b.report.rmsResidual));
            int sign = 0;
            for (const auto* group : {&a, &b}) {
                for (const auto* m : group->points) {
                    const double gap = a.curve.ratioAt(m->aHigh) - b.curve.ratioAt(m->aHigh);
                    const int s = gap > 0 ? 1 : -1;
                    const std::string where = "'" + a.name + "' (Z " + fixed(a.zEff, 1) +
                                              ") and '" + b.name + "' (Z " + fixed(b.zEff, 1) +
                                              ") at A_high " + fixed(m->aHigh, 3);
                    if (sign != 0 && s != sign)
                        throw Error(ErrorCode::Unsupported,
                                    "calibrate: cannot separate the classes: the ratio curves of " +
                                        where + " cross");
                    sign = s;
                    if (std::abs(gap) / noise < worst) {
                        worst = std::abs(gap) / noise;
                        result.worstPair = where;
                    }
                }
            }
        }
    }
    check(worst < 1e300, "all references are in one class; a calibration needs two classes");
    result.worstSeparation = worst;
    if (worst < options.minSeparation)
        throw Error(ErrorCode::Unsupported,
                    "calibrate: cannot separate the classes: the ratio curves of " +
                        result.worstPair + " are only " + fixed(worst, 2) +
                        " residuals apart (at least " + fixed(options.minSeparation, 1) +
                        " needed)");

    auto& c = result.calibration;
    c.version = 1;
    c.profile = options.profile;
    double smallest = 1e300, largest = 0;
    for (const auto& m : measurements) {
        smallest = std::min(smallest, m.aHigh);
        largest = std::max(largest, m.aHigh);
    }
    c.source = "Built by prescreen-cli calibrate from " + std::to_string(measurements.size()) +
               " measurements of " + std::to_string(groups.size()) +
               " references; R = A_low / A_high fitted per reference as a quadratic in ln A_high.";
    c.airAttenuation = std::min(0.01, smallest / 2);
    c.impenetrableAttenuation = std::max(9.0, largest * 1.2);
    c.organicInorganicZ = options.organicInorganicZ;
    c.inorganicMetalZ = options.inorganicMetalZ;
    for (auto& g : groups) {
        c.references.push_back(g.curve);
        result.references.push_back(g.report);
    }
    const std::array<std::pair<MaterialClass, double>, 3> models = {
        {{MaterialClass::Organic, 0}, {MaterialClass::Inorganic, 13}, {MaterialClass::Metal, 26}}};
    for (const auto& [value, z] : models)
        c.massModels[static_cast<std::size_t>(value)] = {closestTo(groups, z).name,
                                                         options.relativeMassUncertainty};
    validateCalibration(c, "calibrate");
    for (const auto& m : measurements) {
        ++result.total;
        result.reproduced += c.classify(m.aHigh, m.aLow) == classOfZ(m.zEff, options) ? 1 : 0;
    }
    return result;
}

std::vector<Measurement> semiZMeasurements(const std::filesystem::path& folder) {
    const auto alphaH = readNpy(folder / "alpha_H_calib.npy");
    const auto alphaL = readNpy(folder / "alpha_L_calib.npy");
    const auto lambda = readNpy(folder / "lmbda_calib.npy");
    const auto z = readNpy(folder / "Z_calib.npy");
    for (const auto* array : {&alphaL, &lambda, &z}) {
        if (array->shape != alphaH.shape || alphaH.shape.size() != 2)
            throw Error(ErrorCode::BadFormat,
                        folder.string() + ": the four calibration arrays must be two-dimensional "
                                          "and of one shape (rows x references)");
    }
    std::vector<Measurement> out;
    for (std::size_t column = 0; column < alphaH.shape[1]; ++column)
        for (std::size_t row = 0; row < alphaH.shape[0]; ++row)
            out.push_back({"Z" + fixed(z.at(row, column), 0), z.at(row, column),
                           lambda.at(row, column), alphaH.at(row, column), alphaL.at(row, column)});
    return out;
}

StepWedge parseStepWedge(std::string_view jsonText, const std::filesystem::path& file) {
    const std::string where = file.string();
    const auto json = detail::parseJson(jsonText, where);
    detail::checkHeader(json, "prescreen-step-wedge", 1, where);
    StepWedge wedge;
    wedge.scan = file.parent_path() / detail::text(json, "scan", where);
    const auto& regions = detail::array(json, "regions", where);
    for (std::size_t i = 0; i < regions.size(); ++i) {
        const std::string here = where + ", regions[" + std::to_string(i) + "]";
        const auto& r = regions[i];
        const auto pixels = [&](const char* key, bool positive) {
            const double v = detail::number(r, key, here);
            if (v != std::floor(v) || v < (positive ? 1 : 0) || v > 1e6)
                detail::badField(here, std::string("'") + key + "' must be a whole number of " +
                                           "pixels" + (positive ? " above 0" : ", 0 or more"));
            return static_cast<int>(v);
        };
        wedge.regions.push_back(
            {detail::text(r, "material", here), detail::positive(r, "zEff", here),
             detail::positive(r, "massThicknessGcm2", here), pixels("x", false), pixels("y", false),
             pixels("width", true), pixels("height", true)});
    }
    return wedge;
}

std::vector<Measurement> measureStepWedge(const StepWedge& wedge, const Scan& scan) {
    const View* view = nullptr;
    for (const auto& v : scan.views)
        if (v.isDualEnergy() && view == nullptr)
            view = &v;
    if (view == nullptr)
        throw Error(ErrorCode::InvalidArgument,
                    wedge.scan.string() + ": no view has a high- and a low-energy plane");
    const auto input = dualEnergyInput(*view);
    std::vector<Measurement> out;
    for (std::size_t i = 0; i < wedge.regions.size(); ++i) {
        const auto& r = wedge.regions[i];
        if (r.x + r.width > input.high.width || r.y + r.height > input.high.height)
            throw Error(ErrorCode::InvalidArgument,
                        "step wedge region " + std::to_string(i) + " ('" + r.material +
                            "') lies outside the " + std::to_string(input.high.width) + "x" +
                            std::to_string(input.high.height) + " image");
        // Mean transmission first, then its logarithm: the mean of -ln T is biased by noise.
        double high = 0, low = 0;
        for (int y = r.y; y < r.y + r.height; ++y) {
            const auto* h = input.high.row<const std::uint16_t>(y);
            const auto* l = input.low.row<const std::uint16_t>(y);
            for (int x = r.x; x < r.x + r.width; ++x) {
                high += h[x];
                low += l[x];
            }
        }
        const double n = static_cast<double>(r.width) * r.height;
        if (!(high > 0) || !(low > 0))
            throw Error(ErrorCode::InvalidArgument,
                        "step wedge region " + std::to_string(i) + " ('" + r.material +
                            "') has no signal: too thick to calibrate with");
        out.push_back({r.material, r.zEff, r.massThicknessGcm2, -std::log(high / n / input.airHigh),
                       -std::log(low / n / input.airLow)});
    }
    return out;
}

} // namespace prescreen::imaging::materials
