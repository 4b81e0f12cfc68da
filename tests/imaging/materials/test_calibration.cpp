#include <prescreen/error.h>
#include <prescreen/imaging/materials/calibration.h>

#include <catch2/catch.hpp>

#include <string>

using namespace prescreen::imaging::materials;
using Catch::Matchers::Contains;

namespace {

// A small valid calibration text; tests break one thing at a time.
std::string calibrationText(const std::string& references = R"([
    {"name": "a", "zEff": 6, "samples": [[1, 0.2, 0.3], [10, 1.8, 2.5]]},
    {"name": "b", "zEff": 26, "samples": [[0.1, 0.3, 1.2], [1, 2.5, 5.5]]}])",
                            const std::string& version = "1") {
    return R"({"format": "prescreen-calibration", "version": )" + version +
           R"(, "source": "test",
      "airAttenuation": 0.03, "impenetrableAttenuation": 5.5,
      "boundaries": {"organicInorganicZ": 10, "inorganicMetalZ": 18},
      "massModels": {"organic": {"reference": "a", "relativeUncertainty": 0.1},
                     "inorganic": {"reference": "a", "relativeUncertainty": 0.2},
                     "metal": {"reference": "b", "relativeUncertainty": 0.3}},
      "references": )" +
           references + "}";
}

} // namespace

TEST_CASE("the materials table lists the required materials with NIST data", "[materials]") {
    const auto& table = builtinMaterialTable();
    CHECK(table.version == 1);
    for (const char* name : {"polyethylene", "water", "sugar", "paper", "tnt", "glass", "aluminium",
                             "salt", "steel", "copper", "lead"})
        CHECK_NOTHROW(table.find(name));
    CHECK(table.find("water").muRhoHigh == Approx(0.1707)); // NIST, 100 keV
    CHECK(table.find("water").muRhoLow == Approx(0.2269));  // NIST, 50 keV
    CHECK(table.find("steel").materialClass == MaterialClass::Metal);
    CHECK(table.find("salt").materialClass == MaterialClass::Inorganic);
    CHECK(table.find("tnt").materialClass == MaterialClass::Organic);
    CHECK_THROWS_AS(table.find("unobtainium"), prescreen::Error);
}

TEST_CASE("the shipped calibration validates, shows beam hardening and matches the model",
          "[materials]") {
    const auto& c = builtinCalibration();
    std::vector<double> zs;
    for (const auto& r : c.references) {
        zs.push_back(r.zEff);
        // Beam hardening: R falls as the reference gets thicker.
        INFO(r.name);
        CHECK(r.ratioAt(3.0) < r.ratioAt(0.1));
        CHECK(r.samples.size() >= 10);
    }
    CHECK(zs == std::vector<double>{6.92, 10, 13, 18, 26, 82});
    const auto model = modelCalibration(builtinMaterialTable());
    REQUIRE(model.references.size() == c.references.size());
    for (std::size_t i = 0; i < c.references.size(); ++i) {
        for (const double a : {0.05, 0.5, 2.0, 5.0})
            CHECK(c.references[i].ratioAt(a) ==
                  Approx(model.references[i].ratioAt(a)).epsilon(1e-4));
    }
    CHECK(parseCalibration(calibrationToJson(c), "round trip").references.size() == 6);
}

TEST_CASE("the calibration puts each cargo material in its class over its thickness range",
          "[materials]") {
    const auto& table = builtinMaterialTable();
    const auto& c = builtinCalibration();
    for (const auto& m : table.materials) {
        if (m.boundary || m.name == "lead") // lead: K edge, see docs/materials.md
            continue;
        for (double rhoT = 0.1; rhoT < 200; rhoT *= 1.3) {
            const Layer layer{&m, rhoT};
            const auto a = modelAttenuation(table.beam, std::span<const Layer>(&layer, 1));
            if (a.high < 0.1 || a.high >= c.impenetrableAttenuation)
                continue;
            INFO(m.name << " at " << rhoT << " g/cm2, A_high " << a.high);
            CHECK(c.classify(a.high, a.low) == m.materialClass);
        }
    }
    const Layer lead{&table.find("lead"), 11.35 * 1.0};
    const auto a = modelAttenuation(table.beam, std::span<const Layer>(&lead, 1));
    CHECK(c.classify(a.high, a.low) == MaterialClass::Impenetrable);
    CHECK(c.classify(0.001, 0.002) == MaterialClass::Background);
}

