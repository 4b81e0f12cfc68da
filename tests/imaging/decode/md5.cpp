#include "md5.h"

#include <openssl/evp.h>

#include <memory>

namespace prescreen::test {

std::string md5OfPixels(const imaging::Image& image) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
    EVP_DigestInit_ex(context.get(), EVP_md5(), nullptr);
    for (int y = 0; y < image.height(); ++y)
        EVP_DigestUpdate(context.get(), image.row<std::uint16_t>(y),
                         static_cast<std::size_t>(image.width()) * 2);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), digest, &length);
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += "0123456789abcdef"[digest[i] >> 4];
        hex += "0123456789abcdef"[digest[i] & 15];
    }
    return hex;
}

} // namespace prescreen::test
