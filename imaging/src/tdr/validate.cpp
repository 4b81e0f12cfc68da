#include "validate.h"

#include "tdr_schema.h"

#include <prescreen/error.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>

namespace prescreen::imaging::tdr {
namespace {

[[noreturn]] void invalid(const std::string& what) {
    throw Error(ErrorCode::InvalidArgument, "cannot write TDR: " + what);
}

// Number of characters of UTF-8 text, or -1 if the bytes are not UTF-8.
long utf8Length(std::string_view text) {
    long count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        if (lead >= 0xC2 && lead <= 0xDF)
            extra = 1;
        else if (lead >= 0xE0 && lead <= 0xEF)
            extra = 2;
        else if (lead >= 0xF0 && lead <= 0xF4)
            extra = 3;
        else if (lead >= 0x80)
            return -1;
        if (extra > text.size() - i - 1)
            return -1;
        for (std::size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
                return -1;
        i += extra + 1;
        ++count;
    }
    return count;
}

// A single-valued string of a short VR (SH, LO, PN): UTF-8, no backslash, no control character.
void checkShortText(const std::string& field, const std::string& value, long maxChars) {
    const long length = utf8Length(value);
    if (length < 0)
        invalid(field + " is not UTF-8 text");
    if (length > maxChars)
        invalid(field + " has " + std::to_string(length) + " characters; at most " +
                std::to_string(maxChars) + " fit");
    for (const char c : value)
        if (c == '\\' || static_cast<unsigned char>(c) < 0x20)
            invalid(field + " \"" + value + "\" contains a backslash or control character");
}

// LT: UTF-8, up to 10240 characters, line breaks and tabs allowed.
void checkLongText(const std::string& field, const std::string& value) {
    const long length = utf8Length(value);
    if (length < 0)
        invalid(field + " is not UTF-8 text");
    if (length > static_cast<long>(schema::kMaxLongTextChars))
        invalid(field + " has " + std::to_string(length) + " characters; at most " +
                std::to_string(schema::kMaxLongTextChars) + " fit");
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            invalid(field + " contains a control character");
    }
}

void checkUid(const std::string& field, const std::string& uid, bool required) {
    if (uid.empty()) {
        if (required)
            invalid(field + " is empty");
        return;
    }
    bool valid = uid.size() <= 64 && uid.front() != '.' && uid.back() != '.';
    for (std::size_t i = 0; valid && i < uid.size(); ++i) {
        const char c = uid[i];
        if (c == '.')
            valid = uid[i + 1] != '.';
        else if (c < '0' || c > '9')
            valid = false;
    }
    if (!valid)
        invalid(field + " \"" + uid + "\" is not a UID (digits and dots, at most 64 characters)");
}

void checkImages(const std::string& owner, const std::vector<ImageReference>& images) {
    if (images.size() > schema::kMaxImageReferences)
        invalid(owner + " references " + std::to_string(images.size()) + " images; at most " +
                std::to_string(schema::kMaxImageReferences));
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::string which = owner + " image " + std::to_string(i + 1);
        checkUid(which + " SOP Class UID", images[i].sopClassUid, true);
        checkUid(which + " SOP Instance UID", images[i].sopInstanceUid, true);
    }
}

void checkThreat(const ThreatObject& threat) {
    const std::string pto = "PTO " + std::to_string(threat.id);
    if (!schema::isOneOf(schema::kThreatCategories, threat.category))
        invalid(pto + " Threat Category \"" + threat.category +
                "\" is not one of EXPLOSIVE, PI, CONTRABAND, ANOMALY, LAPTOP, OTHER, "
                "PHARMACEUTICAL");
    if (!schema::isOneOf(schema::kAssessmentFlags, threat.assessmentFlag))
        invalid(pto + " Assessment Flag \"" + threat.assessmentFlag +
                "\" is not one of HIGH_THREAT, THREAT, NO_THREAT, UNKNOWN");
    checkLongText(pto + " description", threat.description);
    const auto& polygon = threat.boundingPolygon;
    if (polygon.size() < 2 || polygon.size() > schema::kMaxWrittenPolygonVertices)
        invalid(pto + " bounding polygon has " + std::to_string(polygon.size()) +
                " vertices; 2 to " + std::to_string(schema::kMaxWrittenPolygonVertices) +
                " can be written");
    constexpr double kFloatMax = std::numeric_limits<float>::max();
    for (const auto& point : polygon)
        if (!std::isfinite(point.x) || !std::isfinite(point.y) || std::abs(point.x) > kFloatMax ||
            std::abs(point.y) > kFloatMax)
            invalid(pto + " bounding polygon has a vertex that is not a finite 32-bit float");
    if (threat.images.empty())
        invalid(pto + " references no image instance (DICOS requires the images it lies on)");
    checkImages(pto, threat.images);
    if (threat.probability && !(*threat.probability >= 0 && *threat.probability <= 1))
        invalid(pto + " probability must lie between 0 and 1");
    if (threat.judges) {
        if (threat.judges->ptoId < 0 || threat.judges->ptoId > 0xFFFF)
            invalid(pto + " judges PTO ID " + std::to_string(threat.judges->ptoId) +
                    ", outside 0..65535");
        checkUid(pto + " judged TDR instance", threat.judges->tdrSopInstanceUid, true);
    }
}

} // namespace

