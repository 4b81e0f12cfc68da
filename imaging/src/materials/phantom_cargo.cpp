// The cargo phantom: a 40-ft sea container on a truck, side view, scanned by a 6 / 4 MeV linear
// accelerator (docs/materials.md, "Cargo phantom"). Everything is laid out in centimetres and
// rasterised row by row from a list of shapes, each adding its attenuation A = μ/ρ · ρt at the
// two energies; then photon counts are drawn from Poisson statistics.
#include "phantom_scene.h"
#include "tables.h"

#include <prescreen/error.h>
#include <prescreen/imaging/materials/phantom.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace prescreen::imaging::materials::detail {
namespace {

/// Mass attenuation at the effective energies of the two beams, cm²/g: NIST XCOM total
/// attenuation (with coherent scattering) at 2.0 MeV (6 MeV bremsstrahlung) and 1.25 MeV
/// (4 MeV bremsstrahlung), rounded. A display phantom: one effective energy per beam, no
/// beam hardening; material classification at MeV uses the calibration profiles instead.
struct CargoMaterial {
    const char* name;
    MaterialClass materialClass;
    double zEff;
    double densityGcm3;
    double muHigh, muLow;
};

constexpr CargoMaterial kSteel{"steel", MaterialClass::Metal, 26, 7.87, 0.04265, 0.05350};
constexpr CargoMaterial kLead{"lead", MaterialClass::Metal, 82, 11.35, 0.04606, 0.05876};
constexpr CargoMaterial kCopper{"copper", MaterialClass::Metal, 29, 8.96, 0.04205, 0.05222};
constexpr CargoMaterial kAluminium{"aluminium", MaterialClass::Inorganic, 13, 2.70, 0.04324,
                                   0.05496};
constexpr CargoMaterial kGlass{"glass", MaterialClass::Inorganic, 11.6, 2.5, 0.04455, 0.05670};
constexpr CargoMaterial kWater{"water", MaterialClass::Organic, 7.4, 1.0, 0.04942, 0.06323};
constexpr CargoMaterial kPaper{"paper", MaterialClass::Organic, 6.9, 0.8, 0.04790, 0.06130};
constexpr CargoMaterial kWood{"wood", MaterialClass::Organic, 6.9, 0.6, 0.04790, 0.06130};
constexpr CargoMaterial kPolyethylene{"polyethylene", MaterialClass::Organic, 5.4, 0.94, 0.05128,
                                      0.06559};
constexpr CargoMaterial kRubber{"rubber", MaterialClass::Organic, 6.0, 1.1, 0.04900, 0.06270};

/// Pallet loads: material and the range of high-energy attenuation across the container's
/// width (two pallets side by side). Most are dense: a loaded container has more than half its
/// pixels below 0.5 % transmission (A > 5.3), down to 1e-4 (A = 9.2).
struct Load {
    const CargoMaterial* material;
    double minA, maxA;
};
constexpr std::array<Load, 7> kLoads = {{{&kPaper, 5.5, 9.0},
                                         {&kWater, 6.0, 9.2},
                                         {&kGlass, 6.0, 9.2},
                                         {&kSteel, 6.0, 9.2},
                                         {&kPolyethylene, 3.5, 6.0},
                                         {&kAluminium, 5.0, 8.5},
                                         {&kWood, 4.5, 7.0}}};

constexpr double kWidthCm = 1700;   ///< the scene, left to right
constexpr double kHeightCm = 520;   ///< top to ground
constexpr double kBeamPathCm = 235; ///< the container's inside width, along the beam
constexpr double kAirHigh = 60000, kAirLow = 45000; ///< open-beam stored values
constexpr double kGain = 2.0;                       ///< stored units per detected photon
constexpr double kReadNoise = 2.0;                  ///< stored units, Gaussian

struct Shape {
    bool ellipse = false;
    double x0, y0, x1, y1; ///< pixels (continuous); an ellipse fills this box
    float aHigh, aLow;     ///< attenuation added inside
    std::uint16_t id = 0;  ///< object id painted into the truth (0: none)
};

class Layout {
public:
    Layout(int width, int height)
        : width_(width), height_(height), pxPerCmX_(width / kWidthCm),
          pxPerCmY_(height / kHeightCm) {}

