#pragma once
// The screening domain as plain values: officers, shipments and their manifests, cases, risk
// assessments, annotations, decisions, examination results. No behaviour beyond naming; the store
// persists these, the service checks who may do what with them. Times are UTC, ISO 8601 with
// milliseconds ("2026-11-22T09:15:02.123Z"); ids are UUIDs made on the workstation.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::core {

// ---- Officers and roles ----------------------------------------------------------------------

enum class Role : unsigned { Officer = 1, Supervisor = 2, Trainer = 4, Admin = 8 };

/// A set of roles, stored as a bit mask.
class Roles {
public:
    constexpr Roles() = default;
    constexpr Roles(Role role) : bits_(static_cast<unsigned>(role)) {} // NOLINT: implicit by design
    static constexpr Roles fromBits(unsigned bits) {
        Roles roles;
        roles.bits_ = bits & 15u;
        return roles;
    }
    constexpr bool has(Role role) const { return (bits_ & static_cast<unsigned>(role)) != 0; }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr unsigned bits() const { return bits_; }
    constexpr Roles operator|(Roles other) const { return fromBits(bits_ | other.bits_); }
    constexpr bool operator==(const Roles&) const = default;

private:
    unsigned bits_ = 0;
};

std::string_view roleName(Role role);                 ///< "officer", "supervisor", ...
std::optional<Role> parseRole(std::string_view name); ///< inverse of roleName
std::string formatRoles(Roles roles);                 ///< "officer,supervisor"
/// Parses "officer,supervisor"; throws prescreen::Error (InvalidArgument) naming a bad role.
Roles parseRoles(std::string_view list);

struct Officer {
    std::string id;
    std::string badge; ///< the login name; unique on a site
    std::string name;
    Roles roles;
    bool active = true;
};

// ---- Shipments and manifests -----------------------------------------------------------------

enum class TransportMode { Courier, Air, Rail, Truck, Marine };
std::string_view modeName(TransportMode mode); ///< "courier", "air", ...
std::optional<TransportMode> parseMode(std::string_view name);

struct Party {
    std::string name;
    std::string businessNumber; ///< importer / consignee registration, e.g. "123456789RM0001"
    std::string country;        ///< ISO 3166-1 alpha-2
    std::string address;
};

struct ManifestLine {
    std::string hsCode; ///< Harmonized System code, 6 to 10 digits, no dots
    std::string description;
    double quantity = 0;
    std::string unit; ///< e.g. "PCS", "CTN", "KG"
    double weightKg = 0;
    double value = 0;
    std::string currency; ///< ISO 4217, e.g. "CAD"
};

/// Pre-arrival shipment data, as in resources/manifest/manifest.schema.json (docs/manifest.md).
struct Manifest {
    std::string formatVersion; ///< "1.0"
    std::string cargoControlNumber;
    TransportMode mode = TransportMode::Courier;
    std::string carrier; ///< carrier code, e.g. "8XYZ"
    Party shipper;
    Party consignee;
    Party importer;
    std::string origin;             ///< ISO 3166-1 alpha-2 country of origin
    std::vector<std::string> route; ///< countries (alpha-2) transited, in order, origin excluded
    std::vector<ManifestLine> lines;
    std::vector<std::string> trustedTrader; ///< memberships among "PIP", "C-TPAT", "FAST", "AEO"
    bool lowValueShipment = false;
    std::string scanLinkId;      ///< also in the DICOS file: OOI ID (0010,0020) or Itinerary ID
    std::string expectedArrival; ///< ISO 8601 date or date-time; may be empty

    double declaredWeightKg() const;
    double declaredValue() const; ///< sum of line values (assumes one currency; see lines)
};

// ---- Risk --------------------------------------------------------------------------------------

enum class RiskLevel { Low, Medium, High };
std::string_view riskLevelName(RiskLevel level); ///< "low", "medium", "high"
std::optional<RiskLevel> parseRiskLevel(std::string_view name);

struct RiskFactor {
    std::string ruleId;
    std::string description; ///< the rule's description
    double points = 0;       ///< contribution to the score (the rule's weight, may be negative)
    std::string evidence;    ///< why it fired, in words an officer understands
};

struct RiskAssessment {
    int score = 0; ///< 0..100
    RiskLevel level = RiskLevel::Low;
    std::vector<RiskFactor> factors; ///< in rule-file order
    std::string rulesVersion;
};

// ---- Cases and scans ---------------------------------------------------------------------------

enum class CaseStatus { Queued, Open, Decided };
std::string_view caseStatusName(CaseStatus status); ///< "queued", "open", "decided"
std::optional<CaseStatus> parseCaseStatus(std::string_view name);

