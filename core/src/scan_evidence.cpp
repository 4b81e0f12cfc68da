#include <prescreen/core/scan_evidence.h>
#include <prescreen/error.h>
#include <prescreen/imaging/materials/analysis.h>
#include <prescreen/imaging/materials/classify.h>

#include <string>

namespace prescreen::core {
namespace {

namespace materials = imaging::materials;

/// Dense components smaller than this are noise or small dense items, not shielding.
constexpr double kMinImpenetrableAreaMm2 = 100;

/// The renderer of the scan's profile and noise (its tables cost tens of milliseconds: once per
/// scan). Without a measurable noise (a tiny or flat image) the profile's fixed levels apply.
materials::MaterialRenderer rendererFor(const materials::Calibration& calibration,
                                        const materials::DualEnergyInput& input) {
    try {
        return materials::MaterialRenderer(calibration, materials::estimateNoise(input));
    } catch (const Error&) {
        return materials::MaterialRenderer(calibration);
    }
}

std::string scanName(const imaging::Scan& scan) {
    return "scan " + (scan.metadata.scanInstanceUid.empty() ? std::string("(no UID)")
                                                            : scan.metadata.scanInstanceUid);
}

std::string where(const imaging::Scan& scan, const imaging::View& view) {
    return scanName(scan) + " view " + std::to_string(view.index);
}

materials::PixelSpacingMm spacingOf(const imaging::Scan& scan, const imaging::View& view,
                                    const imaging::Plane& plane) {
    if (!plane.pixelSpacingMm)
        throw Error(ErrorCode::Unsupported,
                    where(scan, view) + ": " + imaging::planeKindName(plane.kind) +
                        " plane has no pixel spacing, so no mass or area can be measured");
    return *plane.pixelSpacingMm;
}

void addImpenetrableRegions(ScanEvidence& evidence, const materials::MaterialRenderer& renderer,
                            const materials::DualEnergyInput& input,
                            const materials::PixelSpacingMm& spacing) {
    const auto regions = materials::findDenseRegions(
        renderer, input, spacing, {renderer.impenetrableAttenuation(), kMinImpenetrableAreaMm2});
    evidence.impenetrableRegions = static_cast<int>(regions.size());
    evidence.largestImpenetrableAreaMm2 = regions.empty() ? 0.0 : regions.front().areaMm2;
}

void nameProfile(ScanEvidence& evidence, const materials::Calibration& calibration) {
    evidence.calibrationProfile = calibration.profile.name;
    evidence.calibrationProfileId = calibration.profile.id;
}

ScanEvidence analyseDualEnergy(const imaging::Scan& scan, const imaging::View& view,
                               const materials::Calibration& calibration) {
    const auto input = materials::dualEnergyInput(view);
    const auto spacing = spacingOf(scan, view, *view.find(imaging::PlaneKind::HighEnergy));
    const auto renderer = rendererFor(calibration, input);
    const auto analysis = materials::analyseMaterials(renderer, input, spacing);

    ScanEvidence evidence;
    nameProfile(evidence, calibration);
    evidence.dualEnergy = true;
    evidence.estimatedMassKg = analysis.mass.massKg;
    evidence.massUncertaintyKg = analysis.mass.uncertaintyKg;
    evidence.massLowerBoundOnly = analysis.mass.lowerBoundOnly();
    const auto& composition = analysis.composition;
    evidence.organicFraction = composition.pixelFraction(materials::MaterialClass::Organic);
    evidence.inorganicFraction = composition.pixelFraction(materials::MaterialClass::Inorganic);
    evidence.metalFraction = composition.pixelFraction(materials::MaterialClass::Metal);
    evidence.impenetrableFraction =
        composition.pixelFraction(materials::MaterialClass::Impenetrable);
    evidence.undecidedFraction = composition.pixelFraction(materials::MaterialClass::Unknown);
    addImpenetrableRegions(evidence, renderer, input, spacing);
    return evidence;
}

/// The plane a single-energy view is judged by: a plain radiograph, else the high-energy plane.
const imaging::Plane* greyPlane(const imaging::View& view) {
    for (const auto kind : {imaging::PlaneKind::Single, imaging::PlaneKind::HighEnergy}) {
        if (const auto* plane = view.find(kind))
            return plane;
    }
    return nullptr;
}

/// Only transmission is known: the finder looks at the one plane (given as both energies,
/// since it reads only the high one) against the calibration's impenetrable level.
ScanEvidence analyseSingleEnergy(const imaging::Scan& scan, const imaging::View& view,
                                 const imaging::Plane& plane,
                                 const materials::Calibration& calibration) {
    if (plane.signedPixels)
        throw Error(ErrorCode::Unsupported,
                    where(scan, view) + ": signed pixels are not transmission values");
    const auto spacing = spacingOf(scan, view, plane);
    const auto pixels = plane.pixels.view();
    const double air = plane.airValue ? *plane.airValue : materials::estimateAirValue(pixels);
    const materials::DualEnergyInput input{pixels, pixels, air, air};
    ScanEvidence evidence;
    nameProfile(evidence, calibration);
    addImpenetrableRegions(evidence, rendererFor(calibration, input), input, spacing);
    return evidence;
}

} // namespace

ScanEvidence analyseScan(const imaging::Scan& scan, const materials::ProfileSet& profiles) {
    const auto& calibration = *materials::selectProfile(profiles, scan).calibration;
    for (const auto& view : scan.views) {
        if (view.isDualEnergy())
            return analyseDualEnergy(scan, view, calibration);
    }
    for (const auto& view : scan.views) {
        if (const auto* plane = greyPlane(view))
            return analyseSingleEnergy(scan, view, *plane, calibration);
    }
    throw Error(ErrorCode::Unsupported,
                scanName(scan) + ": no view has a high/low-energy pair or a radiograph to analyse");
}

} // namespace prescreen::core
