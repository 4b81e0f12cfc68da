#include <prescreen/imaging/materials/calibration.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace prescreen::imaging::materials {
namespace {

// The references of the shipped calibration: organic (Z ~7), the Z = 10 boundary, aluminium
// (13), the Z = 18 boundary, iron (26) and lead (82).
constexpr std::array<const char*, 6> kReferences = {"sugar",     "neon-z10", "aluminium",
                                                    "argon-z18", "steel",    "lead"};
constexpr double kFirstMassThickness = 0.02; // g/cm²
constexpr double kStep = 1.25;               // geometric sampling of ρt

ReferenceCurve sampleCurve(const Beam& beam, const Material& material, double lastAttenuation) {
    ReferenceCurve curve{material.name, material.zEff, {}};
    for (double rhoT = kFirstMassThickness;; rhoT *= kStep) {
        const Layer layer{&material, rhoT};
        const auto a = modelAttenuation(beam, std::span<const Layer>(&layer, 1));
        curve.samples.push_back({rhoT, a.high, a.low});
        if (a.high > lastAttenuation)
            break;
    }
    return curve;
}

// Largest relative error of the reference's curve as a mass-thickness estimate for the class's
// members, over the penetrable range: the "spread of μ/ρ within the class", beam hardening
// included. Members heavier than Z 50 (lead) are outside the model (docs/materials.md).
double classSpread(const MaterialTable& table, const ReferenceCurve& reference, MaterialClass value,
                   const ModelLevels& levels) {
    double worst = 0;
    for (const auto& m : table.materials) {
        if (m.boundary || m.materialClass != value || m.zEff > 50)
            continue;
        for (double rhoT = kFirstMassThickness;; rhoT *= kStep) {
            const Layer layer{&m, rhoT};
            const auto a = modelAttenuation(table.beam, std::span<const Layer>(&layer, 1));
            if (a.high >= levels.impenetrableAttenuation)
                break;
            if (a.high > levels.airAttenuation)
                worst = std::max(worst, std::abs(reference.massThicknessAt(a.high) / rhoT - 1));
        }
    }
    return std::ceil(worst * 100) / 100;
}

std::string number(double value, int significant) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*g", significant, value);
    return text;
}

} // namespace

Calibration modelCalibration(const MaterialTable& table, const ModelLevels& levels) {
    Calibration c;
    c.version = 1;
    if (table.beam.spectrum)
        c.source = "Computed by prescreen::imaging::materials::modelCalibration from "
                   "resources/materials/materials-mev.json (NIST mass attenuation coefficients, "
                   "linac bremsstrahlung " +
                   number(table.beam.spectrum->highEndpointKeV / 1000, 3) + " / " +
                   number(table.beam.spectrum->lowEndpointKeV / 1000, 3) +
                   " MeV, Kramers thick-target spectrum, filtered, energy-integrating detector): "
                   "A = -ln sum_E w(E) exp(-mu/rho(E) rho t).";
    else
        c.source =
            "Computed by prescreen::imaging::materials::modelCalibration from "
            "resources/materials/materials.json (NIST XCOM mass attenuation coefficients, "
            "160 kV sandwich-detector beam model): A = -ln sum_E w(E) exp(-mu/rho(E) rho t).";
    c.airAttenuation = levels.airAttenuation;
    c.impenetrableAttenuation = levels.impenetrableAttenuation;
    c.organicInorganicZ = 10;
    c.inorganicMetalZ = 18;
    for (const char* name : kReferences)
        c.references.push_back(sampleCurve(table.beam, table.find(name), levels.lastAttenuation));
    std::sort(c.references.begin(), c.references.end(),
              [](const ReferenceCurve& a, const ReferenceCurve& b) { return a.zEff < b.zEff; });
    const std::array<std::pair<MaterialClass, const char*>, 3> models = {
        {{MaterialClass::Organic, "sugar"},
         {MaterialClass::Inorganic, "aluminium"},
         {MaterialClass::Metal, "steel"}}};
    for (const auto& [value, name] : models) {
        auto& model = c.massModels[static_cast<std::size_t>(value)];
        model.reference = name;
        model.relativeUncertainty = classSpread(table, c.reference(name), value, levels);
    }
    validateCalibration(c, "modelCalibration");
    return c;
}

std::string calibrationToJson(const Calibration& c) {
    std::ostringstream out;
    const auto quoted = [](const std::string& s) {
        return nlohmann::json(s).dump();
    };
    out << "{\n  \"format\": \"prescreen-calibration\",\n  \"version\": " << c.version << ",\n"
        << "  \"source\": " << quoted(c.source) << ",\n";
    if (!c.profile.id.empty())
        out << "  \"profile\": {\"id\": " << quoted(c.profile.id)
            << ", \"name\": " << quoted(c.profile.name)
            << ", \"manufacturer\": " << quoted(c.profile.manufacturer)
            << ", \"model\": " << quoted(c.profile.model)
            << ", \"highEnergyKeV\": " << number(c.profile.highEnergyKeV, 6)
            << ", \"lowEnergyKeV\": " << number(c.profile.lowEnergyKeV, 6) << "},\n";
    out << "  \"airAttenuation\": " << number(c.airAttenuation, 6) << ",\n"
        << "  \"impenetrableAttenuation\": " << number(c.impenetrableAttenuation, 6) << ",\n"
        << "  \"boundaries\": {\"organicInorganicZ\": " << number(c.organicInorganicZ, 6)
        << ", \"inorganicMetalZ\": " << number(c.inorganicMetalZ, 6) << "},\n"
        << "  \"massModels\": {\n";
    const std::array<MaterialClass, 3> classes = {MaterialClass::Organic, MaterialClass::Inorganic,
                                                  MaterialClass::Metal};
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const auto& model = c.massModels[static_cast<std::size_t>(classes[i])];
        out << "    \"" << materialClassName(classes[i])
            << "\": {\"reference\": " << quoted(model.reference)
            << ", \"relativeUncertainty\": " << number(model.relativeUncertainty, 6) << "}"
            << (i + 1 < classes.size() ? ",\n" : "\n");
    }
    out << "  },\n  \"references\": [\n";
    for (std::size_t r = 0; r < c.references.size(); ++r) {
        const auto& curve = c.references[r];
        out << "    {\"name\": " << quoted(curve.name) << ", \"zEff\": " << number(curve.zEff, 6)
            << ",\n     \"samples\": [\n";
        for (std::size_t i = 0; i < curve.samples.size(); ++i) {
            const auto& s = curve.samples[i];
            out << "      [" << number(s.massThicknessGcm2, 6) << ", " << number(s.aHigh, 6) << ", "
                << number(s.aLow, 6) << "]" << (i + 1 < curve.samples.size() ? ",\n" : "\n");
        }
        out << "     ]}" << (r + 1 < c.references.size() ? ",\n" : "\n");
    }
    out << "  ]\n}\n";
    return out.str();
}

} // namespace prescreen::imaging::materials
