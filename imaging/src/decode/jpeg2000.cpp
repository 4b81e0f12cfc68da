// JPEG 2000 frames through OpenJPEG, from memory, with the image size checked against the DICOM
// header before anything is decoded (a hostile codestream cannot size our allocations).
#include "decoded_file.h"

#include <prescreen/error.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <openjpeg.h>

namespace prescreen::imaging::decode {
namespace {

struct MemorySource {
    const std::uint8_t* data;
    std::size_t size;
    std::size_t offset = 0;
};

OPJ_SIZE_T readMemory(void* buffer, OPJ_SIZE_T bytes, void* user) {
    auto* source = static_cast<MemorySource*>(user);
    if (source->offset >= source->size)
        return static_cast<OPJ_SIZE_T>(-1);
    const std::size_t n = std::min<std::size_t>(bytes, source->size - source->offset);
    std::memcpy(buffer, source->data + source->offset, n);
    source->offset += n;
    return n;
}

OPJ_OFF_T skipMemory(OPJ_OFF_T bytes, void* user) {
    auto* source = static_cast<MemorySource*>(user);
    if (bytes < 0 || static_cast<std::size_t>(bytes) > source->size - source->offset)
        return -1;
    source->offset += static_cast<std::size_t>(bytes);
    return bytes;
}

OPJ_BOOL seekMemory(OPJ_OFF_T position, void* user) {
    auto* source = static_cast<MemorySource*>(user);
    if (position < 0 || static_cast<std::size_t>(position) > source->size)
        return OPJ_FALSE;
    source->offset = static_cast<std::size_t>(position);
    return OPJ_TRUE;
}

void recordError(const char* message, void* user) {
    auto* last = static_cast<std::string*>(user);
    *last = message;
    while (!last->empty() && (last->back() == '\n' || last->back() == ' '))
        last->pop_back();
}

void ignoreMessage(const char*, void*) {}

struct CodecDeleter {
    void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
    void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
    void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

} // namespace

void decodeJpeg2000(const std::uint8_t* data, std::size_t size, Image& out, bool expectSigned,
                    const std::string& where, std::vector<std::string>& warnings) {
    static const std::uint8_t kCodestream[] = {0xFF, 0x4F, 0xFF, 0x51};
    static const std::uint8_t kJp2[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
    OPJ_CODEC_FORMAT format;
    if (size >= 4 && std::memcmp(data, kCodestream, 4) == 0)
        format = OPJ_CODEC_J2K;
    else if (size >= 8 && std::memcmp(data, kJp2, 8) == 0)
        format = OPJ_CODEC_JP2;
    else
        throw Error(ErrorCode::BadFormat, where + ": not a JPEG 2000 codestream");

    MemorySource source{data, size};
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(opj_stream_create(1 << 16, OPJ_TRUE));
    opj_stream_set_user_data(stream.get(), &source, nullptr);
    opj_stream_set_user_data_length(stream.get(), size);
    opj_stream_set_read_function(stream.get(), readMemory);
    opj_stream_set_skip_function(stream.get(), skipMemory);
    opj_stream_set_seek_function(stream.get(), seekMemory);

    std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(format));
    std::string lastError = "unknown error";
    opj_set_error_handler(codec.get(), recordError, &lastError);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters))
        throw Error(ErrorCode::Internal, where + ": OpenJPEG decoder set-up failed");

    opj_image_t* raw = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &raw))
        throw Error(ErrorCode::BadFormat,
                    where + ": JPEG 2000 header unreadable (" + lastError + ")");
    std::unique_ptr<opj_image_t, ImageDeleter> image(raw);
    const auto width = image->x1 - image->x0;
    const auto height = image->y1 - image->y0;
    const auto components = image->numcomps;
    if (components == 0 || static_cast<int>(width) != out.width() ||
        static_cast<int>(height * components) != out.height())
        throw Error(ErrorCode::BadFormat,
                    where + ": JPEG 2000 image is " + std::to_string(width) + "x" +
                        std::to_string(height) + " with " + std::to_string(components) +
                        " component(s); the DICOM header says " + std::to_string(out.width()) +
                        " columns and " + std::to_string(out.height()) + " rows × samples");
    if (!opj_decode(codec.get(), stream.get(), image.get()) ||
        !opj_end_decompress(codec.get(), stream.get()))
        throw Error(ErrorCode::BadFormat,
                    where + ": JPEG 2000 data cannot be decoded (" + lastError + ")");

    const bool codestreamSigned = image->comps[0].sgnd != 0;
    if (codestreamSigned != expectSigned)
        warnings.push_back(
            where + ": JPEG 2000 says " + (codestreamSigned ? "signed" : "unsigned") +
            " pixels, Pixel Representation says " + (expectSigned ? "signed" : "unsigned") +
            "; following Pixel Representation");
    for (OPJ_UINT32 c = 0; c < components; ++c) {
        const opj_image_comp_t& comp = image->comps[c];
        if (comp.w != width || comp.h != height || comp.data == nullptr)
            throw Error(ErrorCode::Unsupported,
                        where + ": subsampled JPEG 2000 components are not supported");
        for (OPJ_UINT32 y = 0; y < height; ++y) {
            auto* row = out.row<std::uint16_t>(static_cast<int>(c * height + y));
            const OPJ_INT32* src = comp.data + static_cast<std::size_t>(y) * width;
            for (OPJ_UINT32 x = 0; x < width; ++x) {
                const OPJ_INT32 v = src[x];
                row[x] = expectSigned ? static_cast<std::uint16_t>(std::clamp(v, -32768, 32767))
                                      : static_cast<std::uint16_t>(std::clamp(v, 0, 65535));
            }
        }
    }
}

} // namespace prescreen::imaging::decode
