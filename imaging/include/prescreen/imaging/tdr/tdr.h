#pragma once
// DICOS Threat Detection Reports (NEMA IIC 1, SOP class 1.2.840.10008.5.1.4.1.1.501.3): written
// and read with DCMTK behind plain types, so core maps decisions to them without seeing DICOM.
// Prescreen writes OPERATOR TDRs (an officer's decision and marks); it reads any TDR type.

#include <filesystem>
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

/// One potential threat object (PTO).
struct ThreatObject {
    int id = 0;                 ///< PTO ID, from 1
    std::string category;       ///< Threat Category: EXPLOSIVE, PI, CONTRABAND, ANOMALY, ...
    std::string assessmentFlag; ///< HIGH_THREAT, THREAT, NO_THREAT, UNKNOWN
    std::string description;    ///< Threat Category Description (free text)
    std::vector<Point2> boundingPolygon; ///< written as (x, y, 0) triplets
    std::vector<ImageReference> images;  ///< the view(s) the polygon is on
};

struct Report {
    std::string tdrType = "OPERATOR";   ///< MACHINE, OPERATOR, GROUND TRUTH, ...
    std::string alarmDecision;          ///< ALARM (refer), CLEAR (release), UNKNOWN
    std::string alarmDecisionTime;      ///< DICOM DT, UTC, e.g. "20261122091502.123+0000"
    std::string operatorId;             ///< Operator Identification: badge
    std::string operatorName;           ///< Person Name, "Family^Given"
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
