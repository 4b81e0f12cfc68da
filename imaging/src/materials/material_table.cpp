#include "builtin_data.h"
#include "json_fields.h"

#include <prescreen/imaging/materials/material_table.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace prescreen::imaging::materials {
namespace {

constexpr std::array<const char*, kMaterialClassCount> kClassNames = {
    "background", "organic", "inorganic", "metal", "impenetrable"};

std::vector<double> normalised(std::vector<double> weights, const char* key,
                               const std::string& where) {
    double sum = 0;
    for (const double w : weights)
        sum += w;
    if (sum <= 0)
        detail::badField(where, std::string("'") + key + "' has no positive weight");
    for (double& w : weights)
        w /= sum;
    return weights;
}

/// μ/ρ at `energyKeV`, log-log between grid points (exact on them).
double muRhoAt(const std::vector<double>& energies, const std::vector<double>& muRho,
               double energyKeV) {
    const auto upper = std::lower_bound(energies.begin(), energies.end(), energyKeV);
    const auto i = static_cast<std::size_t>(upper - energies.begin());
    if (i < energies.size() && energies[i] == energyKeV)
        return muRho[i];
    const double f =
        std::log(energyKeV / energies[i - 1]) / std::log(energies[i] / energies[i - 1]);
    return std::exp(std::log(muRho[i - 1]) + f * (std::log(muRho[i]) - std::log(muRho[i - 1])));
}

Beam parseBeam(const nlohmann::json& json, const std::string& where) {
    Beam beam;
    beam.energiesKeV = detail::numbers(json, "energiesKeV", where);
    for (std::size_t i = 0; i < beam.energiesKeV.size(); ++i) {
        if (beam.energiesKeV[i] <= 0 || (i > 0 && beam.energiesKeV[i] <= beam.energiesKeV[i - 1]))
            detail::badField(where, "'energiesKeV' must be positive and strictly increasing");
    }
    const std::string beamWhere = where + ", beam";
    const auto& b = detail::field(json, "beam", where);
    beam.tubeKv = detail::positive(b, "tubeKv", beamWhere);
    beam.lowWeights =
        normalised(detail::numbers(b, "lowWeights", beamWhere), "lowWeights", beamWhere);
    beam.highWeights =
        normalised(detail::numbers(b, "highWeights", beamWhere), "highWeights", beamWhere);
    if (beam.lowWeights.size() != beam.energiesKeV.size() ||
        beam.highWeights.size() != beam.energiesKeV.size())
        detail::badField(beamWhere, "'lowWeights' and 'highWeights' need one weight per energy (" +
                                        std::to_string(beam.energiesKeV.size()) + ")");
    beam.lowEffectiveKeV = detail::positive(b, "lowEffectiveKeV", beamWhere);
    beam.highEffectiveKeV = detail::positive(b, "highEffectiveKeV", beamWhere);
    for (const double e : {beam.lowEffectiveKeV, beam.highEffectiveKeV}) {
        if (e < beam.energiesKeV.front() || e > beam.energiesKeV.back())
            detail::badField(beamWhere, "effective energy " + std::to_string(e) +
                                            " keV is outside the energy grid");
    }
    return beam;
}

Material parseMaterial(const nlohmann::json& json, const Beam& beam, const std::string& where) {
    Material m;
    m.name = detail::text(json, "name", where);
    const std::string here = where + ", material '" + m.name + "'";
    const std::string className = detail::text(json, "class", here);
    if (className == "boundary") {
        m.boundary = true;
    } else {
        const auto parsed = parseMaterialClass(className);
        if (!parsed || *parsed == MaterialClass::Background ||
            *parsed == MaterialClass::Impenetrable)
            detail::badField(here, "class '" + className +
                                       "' is not organic, inorganic, metal or boundary");
        m.materialClass = *parsed;
    }
    m.zEff = detail::positive(json, "zEff", here);
    m.densityGcm3 = detail::positive(json, "densityGcm3", here);
    m.muRhoCm2PerG = detail::numbers(json, "muRho", here);
    if (m.muRhoCm2PerG.size() != beam.energiesKeV.size())
        detail::badField(here, "'muRho' has " + std::to_string(m.muRhoCm2PerG.size()) +
                                   " values, the energy grid " +
                                   std::to_string(beam.energiesKeV.size()));
    for (const double mu : m.muRhoCm2PerG) {
        if (mu <= 0)
            detail::badField(here, "'muRho' values must be positive");
    }
    m.muRhoLow = muRhoAt(beam.energiesKeV, m.muRhoCm2PerG, beam.lowEffectiveKeV);
    m.muRhoHigh = muRhoAt(beam.energiesKeV, m.muRhoCm2PerG, beam.highEffectiveKeV);
    return m;
}

} // namespace

const char* materialClassName(MaterialClass value) noexcept {
    const auto index = static_cast<std::size_t>(value);
    return index < kClassNames.size() ? kClassNames[index] : "?";
}

std::optional<MaterialClass> parseMaterialClass(std::string_view name) noexcept {
    for (std::size_t i = 0; i < kClassNames.size(); ++i) {
        if (name == kClassNames[i])
            return static_cast<MaterialClass>(i);
    }
    return std::nullopt;
}

const Material& MaterialTable::find(std::string_view name) const {
    for (const auto& m : materials) {
        if (m.name == name)
            return m;
    }
    throw Error(ErrorCode::NotFound, "material '" + std::string(name) + "' is not in the table");
}

MaterialTable parseMaterialTable(std::string_view jsonText, const std::string& where) {
    const auto json = detail::parseJson(jsonText, where);
    MaterialTable table;
    table.version = detail::checkHeader(json, "prescreen-materials", 1, where);
    table.source = detail::text(json, "source", where);
    table.beam = parseBeam(json, where);
    const auto& items = detail::array(json, "materials", where);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string here = where + ", materials[" + std::to_string(i) + "]";
        if (!items[i].is_object())
            detail::badField(here, "is not an object");
        auto m = parseMaterial(items[i], table.beam, here);
        for (const auto& other : table.materials) {
            if (other.name == m.name)
                detail::badField(here, "material '" + m.name + "' is listed twice");
        }
        table.materials.push_back(std::move(m));
    }
    return table;
}

const MaterialTable& builtinMaterialTable() {
    static const MaterialTable table = parseMaterialTable(detail::builtinMaterialTableText(),
                                                          "resources/materials/materials.json");
    return table;
}

} // namespace prescreen::imaging::materials
