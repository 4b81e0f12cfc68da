#include <prescreen/error.h>
#include <prescreen/imaging/detail/opencv.h>
#include <prescreen/imaging/image_io.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace prescreen::imaging {

void writePng(const Image& image, const std::filesystem::path& file) {
    if (image.empty() || image.format() == PixelFormat::Float32)
        throw Error(ErrorCode::InvalidArgument,
                    file.string() + ": only non-empty 8/16-bit images can be written as PNG");
    cv::Mat pixels = detail::asMat(image);
    cv::Mat bgr;
    if (image.format() == PixelFormat::Rgb8) {
        cv::cvtColor(pixels, bgr, cv::COLOR_RGB2BGR);
        pixels = bgr;
    }
    bool written = false;
    try {
        written = cv::imwrite(file.string(), pixels);
    } catch (const cv::Exception& error) {
        throw Error(ErrorCode::Io, file.string() + ": cannot write PNG (" + error.what() + ")");
    }
    if (!written)
        throw Error(ErrorCode::Io, file.string() + ": cannot write PNG");
}

Image readPng(const std::filesystem::path& file) {
    const cv::Mat mat = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
    if (mat.empty())
        throw Error(ErrorCode::BadFormat, file.string() + ": not a readable PNG");
    if (mat.depth() == CV_16U && mat.channels() == 1) {
        Image out(PixelFormat::Gray16, mat.cols, mat.rows);
        mat.copyTo(detail::asMat(out));
        return out;
    }
    cv::Mat eight;
    mat.convertTo(eight, CV_8U, mat.depth() == CV_16U ? 1.0 / 257.0 : 1.0);
    if (eight.channels() == 1) {
        Image out(PixelFormat::Gray8, mat.cols, mat.rows);
        eight.copyTo(detail::asMat(out));
        return out;
    }
    Image out(PixelFormat::Rgb8, mat.cols, mat.rows);
    cv::Mat target = detail::asMat(out);
    cv::cvtColor(eight, target, eight.channels() == 4 ? cv::COLOR_BGRA2RGB : cv::COLOR_BGR2RGB);
    return out;
}

} // namespace prescreen::imaging
