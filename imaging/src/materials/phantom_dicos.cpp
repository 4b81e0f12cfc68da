#include <prescreen/error.h>
#include <prescreen/imaging/dictionary.h>
#include <prescreen/imaging/materials/phantom.h>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cstdio>
#include <fstream>
#include <system_error>

namespace prescreen::imaging::materials {
namespace {

// DICOS attributes written here; (6100,xxxx) are registered by imaging::initialise().
const DcmTagKey kSeriesView(0x6100, 0x0024);
const DcmTagKey kSeriesEnergy(0x6100, 0x0030);
const DcmTagKey kSeriesEnergyDescription(0x6100, 0x0031);
const DcmTagKey kNumberOfEnergies(0x6100, 0x0032);

void check(const OFCondition& status, const std::string& what, const std::filesystem::path& path) {
    if (status.bad())
        throw Error(ErrorCode::Io, "writing " + path.string() + ": " + what + ": " + status.text());
}

std::string spacingText(const PixelSpacingMm& spacing) {
    char text[64];
    std::snprintf(text, sizeof text, "%.6g\\%.6g", spacing[0], spacing[1]);
    return text;
}

void writePlane(const Phantom& phantom, const Plane& plane, const std::filesystem::path& path) {
    const auto& meta = phantom.scan.metadata;
    const bool isHigh = plane.kind == PlaneKind::HighEnergy;
    DcmFileFormat file;
    DcmDataset& d = *file.getDataset();
    const auto put = [&](const DcmTagKey& tag, const std::string& value) {
        check(d.putAndInsertString(DcmTag(tag), value.c_str()), DcmTag(tag).getTagName(), path);
    };
    const auto putUs = [&](const DcmTagKey& tag, Uint16 value) {
        check(d.putAndInsertUint16(DcmTag(tag), value), DcmTag(tag).getTagName(), path);
    };
    put(DCM_SOPClassUID, meta.sopClassUid);
    put(DCM_SOPInstanceUID, plane.sopInstanceUid);
    put(DCM_StudyInstanceUID, meta.scanInstanceUid);
    put(DCM_SeriesInstanceUID, plane.seriesInstanceUid);
    put(DCM_Modality, meta.modality);
    put(DCM_PresentationIntentType, "FOR PROCESSING");
    put(DCM_ImageType, isHigh ? "ORIGINAL\\HIGH ENERGY" : "ORIGINAL\\LOW ENERGY");
    put(DCM_StudyDate, "20260115");
    put(DCM_StudyTime, "083000");
    put(DCM_ContentDate, "20260115");
    put(DCM_ContentTime, "083000");
    put(DCM_Manufacturer, meta.manufacturer);
    if (!meta.deviceModel.empty())
        put(DCM_ManufacturerModelName, meta.deviceModel);
    put(DCM_PatientID, meta.objectId);
    put(DCM_PatientName, meta.objectId);
    put(DCM_ItineraryID, meta.itineraryId);
    put(DCM_CarrierID, meta.carrierId);
    put(DCM_StudyDescription, meta.description);
    put(DCM_SeriesNumber, isHigh ? "1" : "2");
    put(DCM_InstanceNumber, "1");
    put(DCM_KVP, std::to_string(static_cast<int>(plane.kvp.value_or(160))));
    put(DCM_PixelSpacing, spacingText(*plane.pixelSpacingMm));
    put(DCM_ImageComments, "Prescreen phantom; open-beam (air) value " +
                               std::to_string(static_cast<long>(*plane.airValue)));
    putUs(kSeriesView, 1);
    put(DcmTagKey(0x6100, 0x0026), "SIDE");
    putUs(kSeriesEnergy, isHigh ? 2 : 1);
    put(kSeriesEnergyDescription, isHigh ? "HIGH ENERGY" : "LOW ENERGY");
    putUs(kNumberOfEnergies, 2);
    put(DCM_PhotometricInterpretation, "MONOCHROME2");
    putUs(DCM_SamplesPerPixel, 1);
    putUs(DCM_Rows, static_cast<Uint16>(plane.pixels.height()));
    putUs(DCM_Columns, static_cast<Uint16>(plane.pixels.width()));
    putUs(DCM_BitsAllocated, 16);
    putUs(DCM_BitsStored, 16);
    putUs(DCM_HighBit, 15);
    putUs(DCM_PixelRepresentation, 0);
    put(DCM_PixelIntensityRelationship, "LIN");

    const int width = plane.pixels.width();
    const int height = plane.pixels.height();
    std::vector<Uint16> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) {
        const auto* row = plane.pixels.row<std::uint16_t>(y);
        std::copy(row, row + width, pixels.begin() + static_cast<std::ptrdiff_t>(y) * width);
    }
    check(d.putAndInsertUint16Array(DCM_PixelData, pixels.data(),
                                    static_cast<unsigned long>(pixels.size())),
          "PixelData", path);
    check(file.saveFile(path.c_str(), EXS_LittleEndianExplicit), "saveFile", path);
}

} // namespace

PhantomFiles writePhantom(const Phantom& phantom, const std::filesystem::path& folder) {
    initialise();
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        throw Error(ErrorCode::Io, "cannot create " + folder.string() + ": " + ec.message());
    if (phantom.scan.views.size() != 1 || !phantom.scan.views.front().isDualEnergy())
        throw Error(ErrorCode::InvalidArgument, "writePhantom: the scan is not a phantom's");
    const auto& view = phantom.scan.views.front();
    const std::string stem =
        std::string(phantomKindName(phantom.truth.kind)) + "-" + std::to_string(phantom.truth.seed);
    PhantomFiles files{folder / (stem + "-high.dcm"), folder / (stem + "-low.dcm"),
                       folder / (stem + "-truth.json")};
    writePlane(phantom, *view.find(PlaneKind::HighEnergy), files.high);
    writePlane(phantom, *view.find(PlaneKind::LowEnergy), files.low);
    std::ofstream truth(files.truth, std::ios::binary);
    truth << groundTruthJson(phantom.truth);
    truth.close();
    if (!truth)
        throw Error(ErrorCode::Io, "cannot write " + files.truth.string());
    return files;
}

} // namespace prescreen::imaging::materials
