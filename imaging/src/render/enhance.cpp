#include <prescreen/error.h>
#include <prescreen/imaging/detail/opencv.h>
#include <prescreen/imaging/render/enhance.h>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace prescreen::imaging::render {

namespace {

void checkDisplay(const ImageView& display, const char* where) {
    if (display.empty())
        throw Error(ErrorCode::InvalidArgument, std::string(where) + ": the image is empty");
    if (display.format != PixelFormat::Gray8 && display.format != PixelFormat::Rgb8)
        throw Error(ErrorCode::InvalidArgument, std::string(where) + ": the image is " +
                                                    pixelFormatName(display.format) +
                                                    "; it works on gray8 or rgb8 display pixels");
}

} // namespace

Image localContrast(const ImageView& display, const LocalContrastSettings& settings) {
    checkDisplay(display, "local contrast");
    if (!std::isfinite(settings.clipLimit) || settings.clipLimit <= 0 || settings.tilesX < 1 ||
        settings.tilesY < 1 || settings.tilesX > display.width || settings.tilesY > display.height)
        throw Error(ErrorCode::InvalidArgument,
                    "local contrast: clip limit " + std::to_string(settings.clipLimit) + " and " +
                        std::to_string(settings.tilesX) + "x" + std::to_string(settings.tilesY) +
                        " tiles do not fit a " + std::to_string(display.width) + "x" +
                        std::to_string(display.height) +
                        " image (clip limit > 0, 1 <= tiles <= pixels)");
    const cv::Ptr<cv::CLAHE> clahe =
        cv::createCLAHE(settings.clipLimit, cv::Size(settings.tilesX, settings.tilesY));
    Image out(display.format, display.width, display.height);
    const cv::Mat source = detail::asMat(display);
    cv::Mat target = detail::asMat(out);
    if (display.format == PixelFormat::Gray8) {
        clahe->apply(source, target);
        return out;
    }
    // Equalise the luma only: the colours (material classes) keep their hue.
    cv::Mat yCrCb;
    cv::cvtColor(source, yCrCb, cv::COLOR_RGB2YCrCb);
    std::vector<cv::Mat> channels;
    cv::split(yCrCb, channels);
    cv::Mat luma;
    clahe->apply(channels[0], luma);
    channels[0] = luma;
    cv::merge(channels, yCrCb);
    cv::cvtColor(yCrCb, target, cv::COLOR_YCrCb2RGB);
    return out;
}

Image unsharpMask(const ImageView& display, const UnsharpSettings& settings) {
    checkDisplay(display, "unsharp mask");
    if (!std::isfinite(settings.amount) || settings.amount < 0 ||
        !std::isfinite(settings.radiusPx) || settings.radiusPx <= 0)
        throw Error(ErrorCode::InvalidArgument,
                    "unsharp mask: amount " + std::to_string(settings.amount) + " and radius " +
                        std::to_string(settings.radiusPx) +
                        " px are not valid (amount >= 0, radius > 0)");
    Image out(display.format, display.width, display.height);
    const cv::Mat source = detail::asMat(display);
    cv::Mat target = detail::asMat(out);
    cv::Mat blurred;
    cv::GaussianBlur(source, blurred, cv::Size(0, 0), settings.radiusPx, settings.radiusPx,
                     cv::BORDER_REPLICATE);
    // in + amount·(in − blur) = (1 + amount)·in − amount·blur, saturated by OpenCV.
    cv::addWeighted(source, 1.0 + settings.amount, blurred, -settings.amount, 0.0, target);
    return out;
}

} // namespace prescreen::imaging::render