    /// A box in cm of a material with the given mass thickness along the beam (g/cm²).
    void box(double x0, double y0, double x1, double y1, const CargoMaterial& m, double gcm2,
             std::uint16_t id = 0, bool ellipse = false) {
        Shape s;
        s.ellipse = ellipse;
        s.x0 = x0 * pxPerCmX_;
        s.x1 = x1 * pxPerCmX_;
        s.y0 = y0 * pxPerCmY_;
        s.y1 = y1 * pxPerCmY_;
        s.aHigh = static_cast<float>(m.muHigh * gcm2);
        s.aLow = static_cast<float>(m.muLow * gcm2);
        s.id = id;
        shapes_.push_back(s);
    }
    int px(double cm) const { return static_cast<int>(std::lround(cm * pxPerCmX_)); }
    int py(double cm) const { return static_cast<int>(std::lround(cm * pxPerCmY_)); }
    const std::vector<Shape>& shapes() const { return shapes_; }
    int width() const { return width_; }
    int height() const { return height_; }

private:
    int width_, height_;
    double pxPerCmX_, pxPerCmY_;
    std::vector<Shape> shapes_;
};

double uniform(std::mt19937_64& random, double lo, double hi) {
    return lo + (hi - lo) * (static_cast<double>(random() >> 11) * 0x1.0p-53);
}

/// Truck, chassis, wheels and the empty container (steel walls edge-on and face-on).
void layTruckAndContainer(Layout& l) {
    const double steel = kSteel.densityGcm3;
    // Tractor: cab shell, engine block (dense enough to stop the beam), fuel tank.
    l.box(30, 180, 330, 440, kSteel, 2 * 0.15 * steel);
    l.box(60, 300, 190, 420, kSteel, 40 * steel * 0.6);
    l.box(200, 380, 320, 430, kSteel, 2 * 0.3 * steel);
    l.box(200, 380, 320, 430, kWater, 60 * 0.84);
    // Chassis rails (two C-channels: webs across the beam, flanges along it) and cross members.
    l.box(30, 380, 1650, 410, kSteel, 2 * 0.8 * steel);
    l.box(30, 380, 1650, 382, kSteel, 2 * 8 * steel);
    l.box(30, 408, 1650, 410, kSteel, 2 * 8 * steel);
    for (double x = 400; x < 1600; x += 60)
        l.box(x, 382, x + 6, 408, kSteel, 200 * 0.6 * 0.3);
    // Wheels: tyres (rubber), rims and hubs, the axle end-on.
    for (const double x : {180.0, 1200.0, 1330.0, 1460.0}) {
        l.box(x - 50, 400, x + 50, 500, kRubber, 2 * 30 * 1.1, 0, true);
        l.box(x - 28, 422, x + 28, 478, kRubber, -2 * 30 * 1.1, 0, true); // the tyre's hole
        l.box(x - 28, 422, x + 28, 478, kSteel, 2 * 2 * steel, 0, true);
        l.box(x - 8, 442, x + 8, 458, kSteel, 250 * steel * 0.3, 0, true);
    }
    // Container: 12.2 m, 2.6 m high; both side walls (2 mm corrugated steel) over all of it,
    // the corrugation's slanted parts as vertical stripes every 10 cm.
    l.box(380, 120, 1600, 380, kSteel, 2 * 0.2 * steel);
    for (double x = 395; x < 1585; x += 10)
        l.box(x, 126, x + 3, 368, kSteel, 2 * 0.25 * steel);
    // Roof edge-on (dark line), top and bottom side rails, floor (plywood edge-on) and its rails.
    l.box(380, 120, 1600, 122, kSteel, kBeamPathCm * 0.2 * steel / 2);
    l.box(380, 122, 1600, 128, kSteel, 2 * 2 * 0.4 * steel);
    l.box(380, 368, 1600, 371, kWood, kBeamPathCm * 0.7);
    l.box(380, 371, 1600, 380, kSteel, 2 * 2 * 0.45 * steel);
    // End walls edge-on and the corner posts.
    l.box(380, 120, 384, 380, kSteel, kBeamPathCm * 0.2 * steel / 4 * 2);
    l.box(1596, 120, 1600, 380, kSteel, kBeamPathCm * 0.2 * steel / 4 * 2);
    l.box(384, 120, 395, 380, kSteel, 2 * 2 * 0.6 * steel);
    l.box(1585, 120, 1596, 380, kSteel, 2 * 2 * 0.6 * steel);
}

/// One pallet: wooden base with fork openings, then the load in cartons (layers and columns
/// with seams, each carton's density varying), from floor level `bottom` up to `top` (cm).
void layPallet(Layout& l, std::mt19937_64& random, double x0, double x1, double bottom, double top,
               const Load& load, double a, std::uint16_t id) {
    const CargoMaterial& m = *load.material;
    const double base = 14.4;
    l.box(x0, bottom - base, x1, bottom - base + 2.2, kWood, kBeamPathCm * 0.5 * 0.6, id);
    l.box(x0, bottom - 2.2, x1, bottom, kWood, kBeamPathCm * 0.5 * 0.6, id);
    for (const double bx : {x0, (x0 + x1) / 2 - 5, x1 - 10})
        l.box(bx, bottom - base + 2.2, bx + 10, bottom - 2.2, kWood, kBeamPathCm * 0.6 * 0.6, id);
    const double gcm2 = a / m.muHigh;
    double y = bottom - base;
    while (y - 5 > top) {
        const double layer = std::min(y - top, uniform(random, 20, 40));
        double x = x0;
        while (x + 5 < x1) {
            const double carton = std::min(x1 - x, uniform(random, 30, 60));
            const double vary = uniform(random, 0.9, 1.1);
            // Seams (1.5 cm) between cartons carry 70 % of the load's mass thickness.
            l.box(x, y - layer, x + carton, y, m, gcm2 * vary, id);
            l.box(x + carton - 1.5, y - layer, x + carton, y, m, -0.3 * gcm2 * vary, id);
            l.box(x, y - layer, x + carton, y - layer + 1.5, m, -0.3 * gcm2 * vary, id);
            x += carton;
        }
        y -= layer;
    }
}

PhantomObject objectFor(std::uint16_t id, const CargoMaterial& m, double gcm2, const Layout& l,
                        double x0, double y0, double x1, double y1) {
    PhantomObject o;
    o.id = id;
    o.material = m.name;
    o.materialClass = m.materialClass;
    o.zEff = m.zEff;
    o.densityGcm3 = m.densityGcm3;
    o.thicknessCm = std::round(gcm2 / m.densityGcm3 * 100) / 100;
    o.box = {l.px(x0), l.py(y0), l.px(x1) - l.px(x0), l.py(y1) - l.py(y0)};
    // At the noise floor: fewer than 10 photons expected behind it (σ of A above 0.3).
    o.impenetrable = kAirHigh / kGain * std::exp(-m.muHigh * gcm2) < 10;
    o.polygon = {{o.box.x, o.box.y},
                 {o.box.x + o.box.width - 1, o.box.y},
                 {o.box.x + o.box.width - 1, o.box.y + o.box.height - 1},
                 {o.box.x, o.box.y + o.box.height - 1}};
    return o;
}

/// Pallets along the floor with gaps, some stacked two high, and hidden dense items (some
/// overlapping each other) inside the load. Returns the truth objects; fills `gaps`.
std::vector<PhantomObject> layLoad(Layout& l, std::mt19937_64& random,
                                   std::vector<PixelRect>& gaps) {
    std::vector<PhantomObject> objects;
    const double floorTop = 368;
    double x = 400;
    double previousTop = -1; // top (cm) of the previous pallet, -1: none yet
    double previousEnd = 0;
    std::uint16_t id = 0;
    while (x + 100 < 1580) {
        const double length = std::min(uniform(random, 100, 120), 1580 - x);
        const Load& load = kLoads[static_cast<std::size_t>(random() % kLoads.size())];
        const double a = uniform(random, load.minA, load.maxA);
        const bool stacked = uniform(random, 0, 1) < 0.3;
        const double height = stacked ? uniform(random, 100, 112) : uniform(random, 160, 228);
        double top = floorTop - height;
        ++id;
        layPallet(l, random, x, x + length, floorTop, top, load, a, id);
        objects.push_back(objectFor(id, *load.material, a / load.material->muHigh, l, x, top,
                                    x + length, floorTop));
        if (stacked) {
            const double upper = floorTop - height - uniform(random, 100, 115);
            ++id;
            const double a2 = uniform(random, load.minA, load.maxA);
            layPallet(l, random, x, x + length, floorTop - height, std::max(upper, 135.0), load, a2,
                      id);
            objects.push_back(objectFor(id, *load.material, a2 / load.material->muHigh, l, x,
                                        std::max(upper, 135.0), x + length, floorTop - height));
            top = std::max(upper, 135.0);
        }
        if (previousTop >= 0) {
            // The gap stands where both neighbours do, above the pallet bases.
            const double gapTop = std::max(previousTop, top);
            gaps.push_back({l.px(previousEnd), l.py(gapTop), l.px(x) - l.px(previousEnd),
                            l.py(floorTop - 16) - l.py(gapTop)});
        }
        previousTop = top;
        previousEnd = x + length;
        x += length + uniform(random, 6, 25);
    }
    // Hidden items: steel blocks, a lead box, a copper coil; the second overlaps the first.
    const std::array<const CargoMaterial*, 4> hidden = {&kSteel, &kSteel, &kLead, &kCopper};
    double hx = uniform(random, 450, 700);
    for (std::size_t i = 0; i < hidden.size(); ++i) {
        const double w = uniform(random, 25, 50);
        const double h = uniform(random, 25, 50);
        const double hy = uniform(random, 240, 330);
        const double gcm2 = uniform(random, 4, 12) * hidden[i]->densityGcm3;
        ++id;
        l.box(hx, hy, hx + w, hy + h, *hidden[i], gcm2, id, i == 3);
        objects.push_back(objectFor(id, *hidden[i], gcm2, l, hx, hy, hx + w, hy + h));
        hx += i == 0 ? w * 0.5 : uniform(random, 200, 300); // the second overlaps the first
    }
    return objects;
}

/// Poisson(mean) from the generator: Knuth's product method for small means, the normal
/// approximation above (mean ≥ 12).
double poisson(double mean, std::mt19937_64& random, std::normal_distribution<double>& unit) {
    if (mean >= 12)
        return std::max(0.0, std::round(mean + std::sqrt(mean) * unit(random)));
    const double limit = std::exp(-mean);
    double product = 1;
    int k = -1;
    do {
        ++k;
        product *= static_cast<double>(random() >> 11) * 0x1.0p-53;
    } while (product > limit);
    return k;
}

} // namespace