bool isDateTimeToSecond(std::string_view text) {
    const auto digits = [&](std::size_t from, std::size_t count) {
        if (from + count > text.size())
            return -1;
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const int month = digits(4, 2);
    const int day = digits(6, 2);
    const int hour = digits(8, 2);
    const int minute = digits(10, 2);
    const int second = digits(12, 2);
    if (digits(0, 4) < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
        hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
        return false;
    std::size_t pos = 14;
    if (pos < text.size() && text[pos] == '.') {
        std::size_t count = 0;
        while (pos + 1 + count < text.size() && text[pos + 1 + count] >= '0' &&
               text[pos + 1 + count] <= '9')
            ++count;
        if (count < 1 || count > 6)
            return false;
        pos += 1 + count;
    }
    if (pos < text.size()) {
        if ((text[pos] != '+' && text[pos] != '-') || text.size() != pos + 5)
            return false;
        const int offsetHours = digits(pos + 1, 2);
        const int offsetMinutes = digits(pos + 3, 2);
        if (offsetHours < 0 || offsetHours > 14 || offsetMinutes < 0 || offsetMinutes > 59)
            return false;
        pos += 5;
    }
    return pos == text.size();
}

void validateForWriting(const Report& report) {
    if (!schema::isOneOf(schema::kWritableTdrTypes, report.tdrType))
        invalid("TDR Type \"" + report.tdrType + "\" is not OPERATOR, GROUND TRUTH or MACHINE");
    if (!schema::isOneOf(schema::kAlarmDecisions, report.alarmDecision))
        invalid("Alarm Decision \"" + report.alarmDecision + "\" is not ALARM, CLEAR or UNKNOWN");
    if (!isDateTimeToSecond(report.alarmDecisionTime))
        invalid("Alarm Decision Time \"" + report.alarmDecisionTime +
                "\" is not a DICOM date-time to the second (YYYYMMDDHHMMSS[.ffffff][+ZZXX])");
    if (report.tdrType == "OPERATOR" && (report.operatorId.empty() || report.operatorName.empty()))
        invalid("an OPERATOR TDR needs the operator's id and name");
    if (report.tdrType == "MACHINE" && report.algorithm.empty())
        invalid("a MACHINE TDR needs its detection algorithm and version");
    checkShortText("algorithm", report.algorithm, 64);
    checkShortText("operator id", report.operatorId, 64);
    checkShortText("operator name", report.operatorName, 64);
    checkShortText("OOI ID", report.ooiId, 64);
    checkUid("Study Instance UID", report.studyInstanceUid, false);
    checkUid("SOP Instance UID", report.sopInstanceUid, false);
    checkUid("Series Instance UID", report.seriesInstanceUid, false);
    checkLongText("content description", report.contentDescription);
    if (!std::isfinite(report.totalProcessingTimeMs) || report.totalProcessingTimeMs < 0 ||
        report.totalProcessingTimeMs > std::numeric_limits<float>::max())
        invalid("Total Processing Time is not a finite, non-negative number of milliseconds");
    checkImages("the report", report.images);
    if (report.threats.size() > schema::kMaxThreats)
        invalid(std::to_string(report.threats.size()) + " potential threat objects; at most " +
                std::to_string(schema::kMaxThreats));
    std::set<int> ids;
    for (const auto& threat : report.threats) {
        if (threat.id < 0 || threat.id > 0xFFFF)
            invalid("PTO ID " + std::to_string(threat.id) + " is outside 0..65535");
        if (!ids.insert(threat.id).second)
            invalid("PTO ID " + std::to_string(threat.id) + " is used twice");
        checkThreat(threat);
    }
}

} // namespace prescreen::imaging::tdr
