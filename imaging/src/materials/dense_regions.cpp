#include "tables.h"

#include <prescreen/error.h>
#include <prescreen/imaging/detail/opencv.h>
#include <prescreen/imaging/materials/analysis.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace prescreen::imaging::materials {

std::vector<DenseRegion> findDenseRegions(const MaterialRenderer& renderer,
                                          const DualEnergyInput& input,
                                          const PixelSpacingMm& spacing,
                                          const DenseRegionOptions& options) {
    validateInput(input, "dense-region finder");
    if (!(spacing[0] > 0) || !(spacing[1] > 0) || !(options.minAttenuation > 0) ||
        options.minAreaMm2 < 0)
        throw Error(ErrorCode::InvalidArgument,
                    "dense-region finder: spacing and threshold must be positive");
    const auto high = detail::buildEnergyLut(input.airHigh);
    const double impenetrable = renderer.impenetrableAttenuation();
    const int width = input.high.width;
    const int height = input.high.height;

    cv::Mat mask(height, width, CV_8UC1);
    for (int y = 0; y < height; ++y) {
        const auto* h = input.high.row<const std::uint16_t>(y);
        auto* m = mask.ptr<std::uint8_t>(y);
        for (int x = 0; x < width; ++x)
            m[x] = high.attenuation[h[x]] >= options.minAttenuation ? 255 : 0;
    }
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);

    std::vector<double> sum(static_cast<std::size_t>(count), 0.0);
    std::vector<std::int64_t> blocked(static_cast<std::size_t>(count), 0);
    for (int y = 0; y < height; ++y) {
        const auto* h = input.high.row<const std::uint16_t>(y);
        const auto* label = labels.ptr<std::int32_t>(y);
        for (int x = 0; x < width; ++x) {
            if (label[x] == 0)
                continue;
            const double a = high.attenuation[h[x]];
            sum[static_cast<std::size_t>(label[x])] += a;
            if (a >= impenetrable)
                ++blocked[static_cast<std::size_t>(label[x])];
        }
    }
    const double pixelAreaMm2 = spacing[0] * spacing[1];
    std::vector<DenseRegion> regions;
    for (int i = 1; i < count; ++i) {
        const int pixels = stats.at<int>(i, cv::CC_STAT_AREA);
        const double area = pixels * pixelAreaMm2;
        if (area < options.minAreaMm2)
            continue;
        DenseRegion region;
        region.box = {stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                      stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT)};
        region.areaMm2 = area;
        region.meanAttenuation = sum[static_cast<std::size_t>(i)] / pixels;
        region.impenetrableFraction =
            static_cast<double>(blocked[static_cast<std::size_t>(i)]) / pixels;
        regions.push_back(region);
    }
    std::sort(regions.begin(), regions.end(),
              [](const DenseRegion& a, const DenseRegion& b) { return a.areaMm2 > b.areaMm2; });
    return regions;
}

} // namespace prescreen::imaging::materials
