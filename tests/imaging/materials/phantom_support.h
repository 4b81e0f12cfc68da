#pragma once
// Helpers shared by the materials tests: phantoms by kind and seed, per-object accuracy.

#include <prescreen/imaging/materials/phantom.h>

#include <vector>

namespace prescreen::test {

/// How well one object's interior (its pixels at least `margin` from its edge) was classified.
struct ObjectAccuracy {
    const imaging::materials::PhantomObject* object = nullptr;
    long interiorPixels = 0;
    double fractionExpected = 0; ///< share of interior pixels in the object's expected class
    double fractionUnknown = 0;  ///< share classed "unknown" (the physics could not decide)
    /// Share in another confident class: neither the expected class nor unknown.
    double fractionWrong() const noexcept { return 1 - fractionExpected - fractionUnknown; }
};

std::vector<ObjectAccuracy> objectAccuracy(const imaging::materials::Phantom& phantom,
                                           const imaging::ImageView& classMap, int margin = 3);

/// Gray8 mask of the object's pixels (255 inside), the phantom's size.
imaging::Image objectMask(const imaging::materials::Phantom& phantom, int id);

/// A smaller phantom of each kind for fast tests (the kinds' layouts at reduced size).
imaging::materials::PhantomOptions smallOptions(imaging::materials::PhantomKind kind,
                                                std::uint64_t seed);

} // namespace prescreen::test