/// One scan file of a case, kept in the content-addressed cache under its SHA-256.
struct ScanFile {
    std::string id;
    std::string sha256;   ///< lower-case hex; the cache file's name
    std::string fileName; ///< the name it was imported under
    std::int64_t sizeBytes = 0;
    std::string sopInstanceUid; ///< for TDR references; empty for non-DICOM files
    std::string sopClassUid;
    std::string studyInstanceUid;
};

struct Case {
    std::string id;
    std::string shipmentId;
    std::string cargoControlNumber;
    TransportMode mode = TransportMode::Courier;
    std::string origin;
    CaseStatus status = CaseStatus::Queued;
    std::string assignedOfficerId; ///< empty: in the shared queue
    std::optional<RiskAssessment> risk;
    std::string createdAt;
    std::string updatedAt;
};

// ---- Annotations -------------------------------------------------------------------------------

enum class Shape { Rectangle, Ellipse, Polygon };
std::string_view shapeName(Shape shape);
std::optional<Shape> parseShape(std::string_view name);

struct Point {
    double x = 0; ///< image column, pixels
    double y = 0; ///< image row, pixels
    bool operator==(const Point&) const = default;
};

/// The controlled list of annotation categories; each maps to a DICOS Threat Category.
const std::vector<std::string>& annotationCategories(); ///< "weapon", "narcotics", ...
bool isAnnotationCategory(std::string_view category);

/// A shape on one view of a case's scan. Rectangle and ellipse: two opposite corners of the
/// (bounding) box; polygon: its vertices in order (at least 3). Every save makes a new version.
struct Annotation {
    std::string id;
    int version = 1;
    std::string caseId;
    std::string viewKey; ///< which view: the SOP Instance UID of its first plane, or a file name
    Shape shape = Shape::Rectangle;
    std::vector<Point> points;
    std::string category;
    std::string note;
    std::string authorId;
    std::string createdAt;
    bool deleted = false;
};

// ---- Scanner alarms ----------------------------------------------------------------------------

/// An officer's verdict on one object a scanner's detection algorithm reported.
enum class AlarmVerdict { Confirmed, Dismissed };
std::string_view alarmVerdictName(AlarmVerdict verdict); ///< "confirmed", "dismissed"
std::optional<AlarmVerdict> parseAlarmVerdict(std::string_view name);

/// One potential threat object of a MACHINE TDR imported with the case's scan, with the verdict
/// in force (the latest; earlier ones are kept in the database and the audit trail).
struct MachineAlarm {
    std::string tdrSopInstanceUid; ///< the MACHINE report's SOP Instance UID
    std::string algorithm;         ///< Threat Detection Algorithm and Version
    int ptoId = 0;
    std::string category;       ///< Threat Category: EXPLOSIVE, CONTRABAND, ANOMALY ...
    std::string assessmentFlag; ///< the machine's: HIGH_THREAT, THREAT, NO_THREAT, UNKNOWN
    std::string description;
    std::optional<double> probability; ///< 0..1, if the report gives one
    std::vector<Point> outline;        ///< image pixels; two points are a box's opposite corners
    std::vector<std::string> imageSopInstanceUids; ///< the image(s) the outline is on
    std::optional<AlarmVerdict> verdict;
    std::string verdictOfficerId;
    std::string verdictAt;
};

// ---- Decisions and examinations ----------------------------------------------------------------

enum class Outcome { Release, Refer };
std::string_view outcomeName(Outcome outcome); ///< "release", "refer"
std::optional<Outcome> parseOutcome(std::string_view name);

enum class DecisionKind { Initial, Correction, Override };
std::string_view decisionKindName(DecisionKind kind);
std::optional<DecisionKind> parseDecisionKind(std::string_view name);

/// Reason codes an officer can give (docs/domain.md lists what each means).
const std::vector<std::string>& referReasonCodes();
const std::vector<std::string>& releaseReasonCodes();

/// Append-only: a correction (by the same officer) or an override (by a supervisor) is a new
/// decision that names the one it supersedes.
struct Decision {
    std::string id;
    std::string caseId;
    std::string officerId;
    Outcome outcome = Outcome::Release;
    DecisionKind kind = DecisionKind::Initial;
    std::vector<std::string> reasonCodes;
    std::string comment;
    std::int64_t timeOnTaskMs = 0;
    std::string decidedAt;
    std::string supersedesId; ///< empty for an initial decision
};

enum class ExaminationOutcome { NoDiscrepancy, Discrepancy, Seizure };
std::string_view examinationOutcomeName(ExaminationOutcome outcome);
std::optional<ExaminationOutcome> parseExaminationOutcome(std::string_view name);

/// What the physical examination on arrival found; recorded by a supervisor.
struct ExaminationResult {
    std::string id;
    std::string caseId;
    std::string supervisorId;
    ExaminationOutcome outcome = ExaminationOutcome::NoDiscrepancy;
    std::string findings;
    std::string recordedAt;
};

} // namespace prescreen::core
