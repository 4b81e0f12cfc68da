#pragma once
// HQ's storage behind a small interface (docs/sync.md#hq-storage): the items workstations push,
// the officer directory, the feed HQ sends out, the scan files it serves and its audit trail.
// SqliteHqStore is the embedded default; another backend (PostgreSQL) implements the same calls.
// Every method is safe to call from several threads at once.

#include <prescreen/core/model.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace prescreen::core::hq {

/// One pushed item, validated for shape by the protocol layer (docs/sync.md#push-post-v1push).
struct PushItem {
    std::int64_t seq = 0;
    std::string entity;
    std::string id;
    std::optional<std::string> actor; ///< badge; absent for records the workstation made itself
    std::string createdAt;            ///< UTC ISO 8601 as the workstation wrote it
    nlohmann::json payload;
};

enum class ItemStatus { Stored, Duplicate, Rejected };
std::string_view itemStatusName(ItemStatus status); ///< "stored", "duplicate", "rejected"

struct ItemResult {
    std::int64_t seq = 0;
    ItemStatus status = ItemStatus::Rejected;
    std::string reason; ///< why rejected, or why a duplicate was not applied; empty otherwise
};

/// An entry of HQ's officer directory: authoritative for the badges it names.
struct OfficerRecord {
    std::string badge;
    std::string name;
    Roles roles;
    bool active = true;
    std::string passwordHash; ///< Argon2id, libsodium string form (core/password.h)
};

/// A row of the feed HQ sends to workstations.
struct FeedItem {
    std::int64_t seq = 0;
    std::string site; ///< a workstation CN, or "*" for every site
    std::string kind; ///< "officer", "rules", "case"
    std::string key;
    nlohmann::json payload;
};

struct FeedPage {
    std::vector<FeedItem> items;
    bool more = false; ///< further rows for this site exist after the last one returned
};

struct ScanRecord {
    std::string sha256;
    std::int64_t sizeBytes = 0;
    std::filesystem::path path; ///< where HQ keeps the file
};

struct AuditRecord {
    std::int64_t seq = 0;   ///< given by the store
    std::string at;         ///< given by the store (UTC) when empty
    std::string site;       ///< workstation CN, empty if not known (TLS refused)
    std::string peer;       ///< "address:port" of the connection, empty for local commands
    std::string action;     ///< "tls_refused", "item_rejected", "officer_put", ...
    std::string subject;    ///< what it concerned: an item, a badge, a file
    nlohmann::json details; ///< an object
};

struct HqCounts {
    std::int64_t items = 0;
    std::int64_t officers = 0;
    std::int64_t feed = 0;
    std::int64_t scans = 0;
    std::int64_t audit = 0;
};

class HqStore {
public:
    virtual ~HqStore() = default;

    /// Applies a batch from `site` in one transaction (conflict and role rules of docs/sync.md);
    /// returns after the commit, one result per item in order. Rejections are audited in the
    /// same transaction, with `peer` recorded.
    virtual std::vector<ItemResult> push(const std::string& site, const std::string& peer,
                                         const std::vector<PushItem>& items) = 0;

    virtual std::optional<OfficerRecord> officer(const std::string& badge) = 0;
    virtual std::vector<OfficerRecord> officers() = 0;
    /// Upserts the officer and adds an "officer" feed row for every site, in one transaction;
    /// returns the feed seq.
    virtual std::int64_t putOfficer(const OfficerRecord& officer) = 0;

    /// Appends a feed row; returns its seq. For "case" rows use addCase.
    virtual std::int64_t appendFeed(const std::string& site, const std::string& kind,
                                    const std::string& key, const nlohmann::json& payload) = 0;
    /// Registers the case's scan files and appends its "case" feed row in one transaction.
    virtual std::int64_t addCase(const std::string& site, const std::string& caseId,
                                 const nlohmann::json& payload,
                                 const std::vector<ScanRecord>& scans) = 0;
    /// Rows after `cursor` for `site` or "*", in seq order: at most `maxItems`, and no more than
    /// `maxBytes` of payload JSON (but always at least one row if any is due).
    virtual FeedPage readFeed(const std::string& site, std::int64_t cursor, int maxItems,
                              std::size_t maxBytes) = 0;
    /// The last feed seq (0 when empty).
    virtual std::int64_t feedHead() = 0;

    /// A scan file that belongs to a case addressed to `site` or "*"; nullopt otherwise.
    virtual std::optional<ScanRecord> scanForSite(const std::string& site,
                                                  const std::string& sha256) = 0;

    /// Appends to the audit trail; returns the seq.
    virtual std::int64_t audit(const AuditRecord& record) = 0;
    /// The latest `limit` audit rows, optionally of one action, oldest first.
    virtual std::vector<AuditRecord> auditTrail(std::optional<std::string> action, int limit) = 0;

    virtual HqCounts counts() = 0;
};

} // namespace prescreen::core::hq
