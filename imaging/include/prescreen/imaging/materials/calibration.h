#pragma once
// The dual-energy calibration: for reference materials, the attenuation pair (A_high, A_low)
// measured (or modelled) over a range of thicknesses. Class boundaries are the ratio
// R = A_low / A_high of boundary references, interpolated at a pixel's A_high — never a constant,
// because R depends on thickness (beam hardening). Format in docs/materials.md.

#include <prescreen/imaging/materials/material_table.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::imaging::materials {

struct CalibrationSample {
    double massThicknessGcm2 = 0; ///< ρ·t of the reference slab, g/cm²
    double aHigh = 0;             ///< -ln(I/I0) of the high-energy detector
    double aLow = 0;              ///< -ln(I/I0) of the low-energy detector
};

/// One reference material's curve; samples sorted by strictly increasing aHigh.
struct ReferenceCurve {
    std::string name;
    double zEff = 0;
    std::vector<CalibrationSample> samples;

    /// R = A_low / A_high at `aHigh`, linear between samples, clamped to the end samples.
    double ratioAt(double aHigh) const noexcept;
    /// Mass thickness (g/cm²) of this reference that gives `aHigh`; linear between samples,
    /// proportional (through the origin / the last sample's μ) outside them.
    double massThicknessAt(double aHigh) const noexcept;
};

/// How mass is estimated for pixels of one class: which reference's curve converts A_high to
/// mass thickness, and the relative systematic uncertainty of doing so for the class's members.
struct ClassMassModel {
    std::string reference;
    double relativeUncertainty = 0;
};

/// Which scanner a calibration is for, and how it is recognised in a scan's DICOS attributes.
struct ScannerProfile {
    std::string id;           ///< stable key, e.g. "linac-6-4mev"
    std::string name;         ///< shown to the officer (legend, case view, risk evidence)
    std::string manufacturer; ///< matched with Manufacturer (0008,0070), any case; empty: any
    std::string model;        ///< matched with Manufacturer's Model Name (0008,1090); empty: any
    double highEnergyKeV = 0; ///< nominal high energy: tube kVp or linac endpoint, in keV
    double lowEnergyKeV = 0;  ///< nominal low energy (the same tube kVp for a sandwich detector)
};

struct Calibration {
    int version = 0;
    std::string source;
    ScannerProfile profile;                 ///< optional "profile" object of the file
    double airAttenuation = 0.03;           ///< A_low and A_high below this: background (air)
    double impenetrableAttenuation = 5.5;   ///< A_high at or above this: impenetrable
    double organicInorganicZ = 10;          ///< class boundary, Z_eff
    double inorganicMetalZ = 18;            ///< class boundary, Z_eff
    std::vector<ReferenceCurve> references; ///< sorted by increasing zEff
    /// Indexed by class: [Organic], [Inorganic], [Metal] are used (others empty).
    std::array<ClassMassModel, kMaterialClassCount> massModels;

    /// The boundary ratio at Z `z`: the reference with that Z, or R linear in Z between the
    /// two references around it, each evaluated at `aHigh`.
    double boundaryRatio(double z, double aHigh) const noexcept;
    /// The class of one attenuation pair. Works whichever way R moves with Z (rising for
    /// photoelectric-regime parcel scanners, falling for MeV cargo scanners).
    MaterialClass classify(double aHigh, double aLow) const noexcept;
    /// Organic, Inorganic or Metal for ratio R = A_low / A_high at `aHigh` (no air or
    /// impenetrable test).
    MaterialClass classifyRatio(double aHigh, double ratio) const noexcept;
    /// The curve of the named reference; throws prescreen::Error (NotFound) otherwise.
    const ReferenceCurve& reference(std::string_view name) const;
    /// The curve used for the mass of a class (Organic, Inorganic or Metal).
    const ReferenceCurve& massReference(MaterialClass value) const;
};

/// Parses and validates a calibration table; throws prescreen::Error (BadFormat) with what and
/// where (field, reference, sample index). `where` names the source.
Calibration parseCalibration(std::string_view jsonText, const std::string& where);

/// Checks the invariants parseCalibration checks, for tables built in code.
void validateCalibration(const Calibration& calibration, const std::string& where);

/// The calibration compiled in from resources/materials/calibration.json (parsed once).
const Calibration& builtinCalibration();

/// The levels a modelled calibration uses (defaults: those of calibration.json, 160 kV).
struct ModelLevels {
    double airAttenuation = 0.03;
    double impenetrableAttenuation = 5.5;
    double lastAttenuation = 8.0; ///< each reference is sampled until A_high passes this
};

/// Computes a calibration from a material table with the beam model (how calibration.json was
/// made): the table's references and boundaries, sampled over thickness.
Calibration modelCalibration(const MaterialTable& table, const ModelLevels& levels = {});

/// The JSON text of a calibration, in the format parseCalibration reads.
std::string calibrationToJson(const Calibration& calibration);

} // namespace prescreen::imaging::materials
