#pragma once
// The pull side of the sync (docs/sync.md#pull): HQ's feed applied in seq order with the cursor
// in the same transaction; officers upserted by badge, rules checked before use, cases kept
// pending until their scans are downloaded, then ingested with risk from the current rules.

#include <prescreen/core/risk.h>
#include <prescreen/core/scan_cache.h>
#include <prescreen/core/service.h>
#include <prescreen/core/sqlite.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace prescreen::sync {

struct PullCounts {
    int items = 0;
    int officers = 0;
    int rules = 0; ///< rule sets accepted
    int cases = 0;
    int skipped = 0; ///< items not applied (bad or unknown kind): see warnings
    bool more = false;
    std::int64_t cursor = 0;
    std::vector<std::string> warnings;
};

/// Validates one GET /v1/pull answer (cursor, seqs increasing after `fromCursor`, each item's
/// shape) and applies it in one transaction that also stores the new cursor. A malformed answer
/// throws prescreen::Error (BadFormat) and applies nothing; a bad item inside a good answer is
/// skipped with a warning (a bad rules file also sets sync.rulesError, the old rules stay).
PullCounts applyPullPage(core::sqlite::Connection& db, const core::ScanCache& cache,
                         std::int64_t fromCursor, const std::string& body, const std::string& now);

/// HQ's rules if it sent valid ones (settings sync.rules), else nullopt: use RuleSet::builtin().
std::optional<core::RuleSet> syncedRules(core::sqlite::Connection& db);

struct IngestCounts {
    int ingested = 0;
    int failed = 0;
    std::vector<std::string> errors;
};

/// Ingests every pending case whose scans are all in the cache (risk: current rules, importer
/// history, scan evidence when the files open as a scan). A case whose cargo control number is
/// already on the site is linked to that case. A case that cannot be ingested keeps its error.
IngestCounts ingestReadyCases(core::Service& service);

} // namespace prescreen::sync
