#pragma once
// Message digests (OpenSSL EVP) as lower-case hex: SHA-256 for content addresses and the audit
// chain, MD5 only where an external oracle uses it (pixel checksums of test sets).

#include <cstddef>
#include <memory>
#include <string>

namespace prescreen::core {

class Digest {
public:
    enum class Algorithm { Md5, Sha256 };

    explicit Digest(Algorithm algorithm);
    ~Digest();
    Digest(Digest&&) noexcept;
    Digest& operator=(Digest&&) noexcept;

    Digest& update(const void* data, std::size_t size);
    /// Finishes the digest; the object cannot be updated afterwards.
    std::string hex();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace prescreen::core
