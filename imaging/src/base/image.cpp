#include <prescreen/error.h>
#include <prescreen/imaging/image.h>

#include <cstring>
#include <string>

namespace prescreen::imaging {

int bytesPerPixel(PixelFormat format) noexcept {
    switch (format) {
    case PixelFormat::Gray8:
        return 1;
    case PixelFormat::Gray16:
        return 2;
    case PixelFormat::Rgb8:
        return 3;
    case PixelFormat::Float32:
        return 4;
    }
    return 1;
}

const char* pixelFormatName(PixelFormat format) noexcept {
    switch (format) {
    case PixelFormat::Gray8:
        return "gray8";
    case PixelFormat::Gray16:
        return "gray16";
    case PixelFormat::Rgb8:
        return "rgb8";
    case PixelFormat::Float32:
        return "float32";
    }
    return "?";
}

ImageView ImageView::region(int x, int y, int w, int h) const {
    if (x < 0 || y < 0 || w <= 0 || h <= 0 || x > width - w || y > height - h)
        throw Error(ErrorCode::InvalidArgument,
                    "region " + std::to_string(w) + "x" + std::to_string(h) + "+" +
                        std::to_string(x) + "+" + std::to_string(y) + " is outside the " +
                        std::to_string(width) + "x" + std::to_string(height) + " image");
    ImageView sub = *this;
    sub.width = w;
    sub.height = h;
    sub.data = data + static_cast<std::ptrdiff_t>(y) * strideBytes +
               static_cast<std::ptrdiff_t>(x) * bytesPerPixel(format);
    return sub;
}

Image::Image(PixelFormat format, int width, int height) {
    if (width <= 0 || height <= 0)
        throw Error(ErrorCode::InvalidArgument, "image size " + std::to_string(width) + "x" +
                                                    std::to_string(height) + " is not positive");
    constexpr std::size_t kAlign = 64;
    const std::size_t rowBytes = static_cast<std::size_t>(width) * bytesPerPixel(format);
    const std::size_t stride = (rowBytes + kAlign - 1) / kAlign * kAlign;
    if (stride > kMaxBytes / static_cast<std::size_t>(height))
        throw Error(ErrorCode::InvalidArgument,
                    "image of " + std::to_string(width) + "x" + std::to_string(height) + " " +
                        pixelFormatName(format) + " pixels exceeds the " +
                        std::to_string(kMaxBytes >> 20) + " MiB limit");
    storage_ = Buffer(stride * static_cast<std::size_t>(height));
    view_ = ImageView{format, width, height, static_cast<std::ptrdiff_t>(stride), storage_.data()};
}

Image Image::clone() const {
    if (empty())
        return {};
    Image copy(format(), width(), height());
    std::memcpy(copy.storage_.data(), storage_.data(), sizeBytes());
    return copy;
}

std::size_t Image::sizeBytes() const noexcept {
    return static_cast<std::size_t>(view_.strideBytes) * static_cast<std::size_t>(view_.height);
}

} // namespace prescreen::imaging
