#pragma once
// The audit trail: security-relevant actions appended to the audit_events table as a hash chain.
// Each event's hash is SHA-256 over the previous event's hash and the event's own fields in a
// canonical encoding (docs/security.md), so changing, removing or reordering an event breaks the
// chain at that event. The head (count and last hash) is also kept in settings, so removing
// events from the end is detected too.

#include <prescreen/core/sqlite.h>
#include <prescreen/core/time.h>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace prescreen::core {

struct AuditEvent {
    std::int64_t seq = 0;
    std::string id;
    std::string at;
    std::string actor; ///< badge, or "" for the workstation itself
    std::string
        action; ///< "login", "login_failed", "open_case", "decide", "override", "export", ...
    std::string subject; ///< what it concerned: a case id, a badge, a file
    std::string details; ///< compact JSON object
    std::string prevHash;
    std::string hash;
};

struct AuditProblem {
    std::int64_t seq = 0; ///< the first event whose chain does not verify (0: the head)
    std::string message;  ///< "event 17 was modified", "event 18 is missing", ...
};

struct AuditReport {
    std::int64_t eventsChecked = 0;
    std::vector<AuditProblem> problems; ///< empty: the chain verifies
    bool ok() const { return problems.empty(); }
};

/// The hash `event` must carry at its own seq (SHA-256 over the link and the fields in the
/// canonical encoding of docs/security.md): how HQ checks a pushed event without the database.
std::string auditEventHash(const AuditEvent& event);
/// The link of the first event of a chain (64 zeros).
const std::string& auditGenesisHash();

class AuditLog {
public:
    AuditLog(sqlite::Connection& connection, Clock clock);

    /// Appends one event. Call inside the caller's transaction so the event commits with the
    /// action it records (or not at all). Returns the stored event.
    AuditEvent append(const std::string& actor, const std::string& action,
                      const std::string& subject, const nlohmann::json& details);

    /// Recomputes the whole chain; reports every event that does not verify and why.
    AuditReport verify();

    /// Events, oldest first, from seq `after` + 1; at most `limit`.
    std::vector<AuditEvent> events(std::int64_t after = 0, int limit = 1000);

private:
    sqlite::Connection& db_;
    Clock clock_;
};

} // namespace prescreen::core
