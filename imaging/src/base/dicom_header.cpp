#include <prescreen/error.h>
#include <prescreen/imaging/dicom_header.h>
#include <prescreen/imaging/dictionary.h>

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcxfer.h>

#include <system_error>

namespace prescreen::imaging {
namespace {

// Elements longer than this stay on disk (DCMTK loads them on demand, which we never ask for).
constexpr Uint32 kMaxLoadedValueBytes = 4096;
constexpr std::size_t kMaxShownValueChars = 96;

bool isBulkVr(DcmEVR vr) {
    switch (vr) {
    case EVR_OB:
    case EVR_OW:
    case EVR_OF:
    case EVR_OD:
    case EVR_OL:
    case EVR_OV:
    case EVR_UN:
    case EVR_ox:
    case EVR_px:
    case EVR_pixelSQ:
        return true;
    default:
        return false;
    }
}

DicomAttribute describe(DcmObject& object) {
    const DcmTag& tag = object.getTag();
    DicomAttribute attribute;
    attribute.group = tag.getGroup();
    attribute.element = tag.getElement();
    attribute.vr = DcmVR(object.getVR()).getValidVRName();
    if (const auto info = lookupTag(attribute.group, attribute.element))
        attribute.keyword = info->keyword;

    if (object.getVR() == EVR_SQ) {
        const auto& sequence = dynamic_cast<DcmSequenceOfItems&>(object);
        attribute.value = "(" + std::to_string(sequence.card()) + " items)";
    } else if (isBulkVr(object.getVR())) {
        attribute.value = "(" + std::to_string(object.getLength()) + " bytes)";
    } else if (auto* element = dynamic_cast<DcmElement*>(&object)) {
        OFString text;
        if (element->getOFStringArray(text).good()) {
            attribute.value = text.c_str();
            if (attribute.value.size() > kMaxShownValueChars)
                attribute.value = attribute.value.substr(0, kMaxShownValueChars) + "...";
        } else {
            attribute.value = "(unreadable value)";
        }
    }
    return attribute;
}

std::vector<DicomAttribute> describeAll(DcmItem& item) {
    std::vector<DicomAttribute> attributes;
    attributes.reserve(item.card());
    for (unsigned long i = 0; i < item.card(); ++i)
        attributes.push_back(describe(*item.getElement(i)));
    return attributes;
}

} // namespace

DicomHeader readDicomHeader(const std::filesystem::path& file) {
    initialise();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(ErrorCode::NotFound, file.string() + ": no such file");

    DcmFileFormat format;
    const OFCondition status = format.loadFile(file.c_str(), EXS_Unknown, EGL_noChange,
                                               kMaxLoadedValueBytes, ERM_autoDetect);
    if (status.bad())
        throw Error(ErrorCode::BadFormat,
                    file.string() + ": not a readable DICOM file (" + status.text() + ")");

    DicomHeader header;
    const DcmXfer syntax(format.getDataset()->getOriginalXfer());
    header.transferSyntaxUid = syntax.getXferID();
    header.transferSyntaxName = syntax.getXferName();
    header.meta = describeAll(*format.getMetaInfo());
    header.dataset = describeAll(*format.getDataset());
    return header;
}

std::optional<DicomAttribute> findAttribute(const DicomHeader& header, std::uint16_t group,
                                            std::uint16_t element) {
    for (const auto& attribute : header.dataset) {
        if (attribute.group == group && attribute.element == element)
            return attribute;
    }
    return std::nullopt;
}

} // namespace prescreen::imaging
