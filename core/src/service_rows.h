#pragma once
// Row readers shared by the service's files: one SELECT column list per table and the function
// that turns a row of it into a domain value.

#include <prescreen/core/model.h>
#include <prescreen/core/sqlite.h>

namespace prescreen::core::rows {

inline constexpr const char* kOfficerColumns = "id, badge, name, roles, active";
Officer officer(const sqlite::Statement& row);

/// cases c JOIN shipments s
inline constexpr const char* kCaseColumns =
    "c.id, c.shipment_id, s.cargo_control_number, s.mode, s.origin, c.status, "
    "coalesce(c.assigned_officer_id, ''), c.risk_score, c.risk_level, c.created_at, c.updated_at";
/// A case summary: the risk score and level, without factors.
Case caseSummary(const sqlite::Statement& row);

inline constexpr const char* kScanColumns =
    "id, sha256, file_name, size_bytes, sop_instance_uid, sop_class_uid, study_instance_uid";
ScanFile scan(const sqlite::Statement& row);

inline constexpr const char* kAnnotationColumns =
    "id, version, case_id, view_key, shape, points_json, category, note, author_id, created_at, "
    "deleted";
/// The current annotations of the case bound to ?1: each one's latest version, unless that
/// version deletes it. Follows "SELECT <columns>" or "SELECT count(*)".
inline constexpr const char* kCurrentAnnotationsOfCase =
    " FROM annotations a WHERE case_id = ?1 AND version = (SELECT max(version) FROM annotations b "
    "WHERE b.id = a.id) AND deleted = 0";
Annotation annotation(const sqlite::Statement& row);

inline constexpr const char* kDecisionColumns =
    "id, case_id, officer_id, outcome, kind, reason_codes, comment, time_on_task_ms, decided_at, "
    "coalesce(supersedes_id, '')";
Decision decision(const sqlite::Statement& row);

inline constexpr const char* kExaminationColumns =
    "id, case_id, supervisor_id, outcome, findings, recorded_at";
ExaminationResult examination(const sqlite::Statement& row);

} // namespace prescreen::core::rows
