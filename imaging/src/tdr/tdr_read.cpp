// Reads any DICOS TDR (ours or another writer's) into a Report. Hostile files are bounded three
// ways before and while DCMTK sees them: the file size, a structural walk (nesting depth, element
// count; structure_check.h) and caps on PTOs, image references and polygon vertices.
#include "tdr_schema.h"

#include <prescreen/error.h>
#include <prescreen/imaging/detail/structure_check.h>
#include <prescreen/imaging/dictionary.h>
#include <prescreen/imaging/tdr/tdr.h>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cmath>
#include <fstream>
#include <optional>
#include <vector>

namespace prescreen::imaging::tdr {
namespace {

// Reading context: every complaint names the file and the attribute's path within it.
class Reader {
public:
    explicit Reader(const std::filesystem::path& file) : file_(file) {}

    [[noreturn]] void bad(const std::string& what) const {
        throw Error(ErrorCode::BadFormat, file_.string() + ": " + what);
    }

    static std::string name(const DcmTagKey& key) {
        return std::string(DcmTag(key).getTagName()) + " " + key.toString().c_str();
    }

    DcmElement* find(DcmItem& item, const DcmTagKey& key) const {
        DcmElement* element = nullptr;
        if (item.findAndGetElement(key, element).bad())
            return nullptr;
        return element;
    }

    // A text attribute's value (all of it for LT / ST, the first value otherwise).
    std::optional<std::string> text(DcmItem& item, const DcmTagKey& key,
                                    const std::string& where) const {
        DcmElement* element = find(item, key);
        if (element == nullptr)
            return std::nullopt;
        if (!element->isaString())
            bad(where + name(key) + " has VR " + element->getTag().getVRName() + ", not a text VR");
        OFString value;
        const DcmEVR vr = element->ident();
        const OFCondition status = vr == EVR_LT || vr == EVR_ST || vr == EVR_UT
                                       ? element->getOFStringArray(value)
                                       : element->getOFString(value, 0);
        if (status.bad() && element->getVM() > 0)
            bad(where + name(key) + " cannot be read (" + status.text() + ")");
        return std::string(value.c_str());
    }

    std::string required(DcmItem& item, const DcmTagKey& key, const std::string& where) const {
        auto value = text(item, key, where);
        if (!value || value->empty())
            bad(where + "no " + name(key) + (value ? " value" : ""));
        return *value;
    }

    // A sequence's items, at most `cap` of them; nullptr if the attribute is absent.
    DcmSequenceOfItems* sequence(DcmItem& item, const DcmTagKey& key, std::size_t cap,
                                 const std::string& where) const {
        DcmElement* element = find(item, key);
        if (element == nullptr)
            return nullptr;
        if (element->ident() != EVR_SQ)
            bad(where + name(key) + " has VR " + element->getTag().getVRName() + ", not SQ");
        auto* items = static_cast<DcmSequenceOfItems*>(element);
        if (items->card() > cap)
            bad(where + name(key) + " has " + std::to_string(items->card()) + " items; at most " +
                std::to_string(cap) + " are read");
        return items;
    }

    std::vector<float> floats(DcmItem& item, const DcmTagKey& key, std::size_t cap,
                              const std::string& where) const {
        DcmElement* element = find(item, key);
        if (element == nullptr)
            return {};
        if (element->ident() != EVR_FL)
            bad(where + name(key) + " has VR " + element->getTag().getVRName() + ", not FL");
        const unsigned long count = element->getVM();
        if (count > cap)
            bad(where + name(key) + " has " + std::to_string(count) + " values; at most " +
                std::to_string(cap) + " are read");
        Float32* values = nullptr;
        if (count > 0 && (element->getFloat32Array(values).bad() || values == nullptr))
            bad(where + name(key) + " cannot be read");
        std::vector<float> out(values, values + count);
        for (const float value : out)
            if (!std::isfinite(value))
                bad(where + name(key) + " holds a value that is not finite");
        return out;
    }