Phantom generateCargoPhantom(const PhantomOptions& options) {
    const int width = options.width > 0 ? options.width : 3400;
    const int height = options.height > 0 ? options.height : 1040;
    if (width < 200 || height < 200 || width > 16384 || height > 16384)
        throw Error(ErrorCode::InvalidArgument, "phantom size " + std::to_string(width) + "x" +
                                                    std::to_string(height) +
                                                    " is outside 200x200 .. 16384x16384");
    Layout layout(width, height);
    std::mt19937_64 random(
        mixSeed(options.seed ^ (static_cast<std::uint64_t>(options.kind) << 56)));
    layTruckAndContainer(layout);
    Phantom phantom;
    auto& truth = phantom.truth;
    truth.objects = layLoad(layout, random, truth.gaps);

    // Shapes by first row, so each row visits only those that can cover it.
    std::vector<Shape> shapes = layout.shapes();
    Image high(PixelFormat::Gray16, width, height);
    Image low(PixelFormat::Gray16, width, height);
    truth.objectIds = Image(PixelFormat::Gray16, width, height);
    forRowBands(
        height,
        [&](int y0, int y1) {
            std::vector<float> aHigh(static_cast<std::size_t>(width));
            std::vector<float> aLow(static_cast<std::size_t>(width));
            for (int y = y0; y < y1; ++y) {
                std::fill(aHigh.begin(), aHigh.end(), 0.0f);
                std::fill(aLow.begin(), aLow.end(), 0.0f);
                auto* ids = truth.objectIds.row<std::uint16_t>(y);
                const double cy = y + 0.5;
                for (const auto& s : shapes) {
                    if (cy < s.y0 || cy >= s.y1)
                        continue;
                    double from = s.x0, to = s.x1;
                    if (s.ellipse) {
                        const double ry = (s.y1 - s.y0) / 2, rx = (s.x1 - s.x0) / 2;
                        const double t = (cy - (s.y0 + ry)) / ry;
                        const double half = rx * std::sqrt(std::max(0.0, 1 - t * t));
                        from = s.x0 + rx - half;
                        to = s.x0 + rx + half;
                    }
                    const int a = std::max(0, static_cast<int>(std::lround(from)));
                    const int b = std::min(width, static_cast<int>(std::lround(to)));
                    for (int x = a; x < b; ++x) {
                        aHigh[static_cast<std::size_t>(x)] += s.aHigh;
                        aLow[static_cast<std::size_t>(x)] += s.aLow;
                        if (s.id != 0)
                            ids[x] = s.id;
                    }
                }
                std::mt19937_64 noise(
                    mixSeed(options.seed * 0x100000001B3ull + static_cast<std::uint64_t>(y)));
                std::normal_distribution<double> unit(0.0, 1.0);
                auto* h = high.row<std::uint16_t>(y);
                auto* l = low.row<std::uint16_t>(y);
                const auto count = [&](double air, float a) {
                    const double photons =
                        poisson(air / kGain * std::exp(-std::max(0.0f, a)), noise, unit);
                    const double stored = kGain * photons + kReadNoise * unit(noise);
                    return static_cast<std::uint16_t>(std::clamp(std::lround(stored), 0L, 65535L));
                };
                for (int x = 0; x < width; ++x) {
                    h[x] = count(kAirHigh, aHigh[static_cast<std::size_t>(x)]);
                    l[x] = count(kAirLow, aLow[static_cast<std::size_t>(x)]);
                }
            }
        },
        0);

    const PixelSpacingMm spacing{kHeightCm * 10 / height, kWidthCm * 10 / width};
    const double kgPerGcm2 = spacing[0] * spacing[1] / 100.0 / 1000.0;
    std::vector<std::int64_t> objectPixels(truth.objects.size() + 2, 0);
    for (int y = 0; y < height; ++y) {
        const auto* id = truth.objectIds.row<std::uint16_t>(y);
        for (int x = 0; x < width; ++x)
            if (id[x] < objectPixels.size())
                ++objectPixels[id[x]];
    }
    for (auto& object : truth.objects) {
        object.pixels = objectPixels[static_cast<std::size_t>(object.id)];
        object.massKg = object.densityGcm3 * object.thicknessCm *
                        static_cast<double>(object.pixels) * kgPerGcm2;
        truth.objectsMassKg += object.massKg;
    }
    truth.totalMassKg = truth.objectsMassKg;
    truth.kind = options.kind;
    truth.seed = options.seed;
    truth.pixelSpacingMm = spacing;
    truth.airHigh = kAirHigh;
    truth.airLow = kAirLow;
    truth.packagingMaterial = "steel";
    truth.packagingCoverGcm2 = 2 * 0.2 * kSteel.densityGcm3;
    truth.interior = {layout.px(395), layout.py(128), layout.px(1585) - layout.px(395),
                      layout.py(368) - layout.py(128)};
    writePhantomScan(options, "linac 6/4 MeV", spacing, {std::move(high), kAirHigh, 6000, 2000},
                     {std::move(low), kAirLow, 4000, 1250}, phantom);
    return phantom;
}

} // namespace prescreen::imaging::materials::detail
