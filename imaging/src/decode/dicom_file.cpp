// One DICOM / DICOS / DICONDE file -> planes. DCMTK decodes native, deflated, RLE, JPEG and
// JPEG-LS pixel data; JPEG 2000 fragments go to OpenJPEG (DCMTK 3.6.7 has no codec for them).
#include "decoded_file.h"
#include "dicom_metadata.h"
#include "dicom_tags.h"
#include "pixel_convert.h"

#include <prescreen/error.h>
#include <prescreen/imaging/detail/structure_check.h>
#include <prescreen/imaging/dictionary.h>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <mutex>

namespace prescreen::imaging::decode {
namespace {

// DCMTK's parser recurses once per nested sequence: a few MB of nested empty sequences would
// overflow the stack. The walk refuses such files first and leaves everything else to DCMTK.
void guardStructure(const std::filesystem::path& file) {
    detail::StructureLimits limits;
    limits.maxSequenceDepth = 32;
    limits.limitsOnly = true;
    detail::checkFileStructure(file, limits);
}

// Element values longer than this stay on disk until asked for (pixel data is read frame by frame).
constexpr Uint32 kLazyLoadBytes = 4096;
constexpr long kMaxFrames = 100000;

void ensureCodecs() {
    static std::once_flag once;
    std::call_once(once, [] {
        initialise();
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

[[noreturn]] void bad(const std::filesystem::path& file, const std::string& what) {
    throw Error(ErrorCode::BadFormat, file.string() + ": " + what);
}

PixelLayout readLayout(DcmDataset& ds, const std::filesystem::path& file) {
    PixelLayout layout;
    const auto rows = integer(ds, DCM_Rows);
    const auto cols = integer(ds, DCM_Columns);
    if (!rows || !cols) {
        const std::string sopClass = text(ds, DCM_SOPClassUID);
        const char* name = dcmFindNameOfUID(sopClass.c_str(), nullptr);
        bad(file, "holds no image (no Rows / Columns)" +
                      (name != nullptr     ? std::string(": it is a ") + name + " object"
                       : !sopClass.empty() ? ": it is an object of SOP class " + sopClass
                                           : std::string()));
    }
    layout.rows = static_cast<int>(*rows);
    layout.cols = static_cast<int>(*cols);
    if (layout.rows <= 0 || layout.cols <= 0)
        bad(file, "image size " + std::to_string(*cols) + "x" + std::to_string(*rows) +
                      " is not positive");
    layout.samples = static_cast<int>(integer(ds, DCM_SamplesPerPixel).value_or(1));
    layout.bitsAllocated = static_cast<int>(integer(ds, DCM_BitsAllocated).value_or(0));
    layout.bitsStored =
        static_cast<int>(integer(ds, DCM_BitsStored).value_or(layout.bitsAllocated));
    layout.isSigned = integer(ds, DCM_PixelRepresentation).value_or(0) == 1;
    layout.planarConfiguration = static_cast<int>(integer(ds, DCM_PlanarConfiguration).value_or(0));
    layout.photometric = text(ds, DCM_PhotometricInterpretation);
    layout.frames = integer(ds, DCM_NumberOfFrames).value_or(1);
    if (layout.samples != 1 && layout.samples != 3)
        bad(file, "Samples per Pixel " + std::to_string(layout.samples) + " is not 1 or 3");
    if (layout.bitsAllocated != 8 && layout.bitsAllocated != 16 && layout.bitsAllocated != 32 &&
        layout.bitsAllocated != 64)
        throw Error(ErrorCode::Unsupported, file.string() + ": Bits Allocated " +
                                                std::to_string(layout.bitsAllocated) +
                                                " is not supported (8, 16, 32 or 64)");
    if (layout.bitsStored <= 0 || layout.bitsStored > layout.bitsAllocated)
        bad(file, "Bits Stored " + std::to_string(layout.bitsStored) + " does not fit in Bits " +
                      "Allocated " + std::to_string(layout.bitsAllocated));
    if (layout.frames < 1 || layout.frames > kMaxFrames)
        bad(file, "Number of Frames " + std::to_string(layout.frames) + " is out of range");
    // DICOS writers encode Number of Frames as US; DCMTK's codecs only read the standard IS and
    // would otherwise decode a single frame.
    DcmElement* frames = nullptr;
    if (ds.findAndGetElement(DCM_NumberOfFrames, frames).good() && frames != nullptr &&
        frames->getVR() != EVR_IS)
        ds.putAndInsertString(DCM_NumberOfFrames, std::to_string(layout.frames).c_str());
    // At most 2^28 pixels (e.g. 16384 x 16384): every buffer made from them, 8-byte sums of
    // projections included, then stays within Image::kMaxBytes.
    if (layout.pixelCount() > Image::kMaxBytes / 8 || layout.frameBytes() > Image::kMaxBytes)
        throw Error(ErrorCode::Unsupported, file.string() + ": a " + std::to_string(layout.cols) +
                                                "x" + std::to_string(layout.rows) +
                                                " frame is larger than Prescreen accepts");
    return layout;
}

bool isJpeg2000(E_TransferSyntax xfer) {
    return xfer == EXS_JPEG2000LosslessOnly || xfer == EXS_JPEG2000 ||
           xfer == EXS_JPEG2000MulticomponentLosslessOnly || xfer == EXS_JPEG2000Multicomponent;
}

// The bytes of one JPEG 2000 frame: its fragment(s) of the encapsulated pixel sequence.
std::vector<std::uint8_t> jpeg2000Frame(DcmPixelData& pixels, E_TransferSyntax xfer, long frame,
                                        long frames, const std::filesystem::path& file) {
    DcmPixelSequence* sequence = nullptr;
    if (pixels.getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || sequence == nullptr)
        bad(file, "JPEG 2000 pixel data is not encapsulated");
    const unsigned long fragments = sequence->card();
    if (fragments < 2)
        bad(file, "JPEG 2000 pixel data has no fragments");
    unsigned long first = 1;
    unsigned long last = fragments - 1;
    if (frames > 1) {
        if (fragments - 1 != static_cast<unsigned long>(frames))
            throw Error(ErrorCode::Unsupported,
                        file.string() + ": JPEG 2000 frames span several fragments");
        first = last = static_cast<unsigned long>(frame) + 1;
    }
    std::vector<std::uint8_t> bytes;
    for (unsigned long i = first; i <= last; ++i) {
        DcmPixelItem* item = nullptr;
        Uint8* data = nullptr;
        if (sequence->getItem(item, i).bad() || item == nullptr || item->getUint8Array(data).bad())
            bad(file, "JPEG 2000 fragment " + std::to_string(i) + " is unreadable");
        if (data != nullptr)
            bytes.insert(bytes.end(), data, data + item->getLength());
    }
    return bytes;
}

// Raw bytes of one frame in local byte order, decompressed where needed.
// `startFragment` carries DCMTK's position between consecutive frames: with an empty offset
// table, frame N can only be found after decoding frame N-1.
std::vector<std::uint8_t> frameBytes(DcmDataset& ds, DcmPixelData& pixels,
                                     const PixelLayout& layout, long frame, Uint32& startFragment,
                                     std::string& colourModel, const std::filesystem::path& file) {
    Uint32 size = 0;
    if (layout.chroma422 || pixels.getUncompressedFrameSize(&ds, size).bad() ||
        size < layout.frameBytes())
        size = static_cast<Uint32>(layout.frameBytes());
    std::vector<std::uint8_t> buffer(size + (size % 2));
    if (layout.chroma422) {
        // DCMTK sizes frames by Samples per Pixel and refuses this layout; read it raw.
        const OFCondition status = pixels.getPartialValue(
            buffer.data(), static_cast<Uint32>(static_cast<std::size_t>(frame) * size), size);
        if (status.bad())
            bad(file,
                "frame " + std::to_string(frame + 1) + " cannot be read (" + status.text() + ")");
        colourModel = "YBR_FULL_422";
        return buffer;
    }
    OFString model;
    const OFCondition status =
        pixels.getUncompressedFrame(&ds, static_cast<Uint32>(frame), startFragment, buffer.data(),
                                    static_cast<Uint32>(buffer.size()), model);
    if (status.bad())
        bad(file,
            "frame " + std::to_string(frame + 1) + " cannot be decoded (" + status.text() + ")");
    colourModel = model.c_str();
    return buffer;
}

// The common case, read without DCMTK's frame buffer: one native little-endian frame of 16-bit
// grey samples goes from the file straight into the plane, then is masked to Bits Stored (or
// sign-extended from it) as FrameAccumulator does. Saves a frame-sized zeroed buffer and a copy.
bool nativeGrey16(const PixelLayout& layout, E_TransferSyntax xfer, long framesToRead) {
    const DcmXfer syntax(xfer);
    return !syntax.isEncapsulated() && syntax.getByteOrder() == EBO_LittleEndian &&
           gLocalByteOrder == EBO_LittleEndian && xfer != EXS_DeflatedLittleEndianExplicit &&
           layout.samples == 1 && layout.bitsAllocated == 16 && !layout.chroma422 &&
           framesToRead == 1 && layout.frames >= 1;
}

Image readNativeGrey16(DcmPixelData& pixels, const PixelLayout& layout,
                       const std::filesystem::path& file) {
    Image image(PixelFormat::Gray16, layout.cols, layout.rows);
    const ImageView& view = image.view();
    const auto rowBytes = static_cast<std::size_t>(layout.cols) * 2;
    const std::size_t frame = rowBytes * static_cast<std::size_t>(layout.rows);
    // The frame lands packed at the start of the buffer; rows then move (last first) to their
    // padded positions, each at or after where it was read, so no unmoved row is overwritten.
    const OFCondition status = pixels.getPartialValue(view.data, 0, static_cast<Uint32>(frame));
    if (status.bad())
        bad(file, std::string("pixel data cannot be read (") + status.text() + ")");
    if (static_cast<std::size_t>(view.strideBytes) != rowBytes) {
        for (int y = layout.rows - 1; y > 0; --y)
            std::memmove(view.row<std::uint8_t>(y),
                         view.data + static_cast<std::size_t>(y) * rowBytes, rowBytes);
    }
    const int shift = 16 - std::clamp(layout.bitsStored, 1, 16);
    if (shift == 0) // 16 stored bits: nothing to mask, two's complement as read
        return image;
    const auto mask = static_cast<std::uint16_t>(0xFFFFu >> shift);
    for (int y = 0; y < layout.rows; ++y) {
        auto* row = view.row<std::uint16_t>(y);
        if (layout.isSigned) {
            for (int x = 0; x < layout.cols; ++x)
                row[x] = static_cast<std::uint16_t>(
                    static_cast<std::int16_t>(static_cast<std::uint16_t>(row[x] << shift)) >>
                    shift);
        } else {
            for (int x = 0; x < layout.cols; ++x)
                row[x] = static_cast<std::uint16_t>(row[x] & mask);
        }
    }
    return image;
}

} // namespace

DecodedFile decodeDicomFile(const std::filesystem::path& file) {
    ensureCodecs();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(ErrorCode::NotFound, file.string() + ": no such file");
    const auto fileSize = std::filesystem::file_size(file, ec);
    guardStructure(file);

    DcmFileFormat format;
    const OFCondition loaded =
        format.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, kLazyLoadBytes, ERM_autoDetect);
    if (loaded.bad())
        bad(file, std::string("not a readable DICOM file (") + loaded.text() + ")");
    DcmDataset& ds = *format.getDataset();

    DecodedFile out;
    out.file = file;
    out.metadata = readScanMetadata(ds);
    out.studyUid = out.metadata.scanInstanceUid;
    readViewIdentity(ds, out.viewIndex, out.viewDescription);
    out.viewSlot = readViewSlot(ds);
    PixelLayout layout = readLayout(ds, file);

    Plane plane;
    plane.kind = readPlaneKind(ds, out.metadata.isDicos);
    plane.sourceFile = file;
    plane.bitsStored = std::min(layout.bitsStored, 16);
    plane.signedPixels = layout.isSigned && layout.bitsAllocated <= 16;
    readPlaneDisplay(ds, plane);
    if (layout.photometric == "MONOCHROME1")
        plane.photometric = Photometric::Monochrome1;
    else if (layout.photometric == "PALETTE COLOR")
        plane.photometric = Photometric::PaletteColor;
    if (plane.photometric == Photometric::PaletteColor)
        plane.palette = readPalette(ds, file, out.warnings);

    // The toolkit's wide pixels and DICOM's float pixels are native only.
    for (const DcmTagKey& wide : {kPixelData32, kPixelData64, kPixelData32Float, DCM_FloatPixelData,
                                  DCM_DoubleFloatPixelData}) {
        DcmElement* element = nullptr;
        if (ds.findAndGetElement(wide, element).good() && element != nullptr) {
            plane.pixels = convertWidePixels(*element, layout, plane, file, out.warnings);
            out.planes.push_back(std::move(plane));
            return out;
        }
    }

    DcmElement* element = nullptr;
    if (ds.findAndGetElement(DCM_PixelData, element).bad() || element == nullptr)
        bad(file, "has no pixel data");
    auto* pixels = dynamic_cast<DcmPixelData*>(element);
    if (pixels == nullptr)
        bad(file, "pixel data element is malformed");

    const E_TransferSyntax xfer = ds.getOriginalXfer();
    const DcmXfer syntax(xfer);
    const bool encapsulated = syntax.isEncapsulated();
    // Native YBR_FULL_422 stores two luma and one pair of chroma samples per two pixels.
    layout.chroma422 = !encapsulated && layout.photometric == "YBR_FULL_422";
    if (!encapsulated && element->getLength() < layout.frameBytes() * layout.frames) {
        // A native image whose pixel data is shorter than its header promises (truncated file).
        bad(file, "pixel data holds " + std::to_string(element->getLength()) + " bytes, but " +
                      std::to_string(layout.frames) + " frame(s) of " +
                      std::to_string(layout.cols) + "x" + std::to_string(layout.rows) + "x" +
                      std::to_string(layout.samples) + " " + std::to_string(layout.bitsAllocated) +
                      "-bit pixels need " + std::to_string(layout.frameBytes() * layout.frames));
    }
    if (xfer != EXS_DeflatedLittleEndianExplicit && element->getLength() != DCM_UndefinedLength &&
        element->getLength() > fileSize)
        bad(file, "pixel data length " + std::to_string(element->getLength()) +
                      " exceeds the file size " + std::to_string(fileSize));

    const bool project =
        layout.frames > 1 && (out.metadata.modality == "CT" ||
                              out.metadata.sopClassUid.find(".501.1") != std::string::npos);
    const long framesToRead = project ? layout.frames : 1;
    if (layout.frames > 1 && !project)
        out.warnings.push_back(file.filename().string() + ": " + std::to_string(layout.frames) +
                               " frames; showing the first");
    if (syntax.isLossy())
        out.warnings.push_back(file.filename().string() + ": lossy compression (" +
                               syntax.getXferName() + ")");

    if (nativeGrey16(layout, xfer, framesToRead)) {
        plane.pixels = readNativeGrey16(*pixels, layout, file);
        out.planes.push_back(std::move(plane));
        return out;
    }

    FrameAccumulator accumulator(layout, framesToRead);
    Uint32 startFragment = 0;
    for (long frame = 0; frame < framesToRead; ++frame) {
        if (isJpeg2000(xfer)) {
            const auto bytes = jpeg2000Frame(*pixels, xfer, frame, layout.frames, file);
            Image decoded(PixelFormat::Gray16, layout.cols, layout.rows * layout.samples);
            decodeJpeg2000(bytes.data(), bytes.size(), decoded, layout.isSigned,
                           file.string() + " frame " + std::to_string(frame + 1), out.warnings);
            accumulator.addJpeg2000(decoded);
        } else {
            std::string colourModel;
            const auto bytes =
                frameBytes(ds, *pixels, layout, frame, startFragment, colourModel, file);
            accumulator.add(bytes, colourModel, out.warnings, file);
        }
    }
    plane.pixels = accumulator.finish(plane);
    if (project)
        out.viewDescription =
            out.viewDescription.empty() ? "PROJECTION" : out.viewDescription + " (projection)";
    out.planes.push_back(std::move(plane));
    return out;
}

FileIdentity identifyFile(const std::filesystem::path& file) {
    ensureCodecs();
    FileIdentity identity;
    char magic[132] = {};
    {
        std::ifstream in(file, std::ios::binary);
        in.read(magic, sizeof magic);
        const bool part10 =
            in.gcount() == sizeof magic && std::string_view(magic + 128, 4) == "DICM";
        const auto ext = file.extension().string();
        const bool dicomName = ext.empty() || ext == ".dcm" || ext == ".dcs" || ext == ".DCM" ||
                               ext == ".dicom" || ext == ".dicos" || ext == ".DCS";
        if (!part10 && !dicomName) {
            identity.problem = "not a DICOM file";
            return identity;
        }
    }
    try {
        guardStructure(file);
    } catch (const Error& error) {
        identity.problem = error.what();
        return identity;
    }
    DcmFileFormat format;
    const OFCondition status = format.loadFileUntilTag(file.c_str(), EXS_Unknown, EGL_noChange, 256,
                                                       ERM_autoDetect, DCM_PixelData);
    if (status.bad()) {
        identity.problem = std::string("not a readable DICOM file (") + status.text() + ")";
        return identity;
    }
    DcmDataset& ds = *format.getDataset();
    identity.isDicom = true;
    const ScanMetadata metadata = readScanMetadata(ds);
    identity.studyUid = metadata.scanInstanceUid;
    identity.sopInstanceUid = text(ds, DCM_SOPInstanceUID);
    std::string description;
    readViewIdentity(ds, identity.viewIndex, description);
    identity.viewSlot = readViewSlot(ds);
    identity.kind = readPlaneKind(ds, metadata.isDicos);
    return identity;
}

} // namespace prescreen::imaging::decode
