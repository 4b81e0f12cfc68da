// Scan, view and plane metadata from a DICOM / DICOS / DICONDE data set.
#include "dicom_metadata.h"

#include "dicom_tags.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcelem.h>

#include <algorithm>
#include <cctype>

namespace prescreen::imaging::decode {
namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

// "20261122" + "063800.25" -> "2026-11-22T06:38:00"
std::string isoDateTime(const std::string& date, const std::string& time) {
    if (date.size() < 8)
        return {};
    std::string iso = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
    if (time.size() >= 4) {
        iso += "T" + time.substr(0, 2) + ":" + time.substr(2, 2);
        iso += time.size() >= 6 ? ":" + time.substr(4, 2) : ":00";
    }
    return iso;
}

std::optional<PlaneKind> kindFromText(const std::string& value) {
    const std::string v = upper(value);
    if (v == "HIGH ENERGY" || v == "HIGH_ENERGY" || v == "HIGH")
        return PlaneKind::HighEnergy;
    if (v == "LOW ENERGY" || v == "LOW_ENERGY" || v == "LOW")
        return PlaneKind::LowEnergy;
    if (v == "Z_EFFECTIVE" || v == "ZEFF" || v == "Z EFFECTIVE")
        return PlaneKind::ZEffective;
    if (v == "DENSITY")
        return PlaneKind::Density;
    if (v == "INTENSITY")
        return PlaneKind::Intensity;
    if (v == "MU")
        return PlaneKind::Mu;
    if (v == "BASIS_MATERIAL_1")
        return PlaneKind::BasisMaterial1;
    if (v == "BASIS_MATERIAL_2")
        return PlaneKind::BasisMaterial2;
    if (v == "COMPTON")
        return PlaneKind::Compton;
    if (v == "PHOTOELECTRIC")
        return PlaneKind::Photoelectric;
    if (v == "MULTI ENERGY" || v == "MULTI_ENERGY")
        return PlaneKind::MultiEnergy;
    return std::nullopt;
}

bool hasGroup(DcmDataset& dataset, Uint16 group) {
    for (unsigned long i = 0; i < dataset.card(); ++i) {
        if (dataset.getElement(i)->getGTag() == group)
            return true;
    }
    return false;
}

} // namespace

ScanMetadata readScanMetadata(DcmDataset& ds) {
    ScanMetadata m;
    m.scanInstanceUid = text(ds, DCM_StudyInstanceUID);
    m.sopClassUid = text(ds, DCM_SOPClassUID);
    m.modality = text(ds, DCM_Modality);
    m.isDicos = m.sopClassUid.rfind("1.2.840.10008.5.1.4.1.1.501.", 0) == 0;
    // DICONDE reuses DICOM's SOP classes; its NDE attributes live in group 0014.
    m.isDiconde = !m.isDicos && hasGroup(ds, 0x0014);
    m.objectId = text(ds, DCM_PatientID);
    m.objectName = text(ds, DCM_PatientName);
    m.objectType = text(ds, DCM_OOIType);
    m.itineraryId = text(ds, DCM_ItineraryID);
    m.carrierId = text(ds, DCM_CarrierID);
    m.transportClassification = text(ds, DCM_TransportClassification);
    if (const auto risk = integer(ds, kOoiOwnerRiskScore))
        m.ownerRiskScore = static_cast<int>(*risk);
    std::string date = text(ds, DCM_AcquisitionDate);
    std::string time = text(ds, DCM_AcquisitionTime);
    if (date.empty()) {
        date = text(ds, DCM_StudyDate);
        time = text(ds, DCM_StudyTime);
    }
    m.scanDateTime = isoDateTime(date, time);
    m.manufacturer = text(ds, DCM_Manufacturer);
    m.deviceModel = text(ds, DCM_ManufacturerModelName);
    m.stationName = text(ds, DCM_StationName);
    m.deviceSerial = text(ds, DCM_DeviceSerialNumber);
    m.dicosVersion = text(ds, DCM_DICOSVersion);
    m.description = text(ds, DCM_StudyDescription);
    return m;
}