TEST_CASE("a malformed calibration is rejected saying what and where", "[materials]") {
    const auto rejects = [](const std::string& text, const std::string& message) {
        INFO(text);
        CHECK_THROWS_WITH(parseCalibration(text, "cal.json"), Contains(message));
    };
    CHECK_NOTHROW(parseCalibration(calibrationText(), "cal.json"));
    rejects("{not json", "cal.json: not valid JSON");
    rejects("[1, 2]", "cal.json: the top level is not a JSON object");
    rejects(calibrationText(R"([])"), "field 'references' is not a non-empty array");
    rejects(calibrationText(calibrationText().substr(0, 0) + R"([
        {"name": "a", "zEff": 6, "samples": [[1, 0.2, 0.3], [10, 0.1, 2.5]]},
        {"name": "b", "zEff": 26, "samples": [[0.1, 0.3, 1.2], [1, 2.5, 5.5]]}])"),
            "references[0] ('a'), samples[1]: aHigh and massThicknessGcm2 must increase");
    rejects(calibrationText(R"([
        {"name": "a", "zEff": 6, "samples": [[1, 0.2]]},
        {"name": "b", "zEff": 26, "samples": [[0.1, 0.3, 1.2], [1, 2.5, 5.5]]}])"),
            "samples[0]: is not [massThicknessGcm2, aHigh, aLow]");
    rejects(calibrationText(R"([
        {"name": "a", "zEff": 12, "samples": [[1, 0.2, 0.3], [10, 1.8, 2.5]]},
        {"name": "b", "zEff": 26, "samples": [[0.1, 0.3, 1.2], [1, 2.5, 5.5]]}])"),
            "boundaries must satisfy");
    rejects(calibrationText(R"([
        {"name": "c", "zEff": 6, "samples": [[1, 0.2, 0.3], [10, 1.8, 2.5]]},
        {"name": "b", "zEff": 26, "samples": [[0.1, 0.3, 1.2], [1, 2.5, 5.5]]}])"),
            "massModels.organic: names reference 'a', which is not listed");
    rejects(calibrationText(R"([
        {"name": "a", "zEff": 6, "samples": [[1, 0.2, 0.3], [10, 1.8, 2.5]]},
        {"name": "b", "zEff": "heavy", "samples": [[0.1, 0.3, 1.2], [1, 2.5, 5.5]]}])"),
            "references[1] ('b'): field 'zEff' is not a finite number");
    CHECK_THROWS_WITH(parseCalibration(calibrationText(R"([])", "2"), "cal.json"),
                      Contains("version 2") && Contains("not supported"));
}

TEST_CASE("a malformed materials table is rejected saying what and where", "[materials]") {
    const std::string head = R"({"format": "prescreen-materials", "version": 1, "source": "t",
      "energiesKeV": [50, 100],
      "beam": {"tubeKv": 160, "lowWeights": [1, 0], "highWeights": [0, 1],
               "lowEffectiveKeV": 50, "highEffectiveKeV": 100},
      "materials": [)";
    CHECK_NOTHROW(parseMaterialTable(
        head +
            R"({"name": "w", "class": "organic", "zEff": 7, "densityGcm3": 1, "muRho": [0.2, 0.17]}]})",
        "m.json"));
    CHECK_THROWS_WITH(parseMaterialTable(head + R"({"name": "w", "class": "organic", "zEff": 7,
                                      "densityGcm3": 1, "muRho": [0.2]}]})",
                                         "m.json"),
                      Contains("m.json, materials[0], material 'w': 'muRho' has 1 values"));
    CHECK_THROWS_WITH(parseMaterialTable(head + R"({"name": "w", "class": "plasma", "zEff": 7,
                                      "densityGcm3": 1, "muRho": [0.2, 0.1]}]})",
                                         "m.json"),
                      Contains("class 'plasma'"));
    CHECK_THROWS_WITH(parseMaterialTable(head + R"({"name": "w", "class": "organic", "zEff": 7,
                                      "densityGcm3": -1, "muRho": [0.2, 0.1]}]})",
                                         "m.json"),
                      Contains("'densityGcm3' must be positive"));
}
