#pragma once
// The push side of the sync (docs/sync.md#push): the outbox read in seq order as batches within
// HQ's limits, each item with the badge of the officer who caused it, and HQ's answer applied:
// rows it listed leave the outbox (rejected ones into sync_rejected), in one transaction.

#include <prescreen/core/sqlite.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace prescreen::sync {

struct OutboxItem {
    std::int64_t seq = 0;
    std::string entity;
    std::string id;
    std::string createdAt;
    nlohmann::json payload;
    std::string actor; ///< badge; "" for records the workstation made itself
};

/// Rows that can never be pushed (unreadable payload, larger than a whole batch), found while
/// reading; they go to sync_rejected with `reason` without asking HQ.
struct LocalRejection {
    std::int64_t seq = 0;
    std::string reason;
};

struct OutboxBatch {
    std::vector<OutboxItem> items;
    std::vector<LocalRejection> refused;
    std::string body; ///< the POST /v1/push body for `items` (empty if there are none)
};

/// The badge behind an outbox record (docs/sync.md#push): the payload's officerId, authorId,
/// supervisorId or createdBy looked up in the officers table, an audit event's own actor, or for
/// officer and case_assignment rows the actor of the audit event written in the same transaction
/// (the next audit_event row). "" when none applies or the officer is unknown.
std::string resolveActor(core::sqlite::Connection& db, std::int64_t seq, const std::string& entity,
                         const nlohmann::json& payload);

/// The oldest outbox rows as one push: at most `maxItems` items and a body of at most
/// `maxBytes` bytes (at least one item if any is pushable).
OutboxBatch readOutboxBatch(core::sqlite::Connection& db, std::size_t maxItems,
                            std::size_t maxBytes);

struct PushResult {
    enum class Status { Stored, Duplicate, Rejected };
    std::int64_t seq = 0;
    Status status = Status::Stored;
    std::string reason;
};

/// Parses HQ's answer; prescreen::Error (BadFormat) if it is malformed or names a seq that was
/// not in the batch.
std::vector<PushResult> parsePushResponse(const std::string& body, const OutboxBatch& batch);

struct PushCounts {
    int stored = 0;
    int duplicate = 0;
    int rejected = 0; ///< by HQ or refused locally
};

/// In one transaction: the listed rows leave the outbox, rejected and locally refused ones are
/// kept in sync_rejected with their reason. Rows HQ did not list stay for the next push.
PushCounts applyPushResults(core::sqlite::Connection& db, const OutboxBatch& batch,
                            const std::vector<PushResult>& results, const std::string& now);

} // namespace prescreen::sync
