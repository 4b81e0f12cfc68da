#pragma once
// The physics data of dual-energy material discrimination: a table of reference materials with
// their mass attenuation coefficients on an energy grid, and the detected spectra of the low and
// high detector of a typical 160 kV parcel scanner (resources/materials/materials.json,
// documented in docs/materials.md).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::imaging::materials {

/// What a pixel (or a material) is, in the screen convention. The values are the codes of the
/// Gray8 class map.
enum class MaterialClass : std::uint8_t {
    Background = 0,   ///< air: nothing in the beam
    Organic = 1,      ///< Z_eff below ~10: plastics, food, paper, drugs, explosives (orange)
    Inorganic = 2,    ///< Z_eff ~10-18: glass, aluminium, salts (green)
    Metal = 3,        ///< Z_eff above ~18: steel, copper (blue)
    Impenetrable = 4, ///< transmission below the noise floor: hides what is behind (black)
    /// The physics cannot decide at this pixel: the ratio's photon noise is larger than its
    /// distance to a class boundary (too thin, too dense for the low energy, or a profile whose
    /// boundaries meet there). Neutral grey, hatched in the legend; never a confident colour.
    Unknown = 5,
};
inline constexpr int kMaterialClassCount = 6;

const char* materialClassName(MaterialClass value) noexcept; ///< "organic", "metal" ...
std::optional<MaterialClass> parseMaterialClass(std::string_view name) noexcept;

struct Material {
    std::string name;
    /// Organic, Inorganic or Metal; a boundary reference (boundary == true) has Background.
    MaterialClass materialClass = MaterialClass::Background;
    bool boundary = false; ///< an element standing for a class boundary (Z = 10, Z = 18)
    double zEff = 0;
    double densityGcm3 = 0;
    std::vector<double> muRhoCm2PerG; ///< μ/ρ on MaterialTable::beam.energiesKeV
    double muRhoLow = 0;              ///< μ/ρ at the beam's low effective energy, cm²/g
    double muRhoHigh = 0;             ///< μ/ρ at the beam's high effective energy, cm²/g
};

/// A linac's bremsstrahlung, as the detected-energy weights are computed from it: Kramers'
/// thick-target photon spectrum N(E) ~ (E0 - E) / E per endpoint E0, hardened by a filter (target,
/// collimator, the beam's own filtration) and absorbed in an energy-integrating detector, so the
/// weight of E is E * N(E) * exp(-mu_f(E) rho t_f) * (1 - exp(-mu_d(E) rho t_d)) over the bin.
struct BremsstrahlungSpectrum {
    double highEndpointKeV = 0;
    double lowEndpointKeV = 0;
    std::string filterMaterial; ///< a material of the table
    double filterGcm2 = 0;
    std::string detectorMaterial; ///< a material of the table (stand-in for the scintillator)
    double detectorGcm2 = 0;
};

/// The detected spectrum of each detector as weights on an energy grid (normalised to 1).
struct Beam {
    double tubeKv = 0;
    std::vector<double> energiesKeV;
    std::vector<double> lowWeights;
    std::vector<double> highWeights;
    double lowEffectiveKeV = 0;
    double highEffectiveKeV = 0;
    /// Set when the weights were computed from a bremsstrahlung model rather than listed.
    std::optional<BremsstrahlungSpectrum> spectrum;
};

struct MaterialTable {
    int version = 0;
    std::string source;
    Beam beam;
    std::vector<Material> materials;

    /// The material called `name`; throws prescreen::Error (NotFound) naming it otherwise.
    const Material& find(std::string_view name) const;
};

/// Parses and validates a materials table; `where` names the source in error messages.
/// Throws prescreen::Error (BadFormat) saying what is wrong and where (field, material).
MaterialTable parseMaterialTable(std::string_view jsonText, const std::string& where);

/// The table compiled in from resources/materials/materials.json (parsed once, thread-safe).
const MaterialTable& builtinMaterialTable();

/// The materials table for MeV linac cargo scanners (resources/materials/materials-mev.json,
/// 6 / 4 MeV beam; parsed once, thread-safe).
const MaterialTable& builtinMevMaterialTable();

/// `table` with its beam's weights recomputed from `spectrum` (on the table's energy grid).
/// Throws prescreen::Error (BadFormat) if a named material is missing or an endpoint is off
/// the grid.
MaterialTable withBremsstrahlung(MaterialTable table, const BremsstrahlungSpectrum& spectrum);

/// One slab in the beam: a material and its mass thickness ρ·t in g/cm².
struct Layer {
    const Material* material = nullptr;
    double massThicknessGcm2 = 0;
};

/// Attenuation A = -ln(I / I0) of each detector behind a stack of layers.
struct DualAttenuation {
    double high = 0;
    double low = 0;
};

/// The polychromatic beam model: A = -ln Σ_E w(E) exp(-Σ_layers μ/ρ(E) ρt). Beam hardening
/// (R = A_low / A_high falling with thickness) follows from it.
DualAttenuation modelAttenuation(const Beam& beam, std::span<const Layer> layers);

} // namespace prescreen::imaging::materials
