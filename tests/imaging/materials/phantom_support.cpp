#include "phantom_support.h"

#include <opencv2/imgproc.hpp>

namespace prescreen::test {

using namespace prescreen::imaging;

Image objectMask(const materials::Phantom& phantom, int id) {
    const auto& ids = phantom.truth.objectIds;
    Image mask(PixelFormat::Gray8, ids.width(), ids.height());
    for (int y = 0; y < ids.height(); ++y) {
        const auto* in = ids.row<std::uint16_t>(y);
        auto* out = mask.row<std::uint8_t>(y);
        for (int x = 0; x < ids.width(); ++x)
            out[x] = in[x] == id ? 255 : 0;
    }
    return mask;
}

std::vector<ObjectAccuracy> objectAccuracy(const materials::Phantom& phantom,
                                           const ImageView& classMap, int margin) {
    std::vector<ObjectAccuracy> result;
    for (const auto& object : phantom.truth.objects) {
        auto mask = objectMask(phantom, object.id);
        cv::Mat m(mask.height(), mask.width(), CV_8UC1, mask.row<std::uint8_t>(0),
                  static_cast<std::size_t>(mask.strideBytes()));
        cv::erode(m, m,
                  cv::getStructuringElement(cv::MORPH_RECT, {2 * margin + 1, 2 * margin + 1}));
        ObjectAccuracy accuracy{&object, 0, 0, 0};
        long hits = 0, unknown = 0;
        const auto expected = static_cast<std::uint8_t>(object.expectedClass());
        for (int y = 0; y < mask.height(); ++y) {
            const auto* inside = mask.row<std::uint8_t>(y);
            const auto* cls = classMap.row<const std::uint8_t>(y);
            for (int x = 0; x < mask.width(); ++x) {
                if (inside[x] == 0)
                    continue;
                ++accuracy.interiorPixels;
                hits += cls[x] == expected ? 1 : 0;
                unknown += cls[x] == static_cast<std::uint8_t>(materials::MaterialClass::Unknown);
            }
        }
        accuracy.fractionExpected =
            accuracy.interiorPixels > 0 ? static_cast<double>(hits) / accuracy.interiorPixels : 0;
        accuracy.fractionUnknown = accuracy.interiorPixels > 0
                                       ? static_cast<double>(unknown) / accuracy.interiorPixels
                                       : 0;
        result.push_back(accuracy);
    }
    return result;
}

materials::PhantomOptions smallOptions(materials::PhantomKind kind, std::uint64_t seed) {
    materials::PhantomOptions options{kind, seed, 0, 0};
    if (kind == materials::PhantomKind::Container) {
        options.width = 3000; // half length: keeps the test quick
        options.height = 2000;
    }
    return options;
}

} // namespace prescreen::test
