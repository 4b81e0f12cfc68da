#pragma once
// The records the audit trail describes, checked against it (docs/security.md#audit-trail):
// every decision row must match what its audit event recorded when it was made. The chain alone
// cannot see a decision row edited with the append-only trigger dropped and restored.

#include <prescreen/core/model.h>
#include <prescreen/core/sqlite.h>

#include <cstdint>
#include <functional>
#include <string>

namespace prescreen::core::audit_detail {

/// SHA-256 (hex) of the decision's canonical JSON (model_json toJson, compact): what its audit
/// event records as "record".
std::string decisionRecordDigest(const Decision& decision);

/// Compares every decision row with the decide / correct_decision / override event that
/// recorded it; calls `add(seq, message)` for each difference (seq: the event's, or 0).
void crossCheckDecisions(sqlite::Connection& db,
                         const std::function<void(std::int64_t, std::string)>& add);

} // namespace prescreen::core::audit_detail
