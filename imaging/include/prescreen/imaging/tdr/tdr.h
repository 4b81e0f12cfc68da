#pragma once
// DICOS Threat Detection Reports (NEMA IIC 1, SOP class 1.2.840.10008.5.1.4.1.1.501.3): written
// and read with DCMTK behind plain types, so core maps decisions to them without seeing DICOM.
// Prescreen writes OPERATOR TDRs (an officer's decision and marks, with verdicts on a scanner's
// MACHINE objects) and, for test fixtures and simulators, MACHINE TDRs; it reads any TDR type.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace prescreen::imaging::tdr {

struct Point2 {
    double x = 0; ///< image column, pixels
    double y = 0; ///< image row, pixels
};

/// An image instance the report refers to.
struct ImageReference {
    std::string sopClassUid;
    std::string sopInstanceUid;
};

/// A potential threat object of another report: Referenced PTO Sequence (4010,1076) with its
/// PTO ID and Referenced TDR Instance Sequence (4010,1077). An OPERATOR report's object that
/// carries one is the officer's verdict on that (MACHINE) object.
struct PtoReference {
    int ptoId = 0;
    std::string tdrSopInstanceUid;
};

/// One potential threat object (PTO).
struct ThreatObject {
    int id = 0;                 ///< PTO ID, from 1
    std::string category;       ///< Threat Category: EXPLOSIVE, PI, CONTRABAND, ANOMALY, ...
    std::string assessmentFlag; ///< HIGH_THREAT, THREAT, NO_THREAT, UNKNOWN
    std::string description;    ///< Threat Category Description (free text)
    std::vector<Point2> boundingPolygon; ///< written as (x, y, 0) triplets
    std::vector<ImageReference> images;  ///< the view(s) the polygon is on
    std::optional<double> probability;   ///< ATD Assessment Probability (4010,1016), 0..1
    std::optional<PtoReference> judges;  ///< the other report's object this one judges
};

struct Report {
    std::string tdrType = "OPERATOR"; ///< MACHINE, OPERATOR, GROUND TRUTH, ...
    std::string alarmDecision;        ///< ALARM (refer), CLEAR (release), UNKNOWN
    std::string alarmDecisionTime;    ///< DICOM DT, UTC, e.g. "20261122091502.123+0000"
    std::string operatorId;           ///< Operator Identification: badge
    std::string operatorName;         ///< Person Name, "Family^Given"
    /// Threat Detection Algorithm and Version (4010,1029) of a MACHINE report, values joined
    /// with " " (e.g. "ATR Manufacturer ATR Version"); required to write a MACHINE report.
    std::string algorithm;
    std::string studyInstanceUid;       ///< the scan's; a new one if empty
    std::string ooiId;                  ///< OOI ID (Patient ID)
    std::string sopInstanceUid;         ///< the report's own; generated if empty
    std::string seriesInstanceUid;      ///< generated if empty
    std::string contentDescription;     ///< e.g. the decision's reason codes and comment
    double totalProcessingTimeMs = 0;   ///< Total Processing Time: an officer's time on task
    std::vector<ImageReference> images; ///< every image instance of the scan
    std::vector<ThreatObject> threats;
};

/// Writes the report as a DICOS TDR file (explicit VR little endian, with file meta).
/// Throws prescreen::Error (InvalidArgument) for a report that is not valid, Io on write failure.
void writeReport(const Report& report, const std::filesystem::path& file);
/// Reads a TDR file; throws prescreen::Error (BadFormat) naming the file and the attribute.
Report readReport(const std::filesystem::path& file);

} // namespace prescreen::imaging::tdr
