#include "phantom_scene.h"

#include <prescreen/error.h>
#include <prescreen/imaging/detail/opencv.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <random>

namespace prescreen::imaging::materials::detail {
namespace {

struct KindLayout {
    int width, height;
    PixelSpacingMm spacing;
    int minObjects, maxObjects;
    double minSizeCm, maxSizeCm;
};

KindLayout layoutOf(PhantomKind kind) {
    switch (kind) {
    case PhantomKind::Parcel:
        return {2000, 1000, {0.6, 0.6}, 4, 7, 4, 25};
    case PhantomKind::Pallet:
        return {1600, 1400, {1.2, 1.2}, 8, 14, 8, 40};
    case PhantomKind::Container:
        return {6000, 2000, {1.5, 2.0}, 14, 26, 15, 80};
    }
    return {2000, 1000, {0.6, 0.6}, 4, 7, 4, 25};
}

struct ThicknessRange {
    const char* material;
    double minCm, maxCm;
};

// Thickness ranges keep each material penetrable (A_high below ~4.5) except lead, which is
// always impenetrable, as lead shielding in real cargo is.
constexpr std::array<ThicknessRange, 12> kThickness = {{{"polyethylene", 3, 25},
                                                        {"water", 3, 25},
                                                        {"sugar", 3, 25},
                                                        {"paper", 3, 25},
                                                        {"wood", 3, 20},
                                                        {"tnt", 2, 15},
                                                        {"glass", 0.5, 5},
                                                        {"aluminium", 0.5, 8},
                                                        {"salt", 1, 10},
                                                        {"steel", 0.2, 1.0},
                                                        {"copper", 0.15, 0.8},
                                                        {"lead", 1.5, 4}}};

double uniform(std::mt19937_64& random, double lo, double hi) {
    // Our own mapping, so the layout does not depend on the library's distribution algorithms.
    const double u = static_cast<double>(random() >> 11) * 0x1.0p-53;
    return lo + (hi - lo) * u;
}

int uniformInt(std::mt19937_64& random, int lo, int hi) {
    return lo + static_cast<int>(random() % static_cast<std::uint64_t>(hi - lo + 1));
}

std::vector<cv::Point> outline(std::mt19937_64& random, const cv::Rect& box) {
    const cv::Point centre(box.x + box.width / 2, box.y + box.height / 2);
    const cv::Size axes(box.width / 2, box.height / 2);
    std::vector<cv::Point> points;
    switch (uniformInt(random, 0, 2)) {
    case 0: // a carton or tin seen from the side
        points = {{box.x, box.y},
                  {box.x + box.width - 1, box.y},
                  {box.x + box.width - 1, box.y + box.height - 1},
                  {box.x, box.y + box.height - 1}};
        break;
    case 1: // a bottle, drum or coil end-on
        cv::ellipse2Poly(centre, axes, 0, 0, 360, 10, points);
        break;
    default: { // an irregular block: a convex-ish polygon
        const int corners = uniformInt(random, 5, 8);
        for (int i = 0; i < corners; ++i) {
            const double angle = 2 * M_PI * (i + uniform(random, -0.3, 0.3)) / corners;
            const double radius = uniform(random, 0.75, 1.0);
            points.emplace_back(centre.x + static_cast<int>(radius * axes.width * std::cos(angle)),
                                centre.y +
                                    static_cast<int>(radius * axes.height * std::sin(angle)));
        }
    }
    }
    return points;
}

void drawPackaging(Scene& scene, PhantomKind kind, int wallPx) {
    cv::Mat zones = imaging::detail::asMat(scene.zones);
    const auto& in = scene.interior;
    zones(cv::Rect(in.x, in.y, in.width, in.height)).setTo(ZoneCover);
    if (wallPx > 0) {
        cv::rectangle(zones, cv::Rect(in.x - wallPx, in.y - wallPx, in.width + 2 * wallPx, wallPx),
                      ZoneWall, cv::FILLED);
        cv::rectangle(zones,
                      cv::Rect(in.x - wallPx, in.y + in.height, in.width + 2 * wallPx, wallPx),
                      ZoneWall, cv::FILLED);
        cv::rectangle(zones, cv::Rect(in.x - wallPx, in.y, wallPx, in.height), ZoneWall,
                      cv::FILLED);
        cv::rectangle(zones, cv::Rect(in.x + in.width, in.y, wallPx, in.height), ZoneWall,
                      cv::FILLED);
    }
    if (kind != PhantomKind::Pallet)
        return;
    // Pallet: deck boards (top and bottom) and three blocks under the load, seen from the side.
    const int rowsPerCm = static_cast<int>(std::lround(10 / scene.spacing[0]));
    const int colsPerCm = static_cast<int>(std::lround(10 / scene.spacing[1]));
    const int top = in.y + in.height;
    const int board = 2 * rowsPerCm;
    const int baseHeight = std::min(14 * rowsPerCm, scene.height - top - 1);
    zones(cv::Rect(in.x, top, in.width, std::min(board, baseHeight))).setTo(ZoneBase);
    zones(cv::Rect(in.x, top + baseHeight - std::min(board, baseHeight), in.width,
                   std::min(board, baseHeight)))
        .setTo(ZoneBase);
    const int block = std::min(15 * colsPerCm, in.width / 4);
    for (const int x : {in.x, in.x + (in.width - block) / 2, in.x + in.width - block})
        zones(cv::Rect(x, top, block, baseHeight)).setTo(ZoneBase);
}

} // namespace

std::uint64_t mixSeed(std::uint64_t value) noexcept {
    value += 0x9E3779B97F4A7C15ull;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ull;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBull;
    return value ^ (value >> 31);
}

Scene buildScene(const PhantomOptions& options, const MaterialTable& table, double thicknessScale) {
    const auto layout = layoutOf(options.kind);
    Scene scene;
    scene.width = options.width > 0 ? options.width : layout.width;
    scene.height = options.height > 0 ? options.height : layout.height;
    if (scene.width < 200 || scene.height < 200 || scene.width > 16384 || scene.height > 16384)
        throw Error(ErrorCode::InvalidArgument, "phantom size " + std::to_string(scene.width) +
                                                    "x" + std::to_string(scene.height) +
                                                    " is outside 200x200 .. 16384x16384");
    scene.spacing = layout.spacing;
    const bool pallet = options.kind == PhantomKind::Pallet;
    const double depthCm = options.kind == PhantomKind::Parcel ? 30 : 120;
    const auto mm = [&](double cm, int axis) {
        return std::max(1, static_cast<int>(std::lround(cm * 10 / scene.spacing[axis])));
    };
    switch (options.kind) {
    case PhantomKind::Parcel: // corrugated board, 4 mm faces
        scene.cover = {"paper", 2 * 0.4 * 0.8};
        scene.wall = {"paper", depthCm * 0.8};
        break;
    case PhantomKind::Pallet: // stretch film round the load, wooden pallet
        scene.cover = {"polyethylene", 2 * 0.05 * 0.94};
        scene.wall = {"polyethylene", 0};
        scene.base = {"wood", depthCm * 0.5};
        break;
    case PhantomKind::Container: // air-cargo container: plastic curtain sides, steel frame
        scene.cover = {"polyethylene", 2 * 0.3 * 0.94};
        scene.wall = {"steel", depthCm * 7.874 * 0.1};
        break;
    }
    const int wallPx = options.kind == PhantomKind::Pallet ? 0 : mm(0.4, 1);
    const int marginX = scene.width / 20 + wallPx;
    const int marginY = scene.height / 20 + wallPx;
    const int baseRows = pallet ? mm(14, 0) + 2 : 0;
    scene.interior = {marginX, marginY, scene.width - 2 * marginX,
                      scene.height - 2 * marginY - baseRows};
    scene.zones = Image(PixelFormat::Gray8, scene.width, scene.height);
    scene.objectIds = Image(PixelFormat::Gray16, scene.width, scene.height);
    drawPackaging(scene, options.kind, wallPx);

    std::mt19937_64 random(
        mixSeed(options.seed ^ (static_cast<std::uint64_t>(options.kind) << 56)));
    const int wanted = uniformInt(random, layout.minObjects, layout.maxObjects);
    std::vector<cv::Rect> taken;
    cv::Mat ids = imaging::detail::asMat(scene.objectIds);
    const int gap = 8;
    for (int attempt = 0; attempt < wanted * 60 && static_cast<int>(scene.objects.size()) < wanted;
         ++attempt) {
        const int objectIndex = static_cast<int>(scene.objects.size());
        // The first three are one of each class, so every phantom exercises every colour.
        const ThicknessRange* range = nullptr;
        if (objectIndex < 3) {
            const std::array<std::array<int, 2>, 3> firsts = {{{0, 5}, {6, 8}, {9, 10}}};
            range = &kThickness[static_cast<std::size_t>(
                uniformInt(random, firsts[objectIndex][0], firsts[objectIndex][1]))];
        } else {
            range = &kThickness[static_cast<std::size_t>(uniformInt(random, 0, 11))];
        }
        const int w = mm(uniform(random, layout.minSizeCm, layout.maxSizeCm), 1);
        const int h = mm(uniform(random, layout.minSizeCm, layout.maxSizeCm), 0);
        const auto& in = scene.interior;
        if (w + 2 * gap >= in.width || h + 2 * gap >= in.height)
            continue;
        const cv::Rect box(uniformInt(random, in.x + gap, in.x + in.width - w - gap),
                           uniformInt(random, in.y + gap, in.y + in.height - h - gap), w, h);
        const cv::Rect padded(box.x - gap, box.y - gap, box.width + 2 * gap, box.height + 2 * gap);
        if (std::any_of(taken.begin(), taken.end(),
                        [&](const cv::Rect& r) { return (r & padded).area() > 0; }))
            continue;
        const auto points = outline(random, box);
        const Material& material = table.find(range->material);
        PhantomObject object;
        object.id = objectIndex + 1;
        object.material = material.name;
        object.materialClass = material.materialClass;
        object.zEff = material.zEff;
        object.densityGcm3 = material.densityGcm3;
        object.thicknessCm =
            std::round(uniform(random, range->minCm, range->maxCm) * thicknessScale * 100) / 100;
        for (const auto& p : points)
            object.polygon.push_back({p.x, p.y});
        const std::vector<std::vector<cv::Point>> polygons = {points};
        cv::fillPoly(ids, polygons, cv::Scalar(object.id));
        const cv::Rect drawn = cv::boundingRect(points);
        object.box = {drawn.x, drawn.y, drawn.width, drawn.height};
        taken.push_back(box);
        scene.objects.push_back(std::move(object));
    }
    return scene;
}

} // namespace prescreen::imaging::materials::detail