PlaneKind readPlaneKind(DcmDataset& ds, bool isDicos) {
    // DICOS: Image Type value 2 names the plane (ORIGINAL\HIGH ENERGY\...).
    const auto imageType = texts(ds, DCM_ImageType);
    for (std::size_t i = 1; i < imageType.size(); ++i) {
        if (const auto kind = kindFromText(imageType[i]); kind && *kind != PlaneKind::Intensity)
            return *kind;
    }
    if (const auto description = text(ds, kSeriesEnergyDescription); !description.empty()) {
        const std::string d = upper(description);
        if (d.find("HIGH") != std::string::npos)
            return PlaneKind::HighEnergy;
        if (d.find("LOW") != std::string::npos)
            return PlaneKind::LowEnergy;
    }
    // Series Energy numbers the energies from the lowest (1 = low, 2 = high in dual energy).
    const auto energy = integer(ds, kSeriesEnergy);
    const auto energies = integer(ds, DcmTagKey(0x6100, 0x0032));
    if (energy && energies && *energies == 2)
        return *energy == 1 ? PlaneKind::LowEnergy : PlaneKind::HighEnergy;
    if (isDicos && imageType.size() > 1 && kindFromText(imageType[1]) == PlaneKind::Intensity)
        return PlaneKind::Intensity;
    return PlaneKind::Single;
}

void readViewIdentity(DcmDataset& ds, int& index, std::string& description) {
    index = static_cast<int>(integer(ds, kSeriesView).value_or(0));
    description = text(ds, kSeriesViewDescription);
    if (description.empty())
        description = text(ds, DCM_ViewPosition);
    if (description.empty())
        description = text(ds, DCM_SeriesDescription);
}

std::string readViewSlot(DcmDataset& ds) {
    int index = 0;
    std::string description;
    readViewIdentity(ds, index, description);
    std::string slot = std::to_string(index) + '\n' + description;
    DcmElement* seriesView = nullptr;
    if (ds.findAndGetElement(kSeriesView, seriesView).bad() || seriesView == nullptr)
        slot += '\n' + text(ds, DCM_SeriesInstanceUID);
    return slot;
}

void readPlaneDisplay(DcmDataset& ds, Plane& plane) {
    // Enhanced (multi-frame) objects keep these in functional group sequences: search those too.
    plane.rescaleSlope = number(ds, DCM_RescaleSlope, 0, true).value_or(1.0);
    plane.rescaleIntercept = number(ds, DCM_RescaleIntercept, 0, true).value_or(0.0);
    if (plane.rescaleSlope == 0.0)
        plane.rescaleSlope = 1.0;
    const auto centers = numbers(ds, DCM_WindowCenter);
    const auto widths = numbers(ds, DCM_WindowWidth);
    const auto explanations = texts(ds, DCM_WindowCenterWidthExplanation);
    for (std::size_t i = 0; i < std::min(centers.size(), widths.size()); ++i) {
        if (widths[i] <= 0)
            continue;
        plane.windows.push_back(
            {centers[i], widths[i], i < explanations.size() ? explanations[i] : std::string()});
    }
    const std::string function = upper(text(ds, DCM_VOILUTFunction));
    if (function == "SIGMOID")
        plane.voiFunction = VoiFunction::Sigmoid;
    else if (function == "LINEAR_EXACT")
        plane.voiFunction = VoiFunction::LinearExact;

    for (const DcmTagKey& tag :
         {DCM_PixelSpacing, DCM_ImagerPixelSpacing, DCM_NominalScannedPixelSpacing}) {
        const auto spacing = numbers(ds, tag, true);
        if (spacing.size() >= 2 && spacing[0] > 0 && spacing[1] > 0) {
            plane.pixelSpacingMm = std::array<double, 2>{spacing[0], spacing[1]};
            break;
        }
    }
    plane.kvp = number(ds, DCM_KVP);
    const std::string relationship = upper(text(ds, DCM_PixelIntensityRelationship));
    if (relationship == "LIN")
        plane.intensityRelationship = IntensityRelationship::Linear;
    else if (relationship == "LOG")
        plane.intensityRelationship = IntensityRelationship::Logarithmic;
    else if (!relationship.empty())
        plane.intensityRelationship = IntensityRelationship::Other;
    if (integer(ds, DCM_PixelIntensityRelationshipSign).value_or(1) < 0)
        plane.intensitySign = -1;
    plane.sopInstanceUid = text(ds, DCM_SOPInstanceUID);
    plane.seriesInstanceUid = text(ds, DCM_SeriesInstanceUID);
}

} // namespace prescreen::imaging::decode
