// A decision as a DICOS OPERATOR TDR (docs/tdr.md): which DICOS values each part of the decision
// becomes. imaging::tdr writes and checks the DICOM itself.
#include <prescreen/core/tdr_export.h>
#include <prescreen/core/time.h>
#include <prescreen/error.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <string_view>
#include <utility>

namespace prescreen::core {
namespace {

namespace tdr = imaging::tdr;

// Annotation category -> DICOS Threat Category (4010,1012). DICOS's terms come from aviation
// screening: PI ("prohibited item") is where weapons go; customs seizures (drugs, undeclared
// currency, tobacco, alcohol, smuggled goods) are CONTRABAND; a hidden compartment or anything
// that does not fit is an ANOMALY. Electronics stay OTHER: DICOS's LAPTOP is the checkpoint's
// laptop rule, not a commodity class. The annotation's own category travels in the description.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kCategories{{
    {"weapon", "PI"},
    {"explosive", "EXPLOSIVE"},
    {"narcotics", "CONTRABAND"},
    {"pharmaceutical", "PHARMACEUTICAL"},
    {"currency", "CONTRABAND"},
    {"tobacco", "CONTRABAND"},
    {"alcohol", "CONTRABAND"},
    {"undeclared_goods", "CONTRABAND"},
    {"concealment", "ANOMALY"},
    {"electronics", "OTHER"},
    {"anomaly", "ANOMALY"},
    {"other", "OTHER"},
}};

constexpr int kEllipseVertices = 32;
constexpr std::size_t kMaxTextChars = 10240; // LT, in UTF-8 code units (bytes) to be safe

// Coordinates travel as 32-bit floats: round here so the report equals what is read back.
tdr::Point2 vertex(double x, double y) {
    return {static_cast<float>(x), static_cast<float>(y)};
}

std::vector<tdr::Point2> polygonOf(const Annotation& annotation) {
    const auto& p = annotation.points;
    const auto bad = [&](const std::string& what) {
        throw Error(ErrorCode::InvalidArgument, "annotation " + annotation.id + ": " +
                                                    std::string(shapeName(annotation.shape)) + " " +
                                                    what);
    };
    std::vector<tdr::Point2> polygon;
    switch (annotation.shape) {
    case Shape::Rectangle:
        if (p.size() != 2)
            bad("needs two corners, has " + std::to_string(p.size()) + " points");
        polygon = {vertex(p[0].x, p[0].y), vertex(p[1].x, p[0].y), vertex(p[1].x, p[1].y),
                   vertex(p[0].x, p[1].y)};
        break;
    case Shape::Ellipse: {
        if (p.size() != 2)
            bad("needs two corners of its box, has " + std::to_string(p.size()) + " points");
        const double cx = (p[0].x + p[1].x) / 2;
        const double cy = (p[0].y + p[1].y) / 2;
        const double rx = std::abs(p[1].x - p[0].x) / 2;
        const double ry = std::abs(p[1].y - p[0].y) / 2;
        for (int k = 0; k < kEllipseVertices; ++k) {
            const double angle = 2 * std::numbers::pi * k / kEllipseVertices;
            polygon.push_back(vertex(cx + rx * std::cos(angle), cy + ry * std::sin(angle)));
        }
        break;
    }
    case Shape::Polygon:
        if (p.size() < 3)
            bad("needs at least three vertices, has " + std::to_string(p.size()));
        for (const auto& point : p)
            polygon.push_back(vertex(point.x, point.y));
        break;
    }
    return polygon;
}

// Cuts UTF-8 text to at most `maxBytes` without splitting a character; control characters other
// than line breaks and tabs (which DICOS text may not hold) become spaces.
std::string clip(std::string text, std::size_t maxBytes) {
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t')
            c = ' ';
    if (text.size() <= maxBytes)
        return text;
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    text.resize(end);
    return text;
}

// "2026-11-22T09:15:02.123Z" -> "20261122091502.123+0000".
std::string dicomDateTime(const Decision& decision) {
    const auto time = parseUtc(decision.decidedAt);
    if (!time)
        throw Error(ErrorCode::InvalidArgument, "decision " + decision.id + ": decidedAt \"" +
                                                    decision.decidedAt +
                                                    "\" is not an ISO 8601 UTC time");
    using namespace std::chrono;
    const auto ms = floor<milliseconds>(*time);
    const auto days = floor<std::chrono::days>(ms);
    const year_month_day date{days};
    const hh_mm_ss clock{ms - days};
    char text[40];
    std::snprintf(text, sizeof text, "%04d%02u%02u%02d%02d%02d.%03d+0000", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                  int(clock.minutes().count()), int(clock.seconds().count()),
                  int(clock.subseconds().count()));
    return text;
}

std::string describe(const Decision& decision) {
    std::string text = std::string(outcomeName(decision.outcome)) + " (" +
                       std::string(decisionKindName(decision.kind));
    if (!decision.supersedesId.empty())
        text += ", supersedes decision " + decision.supersedesId;
    text += ")";
    if (!decision.reasonCodes.empty()) {
        text += "; reasons: ";
        for (std::size_t i = 0; i < decision.reasonCodes.size(); ++i)
            text += (i == 0 ? "" : ", ") + decision.reasonCodes[i];
    }
    if (!decision.comment.empty())
        text += "; comment: " + decision.comment;
    return clip(std::move(text), kMaxTextChars);
}

