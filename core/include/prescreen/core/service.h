#pragma once
// The screening service: every operation on the store, with its role check, its audit event and
// its outbox entry, each in one transaction. The UI and the CLI call this and nothing below it
// for changes, so the rules hold whoever calls. Role rules (docs/security.md#roles):
//   officer     opens and decides cases in the shared queue or assigned to them; corrects only
//               their own decision; annotates only cases assigned to them.
//   supervisor  sees every case read-only; overrides decisions; records examination results;
//               assigns cases; verifies the audit trail.
//   trainer     manages training sets.
//   admin       manages officers; verifies the audit trail.
// Nothing is reported done before its transaction has committed (synchronous=FULL, WAL).

#include <prescreen/core/audit.h>
#include <prescreen/core/model.h>
#include <prescreen/core/password.h>
#include <prescreen/core/risk.h>
#include <prescreen/core/role_policy.h>
#include <prescreen/core/scan_cache.h>
#include <prescreen/core/store.h>
#include <prescreen/core/time.h>

#include <optional>
#include <string>
#include <vector>

namespace prescreen::core {

/// Proof that an officer signed in; only Service::login (and tests via Service) make one.
class Session {
public:
    const Officer& officer() const { return officer_; }
    bool has(Role role) const { return officer_.roles.has(role); }
    /// Whether the officer's roles grant `permission` (core::rolePolicy()).
    bool may(Permission permission) const { return allows(officer_.roles, permission); }

private:
    friend class Service;
    explicit Session(Officer officer) : officer_(std::move(officer)) {}
    Officer officer_;
};

struct NewOfficer {
    std::string badge;
    std::string name;
    Roles roles;
    std::string password;
};

/// A scan file to attach to a new case, with the DICOM identifiers the TDR refers to.
struct ScanSource {
    std::filesystem::path file;
    std::string sopInstanceUid;
    std::string sopClassUid;
    std::string studyInstanceUid;
};

struct CaseQuery {
    enum class Sort { RiskDescending, OldestFirst, NewestFirst, CargoControlNumber };
    std::vector<CaseStatus> statuses; ///< empty: every status
    std::optional<RiskLevel> minimumLevel;
    std::optional<TransportMode> mode;
    std::string origin;             ///< ISO alpha-2; empty: any
    std::string cargoControlPrefix; ///< empty: any
    std::string assignedOfficerId;  ///< empty: any the session may see
    Sort sort = Sort::RiskDescending;
    int limit = 0; ///< 0: no limit. A page (e.g. 200) walks the order index: fast at any size
    /// Keyset paging: only the cases after this one in `sort` order (the last case of the
    /// previous page). A page then costs the same anywhere in a queue of any size.
    std::optional<Case> after;
};

/// Everything the screen shows for one case.
struct CaseDetail {
    Case summary; ///< with the full risk assessment
    Manifest manifest;
    std::vector<ScanFile> scans;
    std::vector<Annotation> annotations; ///< current versions, deleted ones excluded
    std::vector<Decision> decisions;     ///< oldest first
    std::vector<ExaminationResult> examinations;
    /// The objects of MACHINE TDRs imported with the scan, with the verdicts in force.
    std::vector<MachineAlarm> machineAlarms;
    bool readOnly = true; ///< false when the session may annotate and decide
};

struct DecisionRequest {
    std::string caseId;
    Outcome outcome = Outcome::Release;
    std::vector<std::string> reasonCodes;
    std::string comment;
    std::int64_t timeOnTaskMs = 0;
};

struct TrainingCase {
    std::string caseId;
    Outcome expected = Outcome::Release;
};

class Service {
public:
    /// `cost` is the Argon2id cost of new passwords (PasswordCost::minimum() only in tests).
    Service(Store& store, ScanCache& cache, Clock clock = systemClock(),
            PasswordCost cost = PasswordCost::interactive());

    // ---- Officers and sign-in ------------------------------------------------------------------
    /// The first administrator of an empty site; PermissionDenied once any officer exists.
    Officer bootstrapAdmin(const NewOfficer& admin);
    /// Checks the badge and password. Wrong password, unknown or inactive badge: all
    /// AuthenticationFailed with the same message; a locked account says until when. Audited.
    Session login(const std::string& badge, const std::string& password);
    Officer addOfficer(const Session& session, const NewOfficer& officer); ///< admin
    std::vector<Officer> officers(const Session& session);                 ///< admin or supervisor
    void setOfficerActive(const Session& session, const std::string& badge, bool active); ///< admin
    /// An officer changes their own password (the current one is checked again).
    void changePassword(const Session& session, const std::string& current,
                        const std::string& replacement);
    std::optional<Officer> findOfficerByBadge(const std::string& badge);
    std::optional<Officer> findOfficerById(const std::string& id);
    std::size_t officerCount();

    // ---- Cases ---------------------------------------------------------------------------------
    /// Creates a shipment and its case from data arriving at the site (import or HQ sync): the
    /// scans are copied into the cache, the risk assessed, all in one transaction. Conflict if
    /// the cargo control number is already known. Audited as the workstation.
    /// `caseId`: the id HQ gave the case (a UUID), so decisions pushed back name HQ's case;
    /// empty: a new one (a local import).
    Case ingestCase(const Manifest& manifest, const std::vector<ScanSource>& scans,
                    const RiskAssessment& risk, const std::string& caseId = {});
    /// Earlier shipments of an importer (by business number) on this site.
    int importerShipmentCount(const std::string& businessNumber);

