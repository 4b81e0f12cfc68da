#pragma once
// Pieces of SqliteHqStore shared by its translation units; callers hold the store's mutex.

#include <prescreen/core/sqlite.h>
#include <prescreen/hq/store.h>

namespace prescreen::core::hq::detail {

/// Inserts an audit row inside the caller's transaction; returns its seq.
std::int64_t insertAudit(sqlite::Connection& db, const AuditRecord& record);

/// Applies a push batch inside the caller's transaction (docs/sync.md conflict and role rules).
std::vector<ItemResult> applyPush(sqlite::Connection& db, const std::string& site,
                                  const std::string& peer, const std::vector<PushItem>& items);

/// Lower-case hex SHA-256 of the payload's canonical JSON (nlohmann dump()).
std::string payloadSha256(const std::string& canonicalJson);

} // namespace prescreen::core::hq::detail
