#pragma once
// Zero-copy adapters between Prescreen images and cv::Mat, for imaging's own sources only
// (OpenCV never appears in imaging's public headers).

#include <prescreen/imaging/image.h>

#include <opencv2/core.hpp>

namespace prescreen::imaging::detail {

inline int cvType(PixelFormat format) {
    switch (format) {
    case PixelFormat::Gray8:
        return CV_8UC1;
    case PixelFormat::Gray16:
        return CV_16UC1;
    case PixelFormat::Rgb8:
        return CV_8UC3;
    case PixelFormat::Float32:
        return CV_32FC1;
    }
    return CV_8UC1;
}

/// A cv::Mat header over the view's pixels; no copy, valid while the view's owner lives.
inline cv::Mat asMat(const ImageView& view) {
    return cv::Mat(view.height, view.width, cvType(view.format), view.data,
                   static_cast<std::size_t>(view.strideBytes));
}

inline cv::Mat asMat(Image& image) {
    return asMat(image.view());
}

/// Read-only use of a const image (OpenCV has no const Mat over const data).
inline cv::Mat asMat(const Image& image) {
    return asMat(image.view());
}

} // namespace prescreen::imaging::detail
