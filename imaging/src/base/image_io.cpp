// PNG through libpng's simplified API (no setjmp / longjmp across C++ frames) and TIFF through
// libtiff. OpenCV's imgcodecs is not used: on Debian it pulls in 139 shared libraries (GDAL,
// GDCM, poppler, HDF5 ...) and costs every executable ~0.2 s of start-up.
#include <prescreen/error.h>
#include <prescreen/imaging/image_io.h>

#include <cerrno>
#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <png.h>
#include <tiffio.h>
#include <vector>
#include <zlib.h>

namespace prescreen::imaging {
namespace {

struct PngImage {
    png_image image{};
    PngImage() { image.version = PNG_IMAGE_VERSION; }
    ~PngImage() { png_image_free(&image); }
    PngImage(const PngImage&) = delete;
    PngImage& operator=(const PngImage&) = delete;
};

// libtiff reports through a global handler; keep the last message of this thread.
thread_local std::string tiffMessage;

void tiffError(const char* module, const char* format, va_list args) {
    char text[512];
    std::vsnprintf(text, sizeof text, format, args);
    tiffMessage = std::string(module != nullptr ? module : "tiff") + ": " + text;
}

void installTiffHandlers() {
    static std::once_flag once;
    std::call_once(once, [] {
        TIFFSetErrorHandler(tiffError);
        TIFFSetWarningHandler(nullptr);
    });
}

void pngError(png_structp png, png_const_charp text) {
    auto* message = static_cast<char*>(png_get_error_ptr(png));
    std::snprintf(message, 256, "%s", text);
    png_longjmp(png, 1);
}

void pngWarning(png_structp, png_const_charp) {}

// libpng reports errors by longjmp: this function holds no C++ object that needs destroying.
// Speed over size (zlib level 1, run-length strategy on Up-filtered rows): rendered views are
// written often and are about 1.4x the size libpng's defaults would give.
bool writePngRows(std::FILE* out, int width, int height, int bitDepth, int colourType,
                  png_bytep* rows, char* message) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, message, pngError, pngWarning);
    if (png == nullptr)
        return false;
    png_infop info = png_create_info_struct(png);
    if (info == nullptr || setjmp(png_jmpbuf(png)) != 0) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_init_io(png, out);
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, Z_RLE);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height),
                 bitDepth, colourType, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (bitDepth == 16)
        png_set_swap(png); // our samples are little-endian, PNG's big-endian
    png_write_image(png, rows);
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return true;
}

} // namespace

void writePng(const Image& image, const std::filesystem::path& file) {
    if (image.empty() || image.format() == PixelFormat::Float32)
        throw Error(ErrorCode::InvalidArgument,
                    file.string() + ": only non-empty 8/16-bit images can be written as PNG");
    std::vector<png_bytep> rows(static_cast<std::size_t>(image.height()));
    for (int y = 0; y < image.height(); ++y)
        rows[static_cast<std::size_t>(y)] = image.view().row<png_byte>(y);
    const int colourType =
        image.format() == PixelFormat::Rgb8 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_GRAY;
    const int bitDepth = image.format() == PixelFormat::Gray16 ? 16 : 8;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(file.c_str(), "wb"),
                                                        std::fclose);
    if (!out)
        throw Error(ErrorCode::Io,
                    file.string() + ": cannot create file (" + std::strerror(errno) + ")");
    char message[256] = "unknown error";
    if (!writePngRows(out.get(), image.width(), image.height(), bitDepth, colourType, rows.data(),
                      message) ||
        std::fflush(out.get()) != 0)
        throw Error(ErrorCode::Io, file.string() + ": cannot write PNG (" + message + ")");
}

