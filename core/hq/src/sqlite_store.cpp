#include "store_internal.h"

#include <prescreen/core/digest.h>
#include <prescreen/core/time.h>
#include <prescreen/error.h>
#include <prescreen/hq/sqlite_store.h>

#include <array>
#include <string_view>

namespace prescreen::core::hq {
namespace {

struct Step {
    int version;
    std::string_view sql;
};

// Append new steps at the end; never change a released one.
constexpr std::array kMigrations = {
    Step{1, R"SQL(
CREATE TABLE hq_items (
    site           TEXT NOT NULL,           -- the pushing workstation's certificate CN
    entity         TEXT NOT NULL,
    id             TEXT NOT NULL,           -- annotations: "uuid#version"
    actor          TEXT,                    -- badge, checked against hq_officers
    created_at     TEXT NOT NULL,           -- as the workstation wrote it
    payload        TEXT NOT NULL,           -- canonical JSON (nlohmann dump())
    payload_sha256 TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    PRIMARY KEY (site, entity, id)
) STRICT;

CREATE TABLE hq_officers (
    badge         TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    roles         INTEGER NOT NULL CHECK (roles BETWEEN 1 AND 15),
    active        INTEGER NOT NULL CHECK (active IN (0, 1)),
    password_hash TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE hq_feed (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    site       TEXT NOT NULL,               -- a CN, or '*' for every site
    kind       TEXT NOT NULL CHECK (kind IN ('officer', 'rules', 'case')),
    key        TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX hq_feed_site ON hq_feed(site, seq);

CREATE TABLE hq_scans (
    sha256     TEXT PRIMARY KEY,
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    path       TEXT NOT NULL
) STRICT;

-- Which sites may download a scan: those its cases are addressed to.
CREATE TABLE hq_scan_sites (
    sha256 TEXT NOT NULL REFERENCES hq_scans(sha256),
    site   TEXT NOT NULL,
    PRIMARY KEY (sha256, site)
) STRICT;

CREATE TABLE hq_audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    site    TEXT NOT NULL,
    peer    TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL
) STRICT;
CREATE INDEX hq_audit_action ON hq_audit(action, seq);
)SQL"},
    Step{2, R"SQL(
-- The last audit event HQ holds per workstation: the next one pushed must link to it.
CREATE TABLE hq_audit_heads (
    site TEXT PRIMARY KEY,
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
) STRICT;
INSERT INTO hq_audit_heads(site, seq, hash)
SELECT site, json_extract(payload, '$.seq'), json_extract(payload, '$.hash') FROM hq_items i
WHERE entity = 'audit_event' AND json_extract(payload, '$.seq') =
    (SELECT max(json_extract(payload, '$.seq')) FROM hq_items j
     WHERE j.site = i.site AND j.entity = 'audit_event');

-- When the officer was deactivated (NULL while active): a decision made before then, pushed
-- later by an offline workstation, is accepted and flagged.
ALTER TABLE hq_officers ADD COLUMN inactive_since TEXT;
UPDATE hq_officers SET inactive_since = updated_at WHERE active = 0;
)SQL"},
};

int userVersion(sqlite::Connection& db) {
    auto query = db.prepare("PRAGMA user_version");
    query.step();
    return static_cast<int>(query.columnInt64(0));
}

void migrate(sqlite::Connection& db) {
    const int current = userVersion(db);
    const int latest = kMigrations.back().version;
    if (current > latest)
        throw Error(ErrorCode::Unsupported, db.file().string() + ": HQ database schema version " +
                                                std::to_string(current) +
                                                " was written by a newer prescreen-hq (this " +
                                                "one knows up to " + std::to_string(latest) + ")");
    for (const auto& step : kMigrations) {
        if (step.version <= current)
            continue;
        sqlite::Transaction transaction(db);
        db.exec(step.sql);
        db.exec("PRAGMA user_version = " + std::to_string(step.version));
        transaction.commit();
    }
}

OfficerRecord officerFrom(sqlite::Statement& row) {
    return {row.columnText(0), row.columnText(1),
            Roles::fromBits(static_cast<unsigned>(row.columnInt64(2))), row.columnInt64(3) != 0,
            row.columnText(4)};
}

nlohmann::json officerFeedPayload(const OfficerRecord& officer) {
    auto roles = nlohmann::json::array();
    for (auto role : {Role::Officer, Role::Supervisor, Role::Trainer, Role::Admin})
        if (officer.roles.has(role))
            roles.push_back(std::string(roleName(role)));
    return {{"badge", officer.badge},
            {"name", officer.name},
            {"roles", roles},
            {"active", officer.active},
            {"passwordHash", officer.passwordHash}};
}

std::int64_t insertFeed(sqlite::Connection& db, const std::string& site, const std::string& kind,
                        const std::string& key, const nlohmann::json& payload) {
    db.prepare("INSERT INTO hq_feed(site, kind, key, payload, created_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, site)
        .bind(2, kind)
        .bind(3, key)
        .bind(4, payload.dump())
        .bind(5, formatUtc(std::chrono::system_clock::now()))
        .run();
    return db.lastInsertRowId();
}

void checkFeedRow(const std::string& site, const std::string& kind) {
    if (site.empty())
        throw Error(ErrorCode::InvalidArgument, "feed row needs a site (a CN or *)");
    if (kind != "officer" && kind != "rules" && kind != "case")
        throw Error(ErrorCode::InvalidArgument, "unknown feed kind '" + kind + "'");
}

} // namespace

namespace detail {

std::int64_t insertAudit(sqlite::Connection& db, const AuditRecord& record) {
    const auto details = record.details.is_null() ? nlohmann::json::object() : record.details;
    db.prepare("INSERT INTO hq_audit(at, site, peer, action, subject, details) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, record.at.empty() ? formatUtc(std::chrono::system_clock::now()) : record.at)
        .bind(2, record.site)
        .bind(3, record.peer)
        .bind(4, record.action)
        .bind(5, record.subject)
        .bind(6, details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .run();
    return db.lastInsertRowId();
}

std::string payloadSha256(const std::string& canonicalJson) {
    return Digest(Digest::Algorithm::Sha256)
        .update(canonicalJson.data(), canonicalJson.size())
        .hex();
}

} // namespace detail

SqliteHqStore::SqliteHqStore(const std::filesystem::path& file)
    : db_(std::make_unique<sqlite::Connection>(sqlite::openDurable(file))) {
    migrate(*db_);
}

SqliteHqStore::~SqliteHqStore() = default;

int SqliteHqStore::schemaVersion() {
    std::lock_guard lock(mutex_);
    return userVersion(*db_);
}

std::vector<ItemResult> SqliteHqStore::push(const std::string& site, const std::string& peer,
                                            const std::vector<PushItem>& items) {
    std::lock_guard lock(mutex_);
    sqlite::Transaction transaction(*db_);
    auto results = detail::applyPush(*db_, site, peer, items);
    transaction.commit();
    return results;
}

std::optional<OfficerRecord> SqliteHqStore::officer(const std::string& badge) {
    std::lock_guard lock(mutex_);
    auto query = db_->prepare("SELECT badge, name, roles, active, password_hash FROM hq_officers "
                              "WHERE badge = ?1");
    query.bind(1, badge);
    if (!query.step())
        return std::nullopt;
    return officerFrom(query);
}

std::vector<OfficerRecord> SqliteHqStore::officers() {
    std::lock_guard lock(mutex_);
    auto query = db_->prepare(
        "SELECT badge, name, roles, active, password_hash FROM hq_officers ORDER BY badge");
    std::vector<OfficerRecord> result;
    while (query.step())
        result.push_back(officerFrom(query));
    return result;
}

std::int64_t SqliteHqStore::putOfficer(const OfficerRecord& officer) {
    if (officer.badge.empty() || officer.badge.size() > 64)
        throw Error(ErrorCode::InvalidArgument, "officer badge must be 1 to 64 characters");
    if (officer.roles.bits() == 0)
        throw Error(ErrorCode::InvalidArgument, "officer " + officer.badge + " has no role");
    if (officer.passwordHash.rfind("$argon2id$", 0) != 0)
        throw Error(ErrorCode::InvalidArgument,
                    "officer " + officer.badge + ": password hash is not Argon2id");
    std::lock_guard lock(mutex_);
    sqlite::Transaction transaction(*db_);
    db_->prepare("INSERT INTO hq_officers(badge, name, roles, active, password_hash, updated_at, "
                 "inactive_since) VALUES (?1, ?2, ?3, ?4, ?5, ?6, CASE WHEN ?4 = 1 THEN NULL "
                 "ELSE ?6 END) ON CONFLICT(badge) DO UPDATE SET "
                 "name = excluded.name, roles = excluded.roles, active = excluded.active, "
                 "password_hash = excluded.password_hash, updated_at = excluded.updated_at, "
                 "inactive_since = CASE WHEN excluded.active = 1 THEN NULL "
                 "WHEN hq_officers.active = 1 THEN excluded.updated_at "
                 "ELSE hq_officers.inactive_since END")
        .bind(1, officer.badge)
        .bind(2, officer.name)
        .bind(3, static_cast<std::int64_t>(officer.roles.bits()))
        .bind(4, officer.active ? 1 : 0)
        .bind(5, officer.passwordHash)
        .bind(6, formatUtc(std::chrono::system_clock::now()))
        .run();
    const auto seq = insertFeed(*db_, "*", "officer", officer.badge, officerFeedPayload(officer));
    detail::insertAudit(*db_,
                        {0,
                         "",
                         "",
                         "",
                         "officer_put",
                         officer.badge,
                         {{"roles", formatRoles(officer.roles)}, {"active", officer.active}}});
    transaction.commit();
    return seq;
}

std::int64_t SqliteHqStore::appendFeed(const std::string& site, const std::string& kind,
                                       const std::string& key, const nlohmann::json& payload) {
    checkFeedRow(site, kind);
    std::lock_guard lock(mutex_);
    sqlite::Transaction transaction(*db_);
    const auto seq = insertFeed(*db_, site, kind, key, payload);
    detail::insertAudit(*db_, {0, "", site, "", "feed_" + kind, key, {{"seq", seq}}});
    transaction.commit();
    return seq;
}

std::int64_t SqliteHqStore::addCase(const std::string& site, const std::string& caseId,
                                    const nlohmann::json& payload,
                                    const std::vector<ScanRecord>& scans) {
    checkFeedRow(site, "case");
    std::lock_guard lock(mutex_);
    sqlite::Transaction transaction(*db_);
    for (const auto& scan : scans) {
        db_->prepare("INSERT INTO hq_scans(sha256, size_bytes, path) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT(sha256) DO UPDATE SET path = excluded.path")
            .bind(1, scan.sha256)
            .bind(2, scan.sizeBytes)
            .bind(3, scan.path.string())
            .run();
        db_->prepare("INSERT OR IGNORE INTO hq_scan_sites(sha256, site) VALUES (?1, ?2)")
            .bind(1, scan.sha256)
            .bind(2, site)
            .run();
    }
    const auto seq = insertFeed(*db_, site, "case", caseId, payload);
    detail::insertAudit(
        *db_, {0, "", site, "", "feed_case", caseId, {{"seq", seq}, {"scans", scans.size()}}});
    transaction.commit();
    return seq;
}

FeedPage SqliteHqStore::readFeed(const std::string& site, std::int64_t cursor, int maxItems,
                                 std::size_t maxBytes) {
    std::lock_guard lock(mutex_);
    sqlite::Transaction transaction(*db_, sqlite::Transaction::Kind::Deferred);
    auto query = db_->prepare("SELECT seq, site, kind, key, payload FROM hq_feed "
                              "WHERE seq > ?1 AND site IN (?2, '*') ORDER BY seq LIMIT ?3");
    query.bind(1, cursor).bind(2, site).bind(3, static_cast<std::int64_t>(maxItems) + 1);
    FeedPage page;
    std::size_t bytes = 0;
    while (query.step()) {
        auto text = query.columnText(4);
        if (static_cast<int>(page.items.size()) >= maxItems ||
            (!page.items.empty() && bytes + text.size() > maxBytes)) {
            page.more = true;
            break;
        }
        bytes += text.size();
        page.items.push_back({query.columnInt64(0), query.columnText(1), query.columnText(2),
                              query.columnText(3), nlohmann::json::parse(text)});
    }
    return page;
}

std::int64_t SqliteHqStore::feedHead() {
    std::lock_guard lock(mutex_);
    auto query = db_->prepare("SELECT coalesce(max(seq), 0) FROM hq_feed");
    query.step();
    return query.columnInt64(0);
}

std::optional<ScanRecord> SqliteHqStore::scanForSite(const std::string& site,
                                                     const std::string& sha256) {
    std::lock_guard lock(mutex_);
    auto query = db_->prepare(
        "SELECT s.sha256, s.size_bytes, s.path FROM hq_scans s WHERE s.sha256 = ?1 AND EXISTS "
        "(SELECT 1 FROM hq_scan_sites w WHERE w.sha256 = s.sha256 AND w.site IN (?2, '*'))");
    query.bind(1, sha256).bind(2, site);
    if (!query.step())
        return std::nullopt;
    return ScanRecord{query.columnText(0), query.columnInt64(1), query.columnText(2)};
}

std::int64_t SqliteHqStore::audit(const AuditRecord& record) {
    std::lock_guard lock(mutex_);
    return detail::insertAudit(*db_, record);
}

std::vector<AuditRecord> SqliteHqStore::auditTrail(std::optional<std::string> action, int limit) {
    std::lock_guard lock(mutex_);
    auto query = db_->prepare(
        "SELECT seq, at, site, peer, action, subject, details FROM (SELECT * FROM hq_audit "
        "WHERE ?1 IS NULL OR action = ?1 ORDER BY seq DESC LIMIT ?2) ORDER BY seq");
    if (action)
        query.bind(1, *action);
    else
        query.bind(1, nullptr);
    query.bind(2, static_cast<std::int64_t>(limit));
    std::vector<AuditRecord> result;
    while (query.step())
        result.push_back({query.columnInt64(0), query.columnText(1), query.columnText(2),
                          query.columnText(3), query.columnText(4), query.columnText(5),
                          nlohmann::json::parse(query.columnText(6))});
    return result;
}

HqCounts SqliteHqStore::counts() {
    std::lock_guard lock(mutex_);
    auto count = [this](const char* sql) {
        auto query = db_->prepare(sql);
        query.step();
        return query.columnInt64(0);
    };
    return {count("SELECT count(*) FROM hq_items"), count("SELECT count(*) FROM hq_officers"),
            count("SELECT count(*) FROM hq_feed"), count("SELECT count(*) FROM hq_scans"),
            count("SELECT count(*) FROM hq_audit")};
}

std::string_view itemStatusName(ItemStatus status) {
    switch (status) {
    case ItemStatus::Stored:
        return "stored";
    case ItemStatus::Duplicate:
        return "duplicate";
    case ItemStatus::Rejected:
        return "rejected";
    }
    return "rejected";
}

} // namespace prescreen::core::hq
