#pragma once
// Officer passwords: hashed with libsodium's crypto_pwhash (Argon2id, memory-hard) into its
// self-describing string form, and the back-off that slows guessing after failed logins.

#include <chrono>
#include <string>
#include <string_view>

namespace prescreen::core {

struct PasswordCost {
    unsigned long long opsLimit;
    std::size_t memLimitBytes;
    /// libsodium's INTERACTIVE limits (64 MiB): the default for officer logins.
    static PasswordCost interactive();
    /// libsodium's minimum limits: for tests and demo data only, never for real officers.
    static PasswordCost minimum();
};

/// Argon2id hash in libsodium's string form ("$argon2id$v=19$m=...").
/// Throws prescreen::Error (InvalidArgument) for an empty or over-long password (> 1024 bytes).
std::string hashPassword(std::string_view password,
                         PasswordCost cost = PasswordCost::interactive());
/// Constant-time check of a password against a stored hash; false for a malformed hash.
bool verifyPassword(std::string_view password, const std::string& hash);
/// True if the hash was made with weaker limits than `cost` (re-hash at the next good login).
bool passwordNeedsRehash(const std::string& hash, PasswordCost cost = PasswordCost::interactive());

/// How long an account stays locked after its n-th consecutive failed login: none for the first
/// 3, then 30 s doubling per further failure, capped at 15 minutes.
std::chrono::seconds loginBackoff(int consecutiveFailures);

} // namespace prescreen::core
