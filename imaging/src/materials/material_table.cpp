#include "builtin_data.h"
#include "json_fields.h"

#include <prescreen/imaging/materials/material_table.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace prescreen::imaging::materials {
namespace {

constexpr std::array<const char*, kMaterialClassCount> kClassNames = {
    "background", "organic", "inorganic", "metal", "impenetrable", "unknown"};

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
    if (const auto s = b.find("spectrum"); s != b.end()) {
        // Weights follow from the spectrum once the materials are known (parseMaterialTable).
        const std::string here = beamWhere + ", spectrum";
        const auto& filter = detail::field(*s, "filter", here);
        const auto& detector = detail::field(*s, "detector", here);
        beam.spectrum = BremsstrahlungSpectrum{
            detail::positive(*s, "highEndpointKeV", here),
            detail::positive(*s, "lowEndpointKeV", here),
            detail::text(filter, "material", here + ", filter"),
            detail::number(filter, "massThicknessGcm2", here + ", filter"),
            detail::text(detector, "material", here + ", detector"),
            detail::positive(detector, "massThicknessGcm2", here + ", detector")};
        beam.lowWeights.assign(beam.energiesKeV.size(), 1.0);
        beam.highWeights.assign(beam.energiesKeV.size(), 1.0);
    } else {
        beam.lowWeights =
            normalised(detail::numbers(b, "lowWeights", beamWhere), "lowWeights", beamWhere);
        beam.highWeights =
            normalised(detail::numbers(b, "highWeights", beamWhere), "highWeights", beamWhere);
    }
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
            *parsed == MaterialClass::Impenetrable || *parsed == MaterialClass::Unknown)
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

/// μ/ρ anywhere inside or beyond the grid: log-log, extrapolated from the end segments.
double muRhoAnywhere(const std::vector<double>& energies, const std::vector<double>& muRho,
                     double energyKeV) {
    const std::size_t last = energies.size() - 1;
    if (energyKeV > energies.front() && energyKeV < energies.back())
        return muRhoAt(energies, muRho, energyKeV);
    const std::size_t i = energyKeV <= energies.front() ? 0 : last - 1;
    const double slope =
        std::log(muRho[i + 1] / muRho[i]) / std::log(energies[i + 1] / energies[i]);
    return muRho[i] * std::pow(energyKeV / energies[i], slope);
}

/// Detected-energy weights of one endpoint on the grid: each grid energy stands for the bin
/// between the geometric midpoints to its neighbours, integrated over 64 sub-energies.
std::vector<double> bremsstrahlungWeights(const std::vector<double>& energies,
                                          const Material& filter, double filterGcm2,
                                          const Material& detector, double detectorGcm2,
                                          double endpointKeV) {
    const std::size_t n = energies.size();
    std::vector<double> weights(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double from = i == 0
                                ? energies[0] * energies[0] / std::sqrt(energies[0] * energies[1])
                                : std::sqrt(energies[i - 1] * energies[i]);
        const double to = i + 1 == n
                              ? energies[i] * energies[i] / std::sqrt(energies[i - 1] * energies[i])
                              : std::sqrt(energies[i] * energies[i + 1]);
        constexpr int kSteps = 64;
        for (int k = 0; k < kSteps; ++k) {
            const double e = from + (to - from) * (k + 0.5) / kSteps;
            if (e >= endpointKeV)
                break;
            const double photons = (endpointKeV - e) / e; // Kramers, thick target
            const double filtered =
                std::exp(-muRhoAnywhere(energies, filter.muRhoCm2PerG, e) * filterGcm2);
            const double absorbed =
                1 - std::exp(-muRhoAnywhere(energies, detector.muRhoCm2PerG, e) * detectorGcm2);
            weights[i] += e * photons * filtered * absorbed * (to - from) / kSteps;
        }
    }
    return weights;
}

} // namespace

MaterialTable withBremsstrahlung(MaterialTable table, const BremsstrahlungSpectrum& spectrum) {
    auto& beam = table.beam;
    for (const double endpoint : {spectrum.lowEndpointKeV, spectrum.highEndpointKeV}) {
        if (!(endpoint > beam.energiesKeV.front()) || endpoint > beam.energiesKeV.back() * 1.05)
            throw Error(ErrorCode::BadFormat, "bremsstrahlung endpoint " +
                                                  std::to_string(endpoint) +
                                                  " keV is outside the energy grid");
    }
    if (!(spectrum.lowEndpointKeV < spectrum.highEndpointKeV) || spectrum.filterGcm2 < 0 ||
        !(spectrum.detectorGcm2 > 0))
        throw Error(ErrorCode::BadFormat, "bremsstrahlung spectrum needs low endpoint < high "
                                          "endpoint, a filter >= 0 and a detector > 0 g/cm2");
    const auto& filter = table.find(spectrum.filterMaterial);
    const auto& detector = table.find(spectrum.detectorMaterial);
    const auto weights = [&](double endpoint, const char* key) {
        return normalised(bremsstrahlungWeights(beam.energiesKeV, filter, spectrum.filterGcm2,
                                                detector, spectrum.detectorGcm2, endpoint),
                          key, "bremsstrahlung spectrum");
    };
    beam.highWeights = weights(spectrum.highEndpointKeV, "highWeights");
    beam.lowWeights = weights(spectrum.lowEndpointKeV, "lowWeights");
    beam.tubeKv = spectrum.highEndpointKeV;
    beam.spectrum = spectrum;
    return table;
}

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
    if (table.beam.spectrum) {
        try {
            const auto spectrum = *table.beam.spectrum; // copied before the table moves
            return withBremsstrahlung(std::move(table), spectrum);
        } catch (const Error& error) {
            detail::badField(where + ", beam, spectrum", error.what());
        }
    }
    return table;
}

const MaterialTable& builtinMevMaterialTable() {
    static const MaterialTable table = parseMaterialTable(detail::builtinMevMaterialTableText(),
                                                          "resources/materials/materials-mev.json");
    return table;
}

const MaterialTable& builtinMaterialTable() {
    static const MaterialTable table = parseMaterialTable(detail::builtinMaterialTableText(),
                                                          "resources/materials/materials.json");
    return table;
}

} // namespace prescreen::imaging::materials
