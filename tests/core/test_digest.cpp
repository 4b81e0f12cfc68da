#include <prescreen/core/digest.h>

#include <catch2/catch.hpp>

TEST_CASE("digests match the published test vectors", "[digest]") {
    using prescreen::core::Digest;
    CHECK(Digest(Digest::Algorithm::Sha256).update("abc", 3).hex() ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(Digest(Digest::Algorithm::Md5).update("abc", 3).hex() ==
          "900150983cd24fb0d6963f7d28e17f72");
    Digest twice(Digest::Algorithm::Sha256);
    twice.hex();
    CHECK_THROWS(twice.update("x", 1));
}
