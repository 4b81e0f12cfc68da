#pragma once
// Building a calibration profile from measurements: attenuation pairs of reference materials of
// known Z and mass thickness (step-wedge scans, or arrays such as the semiZ set). Each
// reference's ratio R = A_low / A_high is fitted as a smooth curve in ln A_high, the fit's
// residuals are reported, and a calibration whose classes cannot be told apart is refused.
// docs/materials.md, "Calibrating a scanner".

#include <prescreen/imaging/materials/calibration.h>
#include <prescreen/imaging/scan.h>

#include <filesystem>
#include <string>
#include <vector>

namespace prescreen::imaging::materials {

/// One measured attenuation pair of a reference material.
struct Measurement {
    std::string material; ///< reference name; measurements with one name form one curve
    double zEff = 0;
    double massThicknessGcm2 = 0;
    double aHigh = 0;
    double aLow = 0;
};

/// How well one reference's curve fits its measurements.
struct ReferenceFit {
    std::string name;
    double zEff = 0;
    int measurements = 0;
    double rmsResidual = 0; ///< root mean square of R_measured - R_fitted
    double maxResidual = 0; ///< largest |R_measured - R_fitted|
};

struct CalibrationFit {
    Calibration calibration;
    std::vector<ReferenceFit> references; ///< by increasing Z
    /// The smallest distance between the fitted curves of two references in different classes,
    /// in units of their combined residual (sqrt(rms_a^2 + rms_b^2)), over the measured range.
    double worstSeparation = 0;
    std::string worstPair; ///< which two references, e.g. "Z6 / Z26 at A_high 3.2"
    /// Measurements the new calibration puts in the class their Z implies, out of all.
    int reproduced = 0;
    int total = 0;
};

struct FitOptions {
    ScannerProfile profile; ///< identity of the new profile (id and name required)
    double organicInorganicZ = 10;
    double inorganicMetalZ = 18;
    double minSeparation = 3; ///< refuse below this worstSeparation
    double relativeMassUncertainty = 0.1;
};

/// Fits a calibration. Throws prescreen::Error: InvalidArgument for unusable input (fewer than
/// two references or three measurements per reference, non-positive values, a missing profile
/// id or name) and Unsupported, saying which references and where, when the classes cannot be
/// separated (curves of different classes closer than minSeparation residuals, or crossing).
CalibrationFit fitCalibration(const std::vector<Measurement>& measurements,
                              const FitOptions& options);

/// The measurements of a semiZ-style folder: alpha_H_calib.npy, alpha_L_calib.npy,
/// lmbda_calib.npy, Z_calib.npy (rows x references; each column one material of constant Z).
std::vector<Measurement> semiZMeasurements(const std::filesystem::path& folder);

/// A step-wedge calibration scan described by a small JSON file (format "prescreen-step-wedge",
/// version 1): {"scan": PATH (file or folder, relative to the JSON file), "regions":
/// [{"material", "zEff", "massThicknessGcm2", "x", "y", "width", "height"}, ...]}.
struct StepWedgeRegion {
    std::string material;
    double zEff = 0;
    double massThicknessGcm2 = 0;
    int x = 0, y = 0, width = 0, height = 0; ///< pixels of the scan's first dual-energy view
};
struct StepWedge {
    std::filesystem::path scan; ///< resolved against the JSON file's folder
    std::vector<StepWedgeRegion> regions;
};

/// Parses a step-wedge description; throws prescreen::Error (BadFormat) naming `file`, the
/// region index and the field.
StepWedge parseStepWedge(std::string_view jsonText, const std::filesystem::path& file);

/// Per region, the mean A_high and A_low over its rectangle in the scan's first dual-energy
/// view (air values from the planes, else estimated). Throws prescreen::Error naming the region
/// when it lies outside the image or the view is not dual-energy.
std::vector<Measurement> measureStepWedge(const StepWedge& wedge, const Scan& scan);

} // namespace prescreen::imaging::materials
