#pragma once
// What HQ checks in a pushed item beyond the envelope (docs/sync.md#what-hq-checks): the
// payload's schema (the one the workstation writes), the id form, times within a bounded skew of
// HQ's clock, and the meaning checks that need what HQ already holds: decisions' references and
// four eyes, audit-chain continuity per workstation, replays from another site. Each returns the
// refusal reason, or nullopt. Role rules stay in store_push.cpp (the role policy).

#include <prescreen/core/sqlite.h>
#include <prescreen/core/time.h>
#include <prescreen/hq/store.h>

#include <chrono>
#include <optional>
#include <string>

namespace prescreen::core::hq::detail {

/// How far ahead of HQ's clock a workstation's time may be (clocks drift; offline workstations
/// are behind, never ahead by more than this).
inline constexpr std::chrono::minutes kMaxClockSkew{10};

/// Checks that need nothing but the item: schema, id form, ids inside the payload, times.
std::optional<std::string> shapeProblem(const PushItem& item, TimePoint now);

/// Checks against what HQ holds: replays, decision references and four eyes, audit continuity.
/// Runs inside the push transaction, after the role check; `site` is the pushing workstation.
std::optional<std::string> meaningProblem(sqlite::Connection& db, const std::string& site,
                                          const PushItem& item);

/// After an audit_event is stored: it is now the last event HQ holds for `site`.
void advanceAuditHead(sqlite::Connection& db, const std::string& site, const PushItem& item);

} // namespace prescreen::core::hq::detail