    std::vector<ImageReference> images(DcmItem& item, const DcmTagKey& key,
                                       const std::string& where) const {
        std::vector<ImageReference> out;
        DcmSequenceOfItems* items = sequence(item, key, schema::kMaxImageReferences, where);
        for (unsigned long i = 0; items != nullptr && i < items->card(); ++i) {
            const std::string at = where + name(key) + " item " + std::to_string(i + 1) + ": ";
            DcmItem& reference = *items->getItem(i);
            out.push_back({required(reference, DCM_ReferencedSOPClassUID, at),
                           required(reference, DCM_ReferencedSOPInstanceUID, at)});
        }
        return out;
    }

private:
    const std::filesystem::path& file_;
};

std::vector<Point2> polygonFrom(const Reader& r, DcmItem& item, const std::string& where) {
    const auto values = r.floats(item, DCM_BoundingPolygon, schema::kMaxPolygonVertices * 3, where);
    if (values.size() % 3 != 0)
        r.bad(where + Reader::name(DCM_BoundingPolygon) + " has " + std::to_string(values.size()) +
              " values, not (x, y, z) triplets");
    std::vector<Point2> polygon;
    polygon.reserve(values.size() / 3);
    for (std::size_t i = 0; i < values.size(); i += 3)
        polygon.push_back({values[i], values[i + 1]});
    return polygon;
}

ThreatObject readThreat(const Reader& r, DcmItem& item, const std::string& where) {
    ThreatObject pto;
    DcmElement* id = r.find(item, DCM_PotentialThreatObjectID);
    Uint16 value = 0;
    if (id == nullptr || id->ident() != EVR_US || id->getUint16(value).bad())
        r.bad(where + "no " + Reader::name(DCM_PotentialThreatObjectID) + " (US)");
    pto.id = value;
    if (DcmSequenceOfItems* assessments = r.sequence(item, DCM_ATDAssessmentSequence, 1000, where);
        assessments != nullptr && assessments->card() > 0) {
        DcmItem& first = *assessments->getItem(0);
        const std::string at = where + Reader::name(DCM_ATDAssessmentSequence) + " item 1: ";
        pto.category = r.text(first, DCM_ThreatCategory, at).value_or("");
        pto.assessmentFlag = r.text(first, DCM_ATDAssessmentFlag, at).value_or("");
        pto.description = r.text(first, DCM_ThreatCategoryDescription, at).value_or("");
        if (const auto p = r.floats(first, DCM_ATDAssessmentProbability, 1, at); !p.empty()) {
            if (p.front() < 0 || p.front() > 1)
                r.bad(at + Reader::name(DCM_ATDAssessmentProbability) + " is " +
                      std::to_string(p.front()) + ", not between 0 and 1");
            pto.probability = p.front();
        }
    }
    if (DcmSequenceOfItems* judged = r.sequence(item, DCM_ReferencedPTOSequence, 1, where);
        judged != nullptr && judged->card() > 0) {
        DcmItem& reference = *judged->getItem(0);
        const std::string at = where + Reader::name(DCM_ReferencedPTOSequence) + " item 1: ";
        DcmElement* judgedId = r.find(reference, DCM_PotentialThreatObjectID);
        Uint16 judgedValue = 0;
        if (judgedId == nullptr || judgedId->ident() != EVR_US ||
            judgedId->getUint16(judgedValue).bad())
            r.bad(at + "no " + Reader::name(DCM_PotentialThreatObjectID) + " (US)");
        const auto reports = r.images(reference, DCM_ReferencedTDRInstanceSequence, at);
        if (reports.empty())
            r.bad(at + "no " + Reader::name(DCM_ReferencedTDRInstanceSequence));
        pto.judges = PtoReference{judgedValue, reports.front().sopInstanceUid};
    }
    // The polygon of the first representation that has one; the images of all of them.
    DcmSequenceOfItems* representations =
        r.sequence(item, DCM_PTORepresentationSequence, 1000, where);
    for (unsigned long i = 0; representations != nullptr && i < representations->card(); ++i) {
        const std::string at = where + Reader::name(DCM_PTORepresentationSequence) + " item " +
                               std::to_string(i + 1) + ": ";
        DcmItem& representation = *representations->getItem(i);
        if (pto.boundingPolygon.empty())
            pto.boundingPolygon = polygonFrom(r, representation, at);
        for (auto& image : r.images(representation, DCM_ReferencedInstanceSequence, at)) {
            if (pto.images.size() >= schema::kMaxImageReferences)
                r.bad(where + "more than " + std::to_string(schema::kMaxImageReferences) +
                      " image references");
            pto.images.push_back(std::move(image));
        }
    }
    if (pto.boundingPolygon.empty()) // older writers put it in the threat item itself
        pto.boundingPolygon = polygonFrom(r, item, where);
    return pto;
}

void readOperator(const Reader& r, DcmDataset& ds, Report& report) {
    DcmSequenceOfItems* people = r.sequence(ds, DCM_OperatorIdentificationSequence, 100, "");
    if (people == nullptr || people->card() == 0) {
        if (report.tdrType == "OPERATOR")
            r.bad("an OPERATOR TDR without " + Reader::name(DCM_OperatorIdentificationSequence));
        report.operatorName = r.text(ds, DCM_OperatorsName, "").value_or("");
        return;
    }
    const std::string where = Reader::name(DCM_OperatorIdentificationSequence) + " item 1: ";
    DcmSequenceOfItems* codes =
        r.sequence(*people->getItem(0), DCM_PersonIdentificationCodeSequence, 100, where);
    // The person's code is the item that is not the DCS4 identification-encoding type.
    for (unsigned long i = 0; codes != nullptr && i < codes->card(); ++i) {
        DcmItem& code = *codes->getItem(i);
        const std::string at = where + Reader::name(DCM_PersonIdentificationCodeSequence) +
                               " item " + std::to_string(i + 1) + ": ";
        if (r.text(code, DCM_CodingSchemeDesignator, at).value_or("") == "DCS")
            continue;
        report.operatorId = r.text(code, DCM_CodeValue, at)
                                .value_or(r.text(code, DCM_LongCodeValue, at).value_or(""));
        report.operatorName = r.text(code, DCM_CodeMeaning, at).value_or("");
        break;
    }
    if (report.operatorId.empty())
        r.bad(where + "no operator code in " + Reader::name(DCM_PersonIdentificationCodeSequence));
    if (auto name = r.text(ds, DCM_OperatorsName, ""); name && !name->empty())
        report.operatorName = *name;
}

std::vector<std::uint8_t> readBytes(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(ErrorCode::NotFound, file.string() + ": no such file");
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        throw Error(ErrorCode::Io, file.string() + ": " + ec.message());
    if (size > schema::kMaxFileBytes)
        throw Error(ErrorCode::BadFormat,
                    file.string() + ": " + std::to_string(size) +
                        " bytes is larger than a Threat Detection Report may be (" +
                        std::to_string(schema::kMaxFileBytes >> 20) + " MiB)");
    std::vector<std::uint8_t> bytes(size);
    std::ifstream in(file, std::ios::binary);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
    if (!in || static_cast<std::uintmax_t>(in.gcount()) != size)
        throw Error(ErrorCode::Io, file.string() + ": cannot be read");
    return bytes;
}

} // namespace

Report readReport(const std::filesystem::path& file) {
    initialise();
    const std::vector<std::uint8_t> bytes = readBytes(file);
    detail::checkStructure(bytes, file);

    const Reader r(file);
    DcmInputBufferStream stream;
    stream.setBuffer(bytes.data(), static_cast<offile_off_t>(bytes.size()));
    stream.setEos();
    DcmFileFormat format;
    format.transferInit();
    const OFCondition loaded = format.read(stream, EXS_Unknown, EGL_noChange, DCM_UndefinedLength);
    format.transferEnd();
    if (loaded.bad())
        r.bad(std::string("not a readable DICOM file (") + loaded.text() + ")");
    DcmDataset& ds = *format.getDataset();

    const auto sopClass = r.text(ds, DCM_SOPClassUID, "").value_or("");
    if (sopClass != schema::kTdrSopClassUid) {
        const char* known = dcmFindNameOfUID(sopClass.c_str(), nullptr);
        r.bad("not a DICOS Threat Detection Report: " + Reader::name(DCM_SOPClassUID) + " is " +
              (sopClass.empty() ? std::string("missing")
                                : sopClass + (known ? std::string(" (") + known + ")" : "")));
    }
    Report report;
    report.tdrType = r.required(ds, DCM_TDRType, "");
    report.alarmDecision = r.required(ds, DCM_AlarmDecision, "");
    report.alarmDecisionTime = r.text(ds, DCM_AlarmDecisionTime, "").value_or("");
    readOperator(r, ds, report);
    if (DcmElement* algorithm = r.find(ds, DCM_ThreatDetectionAlgorithmAndVersion);
        algorithm != nullptr && algorithm->isaString()) {
        OFString values;
        if (algorithm->getOFStringArray(values).good())
            for (const char c : std::string(values.c_str()))
                report.algorithm += c == '\\' ? ' ' : c;
    }
    report.studyInstanceUid = r.text(ds, DCM_StudyInstanceUID, "").value_or("");
    report.ooiId = r.text(ds, DCM_PatientID, "").value_or("");
    report.sopInstanceUid = r.text(ds, DCM_SOPInstanceUID, "").value_or("");
    report.seriesInstanceUid = r.text(ds, DCM_SeriesInstanceUID, "").value_or("");
    report.contentDescription = r.text(ds, DCM_ImageComments, "").value_or("");
    const auto time = r.floats(ds, DCM_TotalProcessingTime, 1, "");
    report.images = r.images(ds, DCM_ReferencedStudySequence, "");

    DcmSequenceOfItems* threats = r.sequence(ds, DCM_ThreatSequence, schema::kMaxThreats, "");
    for (unsigned long i = 0; threats != nullptr && i < threats->card(); ++i) {
        const std::string where =
            Reader::name(DCM_ThreatSequence) + " item " + std::to_string(i + 1) + ": ";
        report.threats.push_back(readThreat(r, *threats->getItem(i), where));
    }
    // Type 1 in the TDR module (every sample has it); it is also the last attribute written,
    // so requiring it catches a file cut at an element boundary.
    if (time.empty())
        r.bad("Total Processing Time (4010,1069) is missing (truncated file?)");
    report.totalProcessingTimeMs = time.front();
    return report;
}

} // namespace prescreen::imaging::tdr
