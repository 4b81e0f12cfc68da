#include <prescreen/core/password.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>

#include <string>

using namespace prescreen;
using namespace prescreen::core;
using namespace std::chrono_literals;

namespace {

const PasswordCost kFast = PasswordCost::minimum();

} // namespace

TEST_CASE("a password hashes to an Argon2id string that verifies it", "[password]") {
    const auto hash = hashPassword("correct horse battery staple", kFast);
    CHECK(hash.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0) == 0);
    CHECK(verifyPassword("correct horse battery staple", hash));
}

TEST_CASE("hashes are salted: the same password gives a new hash each time", "[password]") {
    const auto first = hashPassword("s3cret-pass", kFast);
    const auto second = hashPassword("s3cret-pass", kFast);
    CHECK(first != second);
    CHECK(verifyPassword("s3cret-pass", first));
    CHECK(verifyPassword("s3cret-pass", second));
}

TEST_CASE("a wrong password does not verify", "[password]") {
    const auto hash = hashPassword("s3cret-pass", kFast);
    CHECK_FALSE(verifyPassword("s3cret-pasS", hash));
    CHECK_FALSE(verifyPassword("s3cret-pas", hash));
    CHECK_FALSE(verifyPassword("s3cret-pass ", hash));
    CHECK_FALSE(verifyPassword(std::string("s3cret-pass\0x", 13), hash));
    CHECK_FALSE(verifyPassword("", hash));
    CHECK_FALSE(verifyPassword(std::string(1025, 'a'), hash));
}

TEST_CASE("every byte of a password counts, including bytes after a NUL", "[password]") {
    const std::string withNul("abc\0def", 7);
    const auto hash = hashPassword(withNul, kFast);
    CHECK(verifyPassword(withNul, hash));
    CHECK_FALSE(verifyPassword("abc", hash));
    CHECK_FALSE(verifyPassword(std::string("abc\0deg", 7), hash));
}

TEST_CASE("empty and over-long passwords are refused", "[password]") {
    const auto refuses = [](const std::string& password) {
        try {
            hashPassword(password, kFast);
        } catch (const Error& error) {
            return error.code() == ErrorCode::InvalidArgument;
        }
        return false;
    };
    CHECK(refuses(""));
    CHECK(refuses(std::string(1025, 'x')));
    const std::string longest(1024, 'x');
    CHECK(verifyPassword(longest, hashPassword(longest, kFast)));
}

TEST_CASE("a cost outside libsodium's range is refused", "[password]") {
    CHECK_THROWS_AS(hashPassword("s3cret-pass", PasswordCost{0, kFast.memLimitBytes}), Error);
    CHECK_THROWS_AS(hashPassword("s3cret-pass", PasswordCost{1, 1024}), Error);
}

TEST_CASE("a malformed or hostile stored hash verifies nothing and does not crash", "[password]") {
    const auto good = hashPassword("s3cret-pass", kFast);
    std::string flipped = good;
    flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
    std::string truncated = good.substr(0, good.size() - 5);
    std::string argon2i = good;
    argon2i.replace(0, 10, "$argon2i$");
    std::string withNul = good;
    withNul.insert(20, 1, '\0');
    const char* malformed[] = {
        "",
        "plain text",
        "$argon2id$",
        "$argon2id$v=19$",
        "$argon2id$v=19$m=8,t=1$c2FsdHNhbHQ$aGFzaA",
        "$argon2id$v=19$m=x,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=18$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        // Claims 4 TiB of memory and a billion passes: refused before any work is done.
        "$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=8,t=1000000000,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=8,t=1,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
        "$argon2id$v=19$m=99999999999999999999999,t=1,p=1$c2FsdA$aGFzaA",
    };
    for (const char* hash : malformed) {
        INFO(hash);
        CHECK_FALSE(verifyPassword("s3cret-pass", hash));
        CHECK(passwordNeedsRehash(hash, kFast));
    }
    for (const auto& hash : {flipped, truncated, argon2i, withNul, good + std::string(200, 'A')}) {
        INFO(hash);
        CHECK_FALSE(verifyPassword("s3cret-pass", hash));
    }
    CHECK(verifyPassword("s3cret-pass", good));
}

TEST_CASE("a hash made with weaker limits needs a re-hash, a current one does not", "[password]") {
    const auto weak = hashPassword("s3cret-pass", PasswordCost::minimum());
    CHECK_FALSE(passwordNeedsRehash(weak, PasswordCost::minimum()));
    CHECK(passwordNeedsRehash(weak, PasswordCost::interactive()));
    CHECK(passwordNeedsRehash(weak, PasswordCost{2, PasswordCost::minimum().memLimitBytes}));
    CHECK(passwordNeedsRehash(weak, PasswordCost{1, 2 * PasswordCost::minimum().memLimitBytes}));

    const auto strong = hashPassword("s3cret-pass", PasswordCost::interactive());
    CHECK(strong.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
    CHECK(verifyPassword("s3cret-pass", strong));
    CHECK_FALSE(passwordNeedsRehash(strong, PasswordCost::interactive()));
    // Stronger than asked is not a reason to weaken it.
    CHECK_FALSE(passwordNeedsRehash(strong, PasswordCost::minimum()));
}

TEST_CASE("failed logins back off: free for 3, then 30 s doubling, capped at 15 minutes",
          "[password]") {
    const std::pair<int, std::chrono::seconds> table[] = {
        {-1, 0s},   {0, 0s},    {1, 0s},      {2, 0s},
        {3, 0s},    {4, 30s},   {5, 60s},     {6, 120s},
        {7, 240s},  {8, 480s},  {9, 900s},    {10, 900s},
        {31, 900s}, {32, 900s}, {1000, 900s}, {2147483647, 900s},
    };
    for (const auto& [failures, expected] : table) {
        INFO(failures << " failures");
        CHECK(loginBackoff(failures) == expected);
    }
}
