#include <prescreen/core/password.h>
#include <prescreen/error.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <sodium.h>

namespace prescreen::core {
namespace {

constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::string_view kPrefix = "$argon2id$v=19$";

// Upper bounds on the cost a stored hash may claim. Verifying runs whatever the hash says, so a
// hash claiming more (a damaged or planted row) would make a login allocate and compute without
// limit; such a hash is treated as malformed. libsodium's SENSITIVE limits are the strongest it
// offers; twice its passes leaves room for a future, stronger default.
constexpr std::uint64_t kMaxMemKiB = crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE / 1024;
constexpr std::uint64_t kMaxOps = 2 * crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE;

void ensureSodium() {
    // sodium_init is safe to call repeatedly; the static makes it once per process, thread-safe.
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw Error(ErrorCode::Internal, "libsodium could not be initialised");
}

struct HashParameters {
    std::uint64_t memKiB = 0;
    std::uint64_t ops = 0;
};

// Reads "NAME=DIGITS" at the front of `text` and consumes it.
std::optional<std::uint64_t> takeNumber(std::string_view& text, std::string_view name) {
    if (text.substr(0, name.size()) != name || text.size() <= name.size() + 1 ||
        text[name.size()] != '=')
        return std::nullopt;
    text.remove_prefix(name.size() + 1);
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end == text.data())
        return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return value;
}

// The limits of a hash in libsodium's Argon2id string form, or nullopt if it is not that form or
// claims more than the bounds above.
std::optional<HashParameters> parseHash(const std::string& hash) {
    if (hash.size() >= crypto_pwhash_argon2id_STRBYTES || hash.find('\0') != std::string::npos)
        return std::nullopt;
    std::string_view rest(hash);
    if (rest.substr(0, kPrefix.size()) != kPrefix)
        return std::nullopt;
    rest.remove_prefix(kPrefix.size());
    HashParameters parameters;
    const auto mem = takeNumber(rest, "m");
    if (!mem || rest.empty() || rest.front() != ',')
        return std::nullopt;
    rest.remove_prefix(1);
    const auto ops = takeNumber(rest, "t");
    if (!ops || rest.empty() || rest.front() != ',')
        return std::nullopt;
    rest.remove_prefix(1);
    const auto lanes = takeNumber(rest, "p");
    if (!lanes || *lanes != 1 || rest.empty() || rest.front() != '$')
        return std::nullopt;
    if (*mem == 0 || *mem > kMaxMemKiB || *ops == 0 || *ops > kMaxOps)
        return std::nullopt;
    parameters.memKiB = *mem;
    parameters.ops = *ops;
    return parameters;
}

} // namespace

PasswordCost PasswordCost::interactive() {
    return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::minimum() {
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

std::string hashPassword(std::string_view password, PasswordCost cost) {
    if (password.empty())
        throw Error(ErrorCode::InvalidArgument, "password hashing: the password is empty");
    if (password.size() > kMaxPasswordBytes)
        throw Error(ErrorCode::InvalidArgument, "password hashing: the password is longer than " +
                                                    std::to_string(kMaxPasswordBytes) + " bytes");
    if (cost.opsLimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || cost.opsLimit > kMaxOps ||
        cost.memLimitBytes < crypto_pwhash_argon2id_MEMLIMIT_MIN ||
        cost.memLimitBytes / 1024 > kMaxMemKiB)
        throw Error(ErrorCode::InvalidArgument, "password hashing: cost out of range (" +
                                                    std::to_string(cost.opsLimit) + " passes, " +
                                                    std::to_string(cost.memLimitBytes) + " bytes)");
    ensureSodium();
    char out[crypto_pwhash_argon2id_STRBYTES];
    if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), cost.opsLimit,
                                   cost.memLimitBytes) != 0)
        throw Error(ErrorCode::Internal, "password hashing: Argon2id failed (out of memory? " +
                                             std::to_string(cost.memLimitBytes) +
                                             " bytes requested)");
    return out;
}

bool verifyPassword(std::string_view password, const std::string& hash) {
    // Such passwords are never hashed, so they match nothing; refusing them early also keeps a
    // huge input from being fed to the KDF.
    if (password.empty() || password.size() > kMaxPasswordBytes || !parseHash(hash))
        return false;
    ensureSodium();
    return crypto_pwhash_argon2id_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool passwordNeedsRehash(const std::string& hash, PasswordCost cost) {
    const auto parameters = parseHash(hash);
    if (!parameters)
        return true;
    if (parameters->memKiB < cost.memLimitBytes / 1024 || parameters->ops < cost.opsLimit)
        return true;
    // At least as strong as asked: libsodium, given the hash's own limits, still flags any other
    // difference from what it would write today (version, salt or tag length).
    ensureSodium();
    return crypto_pwhash_argon2id_str_needs_rehash(hash.c_str(), parameters->ops,
                                                   parameters->memKiB * 1024) != 0;
}

std::chrono::seconds loginBackoff(int consecutiveFailures) {
    constexpr int kFree = 3;
    constexpr std::chrono::seconds kFirst{30};
    constexpr std::chrono::seconds kCap{15 * 60};
    if (consecutiveFailures <= kFree)
        return std::chrono::seconds{0};
    // 30 s * 2^5 already exceeds the cap; stopping there also keeps the shift from overflowing.
    const int doublings = std::min(consecutiveFailures - kFree - 1, 5);
    return std::min(kFirst * (1 << doublings), kCap);
}

} // namespace prescreen::core
