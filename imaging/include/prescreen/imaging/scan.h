#pragma once
// One scan of one object of inspection, as the rest of Prescreen sees it: views (e.g. top and
// side), each with planes (high energy, low energy, effective Z ...), plus the metadata that links
// it to a shipment. Built by the decoder from one or more files, or by the phantom generator.

#include <prescreen/imaging/image.h>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace prescreen::imaging {

/// What a plane measures: DICOS Image Type (0008,0008) value 2 and its relatives.
enum class PlaneKind {
    Single, ///< a single-energy radiograph (plain DICOM, PNG/TIFF, DICOS without energy)
    HighEnergy,
    LowEnergy,
    ZEffective,
    Density,
    Intensity,
    Mu,
    BasisMaterial1,
    BasisMaterial2,
    Compton,
    Photoelectric,
    MultiEnergy,
};

const char* planeKindName(PlaneKind kind) noexcept; ///< "HIGH ENERGY", "LOW ENERGY", ...

enum class Photometric { Monochrome1, Monochrome2, PaletteColor };

/// DICOM VOI LUT Function (0028,1056).
enum class VoiFunction { Linear, LinearExact, Sigmoid };

/// DICOM Pixel Intensity Relationship (0028,1040): how stored values relate to the X-ray
/// intensity that reached the detector.
enum class IntensityRelationship {
    Unspecified, ///< the file does not say (lab images, derived planes, older writers)
    Linear,      ///< LIN: proportional to the transmitted intensity
    Logarithmic, ///< LOG: already logarithmic (attenuation-like); never transformed again
    Other,       ///< any other value: shown as stored
};

/// A window from the file (or a preset), in rescaled (modality) units.
struct WindowPreset {
    double center = 0;
    double width = 1;
    std::string explanation;
};

/// PALETTE COLOR lookup tables (0028,1101-1203), entries scaled to 16 bits.
struct PaletteLut {
    int firstMapped = 0;
    std::vector<std::uint16_t> red, green, blue;
};

struct Plane {
    PlaneKind kind = PlaneKind::Single;
    /// Stored values after decompression, before rescale and VOI (Gray16). Signed pixels keep
    /// their two's-complement bit pattern; wider source pixels are scaled to 16 bits and the
    /// scaling folded into rescaleSlope / rescaleIntercept.
    Image pixels;
    bool signedPixels = false;
    int bitsStored = 16;
    Photometric photometric = Photometric::Monochrome2;
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    VoiFunction voiFunction = VoiFunction::Linear;
    std::vector<WindowPreset> windows;
    std::optional<PaletteLut> palette;
    /// Physical size of a pixel: {row spacing (between rows), column spacing}, millimetres.
    std::optional<std::array<double, 2>> pixelSpacingMm;
    std::optional<double> kvp;       ///< tube voltage (kV) if the file says
    std::optional<double> energyKeV; ///< detector / series energy if the file says
    /// Stored value of the unattenuated beam (air), for attenuation = -ln(I / airValue);
    /// when the file does not say, the decoder estimates it from the image (see docs/imaging.md).
    std::optional<double> airValue;
    /// (0028,1040) and its sign (0028,1041): +1 = lower values are less intensity, −1 = higher
    /// values are less intensity.
    IntensityRelationship intensityRelationship = IntensityRelationship::Unspecified;
    int intensitySign = 1;

    std::filesystem::path sourceFile;
    int frame = 0; ///< frame of a multi-frame source
    std::string sopInstanceUid;
    std::string seriesInstanceUid;
};

struct View {
    int index = 0;           ///< DICOS Series View (6100,0024), else 0
    std::string description; ///< e.g. "TOP", "SIDE"
    std::vector<Plane> planes;

    const Plane* find(PlaneKind kind) const noexcept;
    bool isDualEnergy() const noexcept;
};

struct ScanMetadata {
    std::string scanInstanceUid; ///< Study Instance UID (0020,000D)
    std::string sopClassUid;
    std::string modality; ///< DX, CT, CR ...
    bool isDicos = false;
    bool isDiconde = false;  ///< show "component" wording
    std::string objectId;    ///< OOI ID / Component ID (0010,0020)
    std::string objectName;  ///< (0010,0010)
    std::string objectType;  ///< OOI Type (4010,1042)
    std::string itineraryId; ///< (4010,1051)
    std::string carrierId;   ///< (4010,1058)
    std::string transportClassification;
    std::optional<int> ownerRiskScore;
    std::string scanDateTime; ///< ISO 8601 when known ("2026-11-22T06:38:00")
    std::string manufacturer;
    std::string deviceModel;
    std::string stationName;
    std::string deviceSerial;
    std::string dicosVersion;
    std::string description;
};

struct Scan {
    ScanMetadata metadata;
    std::vector<View> views;
    std::vector<std::filesystem::path> files; ///< every file that contributed
    std::vector<std::string> warnings;        ///< siblings that failed, oddities, lossy sources

    std::size_t planeCount() const noexcept;
};

} // namespace prescreen::imaging
