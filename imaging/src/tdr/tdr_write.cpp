// Writes a Report as a DICOS TDR with DCMTK. The module layout mirrors what the Stratovan DICOS
// toolkit writes (the sample TDRs in ../shared/data): SOP Common, Object of Inspection, General
// Scan / Series / Equipment, Frame of Reference, General Report, Threat Detection Report and
// Threat Sequence, with each PTO's polygon and image references in a PTO Representation item.
// docs/tdr.md lists every attribute.
#include "tdr_schema.h"
#include "validate.h"

#include <prescreen/error.h>
#include <prescreen/imaging/dictionary.h>
#include <prescreen/imaging/tdr/tdr.h>
#include <prescreen/version.h>

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <system_error>
#include <unistd.h>

namespace prescreen::imaging::tdr {
namespace {

// Builds one data set; every DCMTK failure becomes an Io error naming the attribute.
class Writer {
public:
    explicit Writer(const std::filesystem::path& file) : file_(file) {}

    void text(DcmItem& item, const DcmTagKey& key, const std::string& value) const {
        check(
            item.putAndInsertString(DcmTag(key), value.c_str(), static_cast<Uint32>(value.size())),
            key);
    }
    void us(DcmItem& item, const DcmTagKey& key, Uint16 value) const {
        check(item.putAndInsertUint16(DcmTag(key), value), key);
    }
    void fl(DcmItem& item, const DcmTagKey& key, const std::vector<Float32>& values) const {
        check(item.putAndInsertFloat32Array(DcmTag(key), values.data(),
                                            static_cast<unsigned long>(values.size())),
              key);
    }
    void emptySequence(DcmItem& item, const DcmTagKey& key) const {
        check(item.insertEmptyElement(DcmTag(key)), key);
    }
    DcmItem& newItem(DcmItem& parent, const DcmTagKey& sequence) const {
        DcmItem* item = nullptr;
        check(parent.findOrCreateSequenceItem(DcmTag(sequence), item, -2), sequence);
        if (item == nullptr)
            check(EC_MemoryExhausted, sequence);
        return *item;
    }
    void check(const OFCondition& status, const DcmTagKey& key) const {
        if (status.bad())
            throw Error(ErrorCode::Io, "writing " + file_.string() + ": " +
                                           DcmTag(key).getTagName() + ": " + status.text());
    }

private:
    const std::filesystem::path& file_;
};

std::string newUid(const char* root) {
    char uid[100];
    return dcmGenerateUniqueIdentifier(uid, root);
}

// "20261122091502.123+0000" -> date "20261122", time "091502.123", offset "+0000" (or "").
struct DateTimeParts {
    std::string date, time, offset;
};
DateTimeParts split(const std::string& dateTime) {
    const auto sign = dateTime.find_first_of("+-", 14);
    const std::string local = dateTime.substr(0, sign);
    return {local.substr(0, 8), local.substr(8),
            sign == std::string::npos ? std::string() : dateTime.substr(sign)};
}

DateTimeParts nowUtc() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto days = std::chrono::floor<std::chrono::days>(now);
    const std::chrono::year_month_day date{days};
    const std::chrono::hh_mm_ss clock{now - days};
    char text[32];
    std::snprintf(text, sizeof text, "%04d%02u%02u%02d%02d%02d", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                  int(clock.minutes().count()), int(clock.seconds().count()));
    return split(std::string(text) + "+0000");
}

void addImageReference(const Writer& w, DcmItem& parent, const DcmTagKey& sequence,
                       const ImageReference& image) {
    DcmItem& item = w.newItem(parent, sequence);
    w.text(item, DCM_ReferencedSOPClassUID, image.sopClassUid);
    w.text(item, DCM_ReferencedSOPInstanceUID, image.sopInstanceUid);
}

// Operator Identification: the Person Identification Code Sequence as the DICOS toolkit writes
// it, the badge as a code of a local scheme (name as meaning) and the DCS4 encoding-type code.
void addOperator(const Writer& w, DcmDataset& ds, const Report& report) {
    DcmItem& person = w.newItem(ds, DCM_OperatorIdentificationSequence);
    DcmItem& badge = w.newItem(person, DCM_PersonIdentificationCodeSequence);
    w.text(badge, report.operatorId.size() <= 16 ? DCM_CodeValue : DCM_LongCodeValue,
           report.operatorId);
    w.text(badge, DCM_CodingSchemeDesignator, "99PRESCREEN");
    w.text(badge, DCM_CodeMeaning, report.operatorName);
    DcmItem& encoding = w.newItem(person, DCM_PersonIdentificationCodeSequence);
    w.text(encoding, DCM_CodeValue, "100001");
    w.text(encoding, DCM_CodingSchemeDesignator, "DCS");
    w.text(encoding, DCM_CodeMeaning, "Text Encoding");
    w.text(encoding, DCM_ContextIdentifier, "DCS4");
    if (!report.operatorName.empty())
        w.text(ds, DCM_OperatorsName, report.operatorName);
}

void addThreat(const Writer& w, DcmDataset& ds, const Report& report, const ThreatObject& pto) {
    DcmItem& item = w.newItem(ds, DCM_ThreatSequence);
    w.us(item, DCM_PotentialThreatObjectID, static_cast<Uint16>(pto.id));
    DcmItem& representation = w.newItem(item, DCM_PTORepresentationSequence);
    for (const auto& image : pto.images)
        addImageReference(w, representation, DCM_ReferencedInstanceSequence, image);
    std::vector<Float32> polygon;
    polygon.reserve(pto.boundingPolygon.size() * 3);
    for (const auto& vertex : pto.boundingPolygon) {
        polygon.push_back(static_cast<Float32>(vertex.x));
        polygon.push_back(static_cast<Float32>(vertex.y));
        polygon.push_back(0.0f);
    }
    w.fl(representation, DCM_BoundingPolygon, polygon);
    DcmItem& assessment = w.newItem(item, DCM_ATDAssessmentSequence);
    w.text(assessment, DCM_ThreatCategory, pto.category);
    if (!pto.description.empty())
        w.text(assessment, DCM_ThreatCategoryDescription, pto.description);
    w.text(assessment, DCM_ATDAbilityAssessment, "NO_INTERFERENCE");
    w.text(assessment, DCM_ATDAssessmentFlag, pto.assessmentFlag);
    if (pto.probability)
        w.fl(assessment, DCM_ATDAssessmentProbability, {static_cast<Float32>(*pto.probability)});
    if (pto.judges) {
        DcmItem& judged = w.newItem(item, DCM_ReferencedPTOSequence);
        w.us(judged, DCM_PotentialThreatObjectID, static_cast<Uint16>(pto.judges->ptoId));
        addImageReference(w, judged, DCM_ReferencedTDRInstanceSequence,
                          {schema::kTdrSopClassUid, pto.judges->tdrSopInstanceUid});
    }
    // An officer's marks carry no per-object processing time: the decision is the moment.
    w.text(item, schema::kPtoProcessingStartTime, report.alarmDecisionTime);
    w.text(item, schema::kPtoProcessingEndTime, report.alarmDecisionTime);
    w.fl(item, schema::kPtoTotalProcessingTime, {0.0f});
}

void fillDataSet(const Writer& w, DcmDataset& ds, const Report& report) {
    const DateTimeParts decided = split(report.alarmDecisionTime);
    const DateTimeParts created = nowUtc();
    // SOP Common
    w.text(ds, DCM_SpecificCharacterSet, "ISO_IR 192");
    w.text(ds, DCM_SOPClassUID, schema::kTdrSopClassUid);
    w.text(ds, DCM_SOPInstanceUID,
           report.sopInstanceUid.empty() ? newUid(SITE_INSTANCE_UID_ROOT) : report.sopInstanceUid);
    w.text(ds, DCM_InstanceCreationDate, created.date);
    w.text(ds, DCM_InstanceCreationTime, created.time);
    if (!decided.offset.empty())
        w.text(ds, DCM_TimezoneOffsetFromUTC, decided.offset);
    // Object of Inspection
    w.text(ds, DCM_PatientID, report.ooiId);
    w.text(ds, DCM_TypeOfPatientID, "TEXT");
    w.text(ds, DCM_PatientSex, "U");
    w.text(ds, DCM_OOIType, "CARGO");
    // General Scan: the scan's identity; its date is not known here (type 2, empty)
    w.text(ds, DCM_StudyInstanceUID,
           report.studyInstanceUid.empty() ? newUid(SITE_STUDY_UID_ROOT) : report.studyInstanceUid);
    w.text(ds, DCM_StudyDate, "");
    w.text(ds, DCM_StudyTime, "");
    w.text(ds, DCM_StudyID, "");
    if (report.images.empty())
        w.emptySequence(ds, DCM_ReferencedStudySequence);
    for (const auto& image : report.images)
        addImageReference(w, ds, DCM_ReferencedStudySequence, image);
    // General Series
    w.text(ds, DCM_Modality, "TDR");
    w.text(ds, DCM_SeriesInstanceUID,
           report.seriesInstanceUid.empty() ? newUid(SITE_SERIES_UID_ROOT)
                                            : report.seriesInstanceUid);
    w.text(ds, DCM_SeriesNumber, "1");
    w.text(ds, DCM_SeriesDate, decided.date);
    w.text(ds, DCM_SeriesTime, decided.time);
    // Frame of Reference: the report's own; its polygons are in image pixel coordinates
    w.text(ds, DCM_FrameOfReferenceUID, newUid(SITE_INSTANCE_UID_ROOT));
    w.text(ds, DCM_PositionReferenceIndicator, "");
    // General Equipment: the software that wrote the report
    w.text(ds, DCM_Manufacturer, kProductName);
    w.text(ds, DCM_ManufacturerModelName, std::string(kProductName) + " workstation");
    w.text(ds, DCM_SoftwareVersions, kVersion);
    // General Report
    w.text(ds, DCM_InstanceNumber, "1");
    w.text(ds, DCM_ContentDate, decided.date);
    w.text(ds, DCM_ContentTime, decided.time);
    if (!report.contentDescription.empty())
        w.text(ds, DCM_ImageComments, report.contentDescription);
    // Threat Detection Report
    w.text(ds, DCM_TDRType, report.tdrType);
    if (!report.operatorId.empty())
        addOperator(w, ds, report);
    if (!report.algorithm.empty())
        w.text(ds, DCM_ThreatDetectionAlgorithmAndVersion, report.algorithm);
    w.text(ds, DCM_AlarmDecisionTime, report.alarmDecisionTime);
    w.text(ds, DCM_AlarmDecision, report.alarmDecision);
    w.text(ds, DCM_AbortFlag, "SUCCESS");
    Uint16 alarms = 0;
    for (const auto& pto : report.threats)
        if (pto.assessmentFlag == "THREAT" || pto.assessmentFlag == "HIGH_THREAT")
            ++alarms;
    w.us(ds, DCM_NumberOfTotalObjects, static_cast<Uint16>(report.threats.size()));
    w.us(ds, DCM_NumberOfAlarmObjects, alarms);
    w.fl(ds, DCM_TotalProcessingTime, {static_cast<Float32>(report.totalProcessingTimeMs)});
    w.text(ds, DCM_DICOSVersion, "V03");
    // Threat Sequence (present, possibly empty, so a reader sees "no objects" explicitly)
    if (report.threats.empty())
        w.emptySequence(ds, DCM_ThreatSequence);
    for (const auto& pto : report.threats)
        addThreat(w, ds, report, pto);
}

} // namespace

void writeReport(const Report& report, const std::filesystem::path& file) {
    initialise();
    validateForWriting(report);
    const Writer writer(file);
    DcmFileFormat format;
    fillDataSet(writer, *format.getDataset(), report);

    // Written beside the target and renamed over it: a reader never sees half a report.
    static std::atomic<unsigned> counter{0};
    std::filesystem::path temporary = file;
    temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
    const OFCondition saved = format.saveFile(temporary.c_str(), EXS_LittleEndianExplicit);
    std::error_code ec;
    if (saved.bad()) {
        std::filesystem::remove(temporary, ec);
        throw Error(ErrorCode::Io, "cannot write " + file.string() + ": " + saved.text());
    }
    std::filesystem::rename(temporary, file, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw Error(ErrorCode::Io, "cannot write " + file.string() + ": " + ec.message());
    }
}

} // namespace prescreen::imaging::tdr
