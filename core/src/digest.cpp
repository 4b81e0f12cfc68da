#include <prescreen/core/digest.h>
#include <prescreen/error.h>

#include <openssl/evp.h>

namespace prescreen::core {

struct Digest::State {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    bool finished = false;
    ~State() { EVP_MD_CTX_free(context); }
};

Digest::Digest(Algorithm algorithm) : state_(std::make_unique<State>()) {
    const EVP_MD* md = algorithm == Algorithm::Md5 ? EVP_md5() : EVP_sha256();
    if (state_->context == nullptr || EVP_DigestInit_ex(state_->context, md, nullptr) != 1)
        throw Error(ErrorCode::Internal, "OpenSSL digest is unavailable");
}

Digest::~Digest() = default;
Digest::Digest(Digest&&) noexcept = default;
Digest& Digest::operator=(Digest&&) noexcept = default;

Digest& Digest::update(const void* data, std::size_t size) {
    if (state_->finished)
        throw Error(ErrorCode::Internal, "digest updated after it was finished");
    EVP_DigestUpdate(state_->context, data, size);
    return *this;
}

std::string Digest::hex() {
    unsigned char bytes[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(state_->context, bytes, &length);
    state_->finished = true;
    static const char* digits = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += digits[bytes[i] >> 4];
        text += digits[bytes[i] & 15];
    }
    return text;
}

} // namespace prescreen::core