    /// The cases the session may see, filtered and sorted (summaries: risk without factors).
    std::vector<Case> queue(const Session& session, const CaseQuery& query = {});
    /// Opens a case: an officer claims it from the shared queue (status open); a supervisor or
    /// trainer opens it read-only. Audited.
    CaseDetail openCase(const Session& session, const std::string& caseId);
    /// The case as `openCase` shows it, without claiming or auditing (for refresh after edits).
    CaseDetail caseDetail(const Session& session, const std::string& caseId);
    /// Only the case's scans (as caseDetail lists them), for preparing a case before it opens:
    /// no manifest parse, no annotations. Same visibility check; not audited.
    std::vector<ScanFile> caseScans(const Session& session, const std::string& caseId);
    /// Site tools (prescreen-cli run by whoever can read the database file, i.e. the site's IT)
    /// see every case and its record without an officer's session; nothing is changed.
    std::vector<Case> siteQueue(const CaseQuery& query = {});
    CaseDetail siteCaseDetail(const std::string& caseId);

    /// Supervisor: gives a case to an officer (or back to the shared queue with an empty badge).
    void assignCase(const Session& session, const std::string& caseId, const std::string& badge);

    // ---- Annotations ---------------------------------------------------------------------------
    /// Saves a new annotation (empty id) or a new version of one of the officer's own.
    Annotation saveAnnotation(const Session& session, const Annotation& annotation);
    /// Marks the officer's annotation deleted (a new version; history is kept).
    Annotation deleteAnnotation(const Session& session, const std::string& annotationId);

    // ---- Scanner alarms (MACHINE TDRs imported with the scan) -----------------------------------
    /// An officer confirms or dismisses one object of a MACHINE report of a case assigned to
    /// them (opened). Append-only and audited; a later verdict on the object supersedes.
    /// NotFound if the case has no such report or object.
    MachineAlarm judgeMachineAlarm(const Session& session, const std::string& caseId,
                                   const std::string& tdrSopInstanceUid, int ptoId,
                                   AlarmVerdict verdict);

    // ---- Decisions -----------------------------------------------------------------------------
    /// An officer's decision; a second decision on the same case by the same officer is a
    /// correction superseding the first. Refer needs a reason code and an annotation or comment.
    /// Returns after the transaction has committed durably.
    Decision decide(const Session& session, const DecisionRequest& request);
    /// A supervisor's override of the case's latest decision; needs a reason and a comment.
    Decision overrideDecision(const Session& session, const DecisionRequest& request);
    ExaminationResult recordExamination(const Session& session, const std::string& caseId,
                                        ExaminationOutcome outcome, const std::string& findings);

    // ---- Training ------------------------------------------------------------------------------
    /// Trainer: a named set of decided cases with their expected outcomes; returns its id.
    std::string createTrainingSet(const Session& session, const std::string& name,
                                  const std::vector<TrainingCase>& cases);

    // ---- Audit and export ----------------------------------------------------------------------
    AuditReport verifyAudit(const Session& session); ///< supervisor or admin; audited
    /// Records that a decision was exported (the caller writes the file). The decision's officer
    /// or a supervisor.
    void recordExport(const Session& session, const std::string& caseId, const std::string& target);
    /// Records an export made by a site tool without an officer (audited as the workstation).
    void recordSiteExport(const std::string& caseId, const std::string& target);

    // ---- The workstation ------------------------------------------------------------------------
    /// The local database's file and the workstation's id (status bar, About).
    std::filesystem::path databaseFile() const { return store_.file(); }
    std::string workstationId() { return store_.workstationId(); }
    /// A copy of the scan cache's handle (a folder) for decoding threads to read scan files
    /// from; reading verifies each file's hash.
    ScanCache scanReader() const { return cache_; }

    /// For core's own parts (the sync client) only: ui/ goes through the calls above
    /// (tests/layering.cmake checks it).
    Store& store() { return store_; }
    ScanCache& cache() { return cache_; }

private:
    void audit(const std::string& actor, const std::string& action, const std::string& subject,
               const nlohmann::json& details);
    void outbox(const std::string& entity, const std::string& entityId,
                const nlohmann::json& payload);
    std::string now();
    Case loadCase(const std::string& caseId);
    void requireCanSee(const Session& session, const Case& item);
    std::vector<Case> runQuery(const CaseQuery& query, const std::string& visibleToOfficerId);
    CaseDetail loadDetail(const std::string& caseId);
    std::vector<ScanFile> loadScans(const std::string& caseId);
    std::vector<MachineAlarm> loadMachineAlarms(const std::string& caseId,
                                                const std::vector<ScanFile>& scans);
    /// Inserts the officer row and its outbox entry (inside the caller's transaction).
    /// `toHq`: queue the row for HQ. Not for a site's bootstrap administrator: that account is
    /// the site's own (HQ keeps its directory and sends officers down), and with no officer
    /// behind it HQ could only refuse it.
    Officer insertOfficer(const NewOfficer& request, const std::string& passwordHash, bool toHq);
    Decision appendDecision(const Session& session, const DecisionRequest& request,
                            DecisionKind kind, const std::string& supersedesId);

    Store& store_;
    ScanCache& cache_;
    Clock clock_;
    PasswordCost cost_;
    AuditLog audit_;
};

} // namespace prescreen::core