Image readPng(const std::filesystem::path& file) {
    PngImage png;
    if (!png_image_begin_read_from_file(&png.image, file.c_str()))
        throw Error(ErrorCode::BadFormat,
                    file.string() + ": not a readable PNG (" + png.image.message + ")");
    if (png.image.width == 0 || png.image.height == 0 ||
        static_cast<std::size_t>(png.image.width) * png.image.height * 4 > Image::kMaxBytes)
        throw Error(ErrorCode::Unsupported, file.string() + ": PNG of " +
                                                std::to_string(png.image.width) + "x" +
                                                std::to_string(png.image.height) +
                                                " pixels is larger than Prescreen accepts");
    const bool colour = (png.image.format & PNG_FORMAT_FLAG_COLOR) != 0;
    const bool wide = (png.image.format & PNG_FORMAT_FLAG_LINEAR) != 0;
    PixelFormat format = PixelFormat::Gray8;
    png.image.format = PNG_FORMAT_GRAY;
    if (colour) {
        format = PixelFormat::Rgb8;
        png.image.format = PNG_FORMAT_RGB;
    } else if (wide) {
        format = PixelFormat::Gray16;
        png.image.format = PNG_FORMAT_LINEAR_Y;
    }
    Image out(format, static_cast<int>(png.image.width), static_cast<int>(png.image.height));
    const auto stride =
        static_cast<png_int_32>(out.strideBytes() / (format == PixelFormat::Gray16 ? 2 : 1));
    if (!png_image_finish_read(&png.image, nullptr, out.view().data, stride, nullptr))
        throw Error(ErrorCode::BadFormat,
                    file.string() + ": PNG data unreadable (" + png.image.message + ")");
    return out;
}

Image readTiff(const std::filesystem::path& file) {
    installTiffHandlers();
    tiffMessage.clear();
    std::unique_ptr<TIFF, void (*)(TIFF*)> tiff(TIFFOpen(file.c_str(), "r"), TIFFClose);
    if (!tiff)
        throw Error(ErrorCode::BadFormat,
                    file.string() + ": not a readable TIFF (" + tiffMessage + ")");
    std::uint32_t width = 0, height = 0;
    std::uint16_t bits = 0, samples = 1, sampleFormat = SAMPLEFORMAT_UINT, planar = 1;
    TIFFGetField(tiff.get(), TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tiff.get(), TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_SAMPLEFORMAT, &sampleFormat);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_PLANARCONFIG, &planar);
    const std::string what = std::to_string(width) + "x" + std::to_string(height) + ", " +
                             std::to_string(samples) + " x " + std::to_string(bits) + " bits";
    if (width == 0 || height == 0 ||
        static_cast<std::size_t>(width) * height * 4 > Image::kMaxBytes)
        throw Error(ErrorCode::Unsupported, file.string() + ": TIFF " + what +
                                                " is empty or larger than Prescreen accepts");
    if ((bits != 8 && bits != 16) || sampleFormat != SAMPLEFORMAT_UINT ||
        (samples != 1 && samples != 3) || planar != PLANARCONFIG_CONTIG ||
        TIFFIsTiled(tiff.get()) != 0)
        throw Error(ErrorCode::Unsupported,
                    file.string() + ": TIFF " + what +
                        " is not supported (8/16-bit unsigned grey or RGB, in strips)");
    const tmsize_t lineBytes = TIFFScanlineSize(tiff.get());
    if (lineBytes < static_cast<tmsize_t>(width) * samples * (bits / 8))
        throw Error(ErrorCode::BadFormat, file.string() + ": TIFF line size is inconsistent");
    std::vector<std::uint8_t> line(static_cast<std::size_t>(lineBytes));
    Image out(samples == 3 ? PixelFormat::Rgb8
                           : (bits == 16 ? PixelFormat::Gray16 : PixelFormat::Gray8),
              static_cast<int>(width), static_cast<int>(height));
    for (std::uint32_t y = 0; y < height; ++y) {
        if (TIFFReadScanline(tiff.get(), line.data(), y, 0) < 0)
            throw Error(ErrorCode::BadFormat, file.string() + ": TIFF line " + std::to_string(y) +
                                                  " unreadable (" + tiffMessage + ")");
        auto* row = out.row<std::uint8_t>(static_cast<int>(y));
        if (samples == 3 && bits == 16) {
            const auto* words = reinterpret_cast<const std::uint16_t*>(line.data());
            for (std::size_t i = 0; i < static_cast<std::size_t>(width) * 3; ++i)
                row[i] = static_cast<std::uint8_t>(words[i] >> 8);
        } else {
            std::memcpy(row, line.data(), static_cast<std::size_t>(width) * samples * (bits / 8));
        }
    }
    return out;
}

} // namespace prescreen::imaging
