// Each profile classifies its own phantom: pixels made with that profile's physics (its beam,
// its photon statistics), classified with its calibration and the noise estimated from the
// pixels. Where the physics cannot decide, "unknown" is allowed; a confident wrong class is not.

#include "phantom_support.h"

#include <prescreen/imaging/materials/classify.h>
#include <prescreen/imaging/materials/profile.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

using namespace prescreen::imaging;
using namespace prescreen::imaging::materials;

namespace {

struct Classified {
    Phantom phantom;
    Image classes;
    NoiseModel noise;
};

Classified classify(PhantomKind kind, std::uint64_t seed, const std::string& profile) {
    Classified result{generatePhantom(prescreen::test::smallOptions(kind, seed), profile), {}, {}};
    const auto input = dualEnergyInput(result.phantom.scan.views.front());
    const auto choice = selectProfile(builtinProfiles(), result.phantom.scan);
    REQUIRE(choice.calibration->profile.id == profile);
    result.noise = estimateNoise(input);
    const MaterialRenderer renderer(*choice.calibration, result.noise);
    result.classes = Image(PixelFormat::Gray8, input.high.width, input.high.height);
    renderer.classMap(input, result.classes.view());
    return result;
}

} // namespace

TEST_CASE("the noise estimate recovers the phantom's photon statistics", "[materials][noise]") {
    for (const auto& [profile, gain] :
         {std::pair{"parcel-160kv", 1.0}, std::pair{"linac-6-4mev", 0.06}}) {
        const auto phantom =
            generatePhantom(prescreen::test::smallOptions(PhantomKind::Pallet, 3), profile);
        const auto noise = estimateNoise(dualEnergyInput(phantom.scan.views.front()));
        INFO(profile << ": gain " << noise.high.gain << " / " << noise.low.gain << ", dark "
                     << noise.high.darkVariance);
        CHECK(noise.high.gain == Approx(gain).epsilon(0.15));
        CHECK(noise.low.gain == Approx(gain).epsilon(0.15));
        CHECK(noise.high.darkVariance < 60); // read noise 3^2 = 9; a loose upper bound
    }
}

TEST_CASE("each profile classifies its own phantom without confident wrong colours",
          "[materials][profiles][phantom]") {
    for (const char* profile : {"parcel-160kv", "linac-6-4mev", "linac-9-6mev"}) {
        for (const auto kind : {PhantomKind::Parcel, PhantomKind::Pallet, PhantomKind::Container}) {
            for (const std::uint64_t seed : {1u, 2u}) {
                const auto c = classify(kind, seed, profile);
                double expected = 0, unknown = 0;
                int objects = 0;
                for (const auto& a : prescreen::test::objectAccuracy(c.phantom, c.classes.view())) {
                    // Borosilicate glass is "inorganic" by its photoelectric Z_eff (11.2), but at
                    // MeV the electron-weighted Z that pair production sees is about 10.3: on
                    // the organic / inorganic boundary. No MeV calibration separates it
                    // (docs/materials.md), so it is left out for the linac profiles.
                    const bool mev = std::string(profile) != "parcel-160kv";
                    if (a.interiorPixels < 50 || (mev && a.object->material == "glass"))
                        continue;
                    INFO(profile << " " << phantomKindName(kind) << " seed " << seed << " object "
                                 << a.object->id << " " << a.object->material << " "
                                 << a.object->thicknessCm << " cm: expected " << a.fractionExpected
                                 << ", unknown " << a.fractionUnknown);
                    CHECK(a.fractionWrong() <= 0.05);
                    expected += a.fractionExpected;
                    unknown += a.fractionUnknown;
                    ++objects;
                }
                REQUIRE(objects > 0);
                std::printf("%s %s seed %llu: %d objects, in expected class %.3f, unknown %.3f\n",
                            profile, phantomKindName(kind), static_cast<unsigned long long>(seed),
                            objects, expected / objects, unknown / objects);
                CHECK(expected / objects >= 0.75);
            }
        }
    }
}

TEST_CASE("the steel frame of a container is metal at 6 / 4 MeV, never organic",
          "[materials][profiles][phantom]") {
    const auto c = classify(PhantomKind::Container, 1, "linac-6-4mev");
    const auto& in = c.phantom.truth.interior;
    std::array<long, kMaterialClassCount> counts{};
    // The frame is the 2-pixel band just outside the interior (steel seen edge-on, 120 cm deep).
    for (int y = in.y + 10; y < in.y + in.height - 10; ++y)
        for (const int x : {in.x - 2, in.x - 1, in.x + in.width, in.x + in.width + 1})
            ++counts[c.classes.row<std::uint8_t>(y)[x]];
    const long total = counts[0] + counts[1] + counts[2] + counts[3] + counts[4] + counts[5];
    INFO("organic " << counts[1] << " inorganic " << counts[2] << " metal " << counts[3]
                    << " impenetrable " << counts[4] << " unknown " << counts[5]);
    CHECK(counts[3] >= total * 9 / 10);
    CHECK(counts[1] == 0);

    // The same pixels under the 160 kV parcel calibration: the wrong profile paints them orange.
    const MaterialRenderer parcel(builtinProfiles().front());
    const auto input = dualEnergyInput(c.phantom.scan.views.front());
    long organic = 0;
    for (int y = in.y + 10; y < in.y + in.height - 10; ++y) {
        const auto* h = input.high.row<const std::uint16_t>(y);
        const auto* l = input.low.row<const std::uint16_t>(y);
        const int x = in.x - 1;
        const double aHigh = -std::log(h[x] / input.airHigh);
        const double aLow = -std::log(l[x] / input.airLow);
        organic += parcel.classify(aHigh, aLow) == MaterialClass::Organic ? 1 : 0;
    }
    CHECK(organic > (in.height - 20) / 2);
}
