#include "../args.h"
#include "../commands.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>

#include <openssl/evp.h>

#include <bit>
#include <memory>
#include <ostream>

namespace prescreen::cli {
namespace {

// MD5 over the plane's stored values as little-endian uint16, row after row, no padding.
std::string md5Hex(const imaging::Image& image) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
    if (!context || EVP_DigestInit_ex(context.get(), EVP_md5(), nullptr) != 1)
        throw Error(ErrorCode::Internal, "OpenSSL MD5 is unavailable");
    static_assert(std::endian::native == std::endian::little, "stored values hashed as-is");
    const std::size_t rowBytes = static_cast<std::size_t>(image.width()) * 2;
    for (int y = 0; y < image.height(); ++y)
        EVP_DigestUpdate(context.get(), image.row<std::uint16_t>(y), rowBytes);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), digest, &length);
    static const char* hex = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += hex[digest[i] >> 4];
        text += hex[digest[i] & 15];
    }
    return text;
}

} // namespace

int pixelsCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {}, {"--md5", "--no-siblings"});
    parsed.expectPositionals(1, 1, "exactly one PATH (a scan file or folder)");
    if (!parsed.has("--md5"))
        throw UsageError("say what to print: --md5");
    imaging::OpenOptions options;
    options.findSiblings = !parsed.has("--no-siblings");
    const auto scan = imaging::openScan(parsed.positionals().front(), options);
    for (const auto& view : scan.views) {
        for (const auto& plane : view.planes) {
            out << md5Hex(plane.pixels) << "  view " << view.index << ' '
                << imaging::planeKindName(plane.kind) << ' ' << plane.pixels.width() << 'x'
                << plane.pixels.height() << "  " << plane.sourceFile.filename().string() << '\n';
        }
    }
    return 0;
}

} // namespace prescreen::cli