tdr::ImageReference referenceTo(const ScanFile& scan) {
    return {scan.sopClassUid, scan.sopInstanceUid};
}

bool isDicomImage(const ScanFile& scan) {
    // A scanner's own report travels with the scan files; it is referenced per object instead.
    return !scan.sopInstanceUid.empty() && !scan.sopClassUid.empty() &&
           scan.sopClassUid != "1.2.840.10008.5.1.4.1.1.501.3";
}

// The image instances of an annotation's view: those whose file is the view's key (its first
// plane's SOP Instance UID, or its file name); all of the scan's if none matches.
std::vector<tdr::ImageReference> imagesOfView(const std::string& viewKey,
                                              const std::vector<ScanFile>& scans,
                                              const std::vector<tdr::ImageReference>& all) {
    std::vector<tdr::ImageReference> matched;
    for (const auto& scan : scans)
        if (isDicomImage(scan) && !viewKey.empty() &&
            (scan.sopInstanceUid == viewKey || scan.fileName == viewKey))
            matched.push_back(referenceTo(scan));
    return matched.empty() ? all : matched;
}

} // namespace

std::string threatCategoryFor(const std::string& annotationCategory) {
    for (const auto& [category, threat] : kCategories)
        if (category == annotationCategory)
            return std::string(threat);
    throw Error(ErrorCode::InvalidArgument,
                "annotation category \"" + annotationCategory + "\" has no DICOS Threat Category");
}

tdr::Report makeTdr(const TdrInput& input) {
    const Decision& decision = input.decision;
    tdr::Report report;
    report.tdrType = "OPERATOR";
    report.alarmDecision = decision.outcome == Outcome::Refer ? "ALARM" : "CLEAR";
    report.alarmDecisionTime = dicomDateTime(decision);
    report.operatorId = input.officer.badge;
    report.operatorName = clip(input.officer.name, 64);
    report.ooiId = input.ooiId;
    report.contentDescription = describe(decision);
    report.totalProcessingTimeMs =
        static_cast<double>(std::max<std::int64_t>(0, decision.timeOnTaskMs));
    for (const auto& scan : input.scans) {
        if (report.studyInstanceUid.empty())
            report.studyInstanceUid = scan.studyInstanceUid;
        if (isDicomImage(scan))
            report.images.push_back(referenceTo(scan));
    }
    int nextId = 1;
    for (const auto& annotation : input.annotations) {
        if (annotation.deleted)
            continue;
        tdr::ThreatObject pto;
        pto.id = nextId++;
        pto.category = threatCategoryFor(annotation.category);
        // Marks on a referred case are why it is referred; on a released one they were cleared.
        pto.assessmentFlag = decision.outcome == Outcome::Refer ? "THREAT" : "NO_THREAT";
        pto.description =
            clip(annotation.note.empty() ? annotation.category
                                         : annotation.category + ": " + annotation.note,
                 kMaxTextChars);
        pto.boundingPolygon = polygonOf(annotation);
        pto.images = imagesOfView(annotation.viewKey, input.scans, report.images);
        report.threats.push_back(std::move(pto));
    }
    return report;
}

tdr::Report makeTdr(const TdrInput& input, const std::vector<MachineAlarm>& machineAlarms) {
    auto report = makeTdr(input);
    int nextId = 1;
    for (const auto& pto : report.threats)
        nextId = std::max(nextId, pto.id + 1);
    for (const auto& alarm : machineAlarms) {
        if (!alarm.verdict)
            continue; // not judged: the machine's own report still says what it found
        tdr::ThreatObject pto;
        pto.id = nextId++;
        pto.category = alarm.category;
        const bool confirmed = *alarm.verdict == AlarmVerdict::Confirmed;
        pto.assessmentFlag =
            confirmed ? (alarm.assessmentFlag == "HIGH_THREAT" ? "HIGH_THREAT" : "THREAT")
                      : "NO_THREAT";
        pto.description = clip(std::string(confirmed ? "confirmed" : "dismissed") +
                                   " scanner object " + std::to_string(alarm.ptoId) +
                                   (alarm.algorithm.empty() ? "" : " of " + alarm.algorithm) +
                                   (alarm.description.empty() ? "" : ": " + alarm.description),
                               kMaxTextChars);
        for (const auto& point : alarm.outline)
            pto.boundingPolygon.push_back({point.x, point.y});
        for (const auto& uid : alarm.imageSopInstanceUids)
            for (const auto& image : report.images)
                if (image.sopInstanceUid == uid)
                    pto.images.push_back(image);
        if (pto.images.empty())
            pto.images = report.images;
        pto.judges = tdr::PtoReference{alarm.ptoId, alarm.tdrSopInstanceUid};
        report.threats.push_back(std::move(pto));
    }
    return report;
}

std::optional<Outcome> outcomeFromTdr(const tdr::Report& report) {
    if (report.alarmDecision == "ALARM")
        return Outcome::Refer;
    if (report.alarmDecision == "CLEAR")
        return Outcome::Release;
    return std::nullopt;
}

} // namespace prescreen::core
