#include <prescreen/core/manifest.h>
#include <prescreen/core/scan_evidence.h>
#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/sync/pull.h>
#include <prescreen/sync/state.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <unistd.h>

namespace prescreen::sync {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxItemsPerPage = 10000;
constexpr std::size_t kMaxScansPerCase = 256;
constexpr std::int64_t kMaxScanBytes = std::int64_t(16) << 30;

bool isSha256(const json& value) {
    if (!value.is_string())
        return false;
    const auto& text = value.get_ref<const std::string&>();
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

bool shortString(const json& object, const char* key, std::size_t max) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() && !it->get_ref<const std::string&>().empty() &&
           it->get_ref<const std::string&>().size() <= max;
}

std::string optionalString(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// Upserts an officer of HQ's directory; returns a problem, or "" when applied.
std::string applyOfficer(core::sqlite::Connection& db, const json& payload,
                         const std::string& now) {
    if (!shortString(payload, "badge", 64) || !shortString(payload, "name", 200))
        return "officer without badge or name";
    const auto roles = payload.find("roles");
    if (roles == payload.end() || !roles->is_array() || roles->empty() || roles->size() > 8)
        return "officer " + payload.at("badge").get<std::string>() + " without roles";
    std::string list;
    for (const auto& role : *roles) {
        if (!role.is_string())
            return "officer roles must be strings";
        list += (list.empty() ? "" : ",") + role.get<std::string>();
    }
    core::Roles parsed;
    try {
        parsed = core::parseRoles(list);
    } catch (const Error& error) {
        return error.what();
    }
    if (parsed.bits() == 0)
        return "officer without a known role";
    const auto active = payload.find("active");
    const bool isActive = active == payload.end() || !active->is_boolean() || active->get<bool>();
    std::string hash = optionalString(payload, "passwordHash");
    if (hash.size() > 512)
        return "officer password hash too long";
    // No hash from HQ: a new officer cannot sign in here ("!" never verifies); a known one keeps
    // the hash it has.
    db.prepare("INSERT INTO officers(id, badge, name, roles, password_hash, active, created_at, "
               "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT(badge) DO UPDATE "
               "SET name = excluded.name, roles = excluded.roles, active = excluded.active, "
               "password_hash = CASE WHEN ?8 THEN excluded.password_hash ELSE password_hash END, "
               "failed_logins = CASE WHEN ?8 THEN 0 ELSE failed_logins END, "
               "updated_at = excluded.updated_at")
        .bind(1, core::newUuid())
        .bind(2, payload.at("badge").get<std::string>())
        .bind(3, payload.at("name").get<std::string>())
        .bind(4, static_cast<std::int64_t>(parsed.bits()))
        .bind(5, hash.empty() ? std::string("!") : hash)
        .bind(6, isActive ? 1 : 0)
        .bind(7, now)
        .bind(8, hash.empty() ? 0 : 1)
        .run();
    return "";
}

std::string applyRules(core::sqlite::Connection& db, const std::string& key, const json& payload) {
    const auto text = payload.dump();
    try {
        const auto rules = core::RuleSet::parse(text, "HQ rules " + key.substr(0, 64));
        writeSetting(db, keys::kRules, text);
        writeSetting(db, keys::kRulesVersion, rules.version());
        writeSetting(db, keys::kRulesError, "");
        return "";
    } catch (const Error& error) {
        writeSetting(db, keys::kRulesError, error.what());
        return std::string("rules ") + key.substr(0, 64) + " refused: " + error.what();
    }
}

std::string applyCase(core::sqlite::Connection& db, const core::ScanCache& cache, std::int64_t seq,
                      const std::string& key, const json& payload, const std::string& now) {
    const auto scans = payload.find("scans");
    if (!payload.contains("manifest") || !payload.at("manifest").is_object())
        return "case " + key + " without a manifest object";
    if (scans == payload.end() || !scans->is_array() || scans->size() > kMaxScansPerCase)
        return "case " + key + " without a scans array (at most 256)";
    for (const auto& scan : *scans) {
        if (!scan.is_object() || !isSha256(scan.value("sha256", json())) ||
            !scan.contains("size") || !scan.at("size").is_number_integer() ||
            scan.at("size").get<std::int64_t>() < 0 ||
            scan.at("size").get<std::int64_t>() > kMaxScanBytes ||
            !shortString(scan, "fileName", 255))
            return "case " + key + ": a scan without sha256, size or fileName";
    }
    db.prepare("INSERT INTO sync_pending_cases(hq_case_id, feed_seq, payload, received_at) "
               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(hq_case_id) DO UPDATE SET "
               "feed_seq = excluded.feed_seq, payload = excluded.payload, error = NULL "
               "WHERE local_case_id IS NULL")
        .bind(1, key)
        .bind(2, seq)
        .bind(3, payload.dump())
        .bind(4, now)
        .run();
    auto want = db.prepare("INSERT INTO sync_downloads(sha256, size_bytes) VALUES (?1, ?2) "
                           "ON CONFLICT(sha256) DO NOTHING");
    for (const auto& scan : *scans) {
        const auto sha = scan.at("sha256").get<std::string>();
        if (cache.contains(sha))
            continue;
        want.reset();
        want.bind(1, sha).bind(2, scan.at("size").get<std::int64_t>()).run();
    }
    return "";
}

// Keeps file names from HQ to safe characters: they become file names on this disk.
std::string safeFileName(const std::string& name, std::size_t index) {
    std::string safe;
    for (char c : name.substr(0, 120))
        safe += std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_'
                    ? c
                    : '_';
    if (safe.empty() || safe.front() == '.')
        safe = "scan" + safe;
    return std::to_string(index) + "-" + safe;
}

} // namespace

PullCounts applyPullPage(core::sqlite::Connection& db, const core::ScanCache& cache,
                         std::int64_t fromCursor, const std::string& body, const std::string& now) {
    const auto page = json::parse(body, nullptr, false);
    if (!page.is_object() || !page.contains("cursor") || !page.at("cursor").is_number_integer() ||
        !page.contains("items") || !page.at("items").is_array())
        throw Error(ErrorCode::BadFormat, "HQ's pull answer lacks an integer cursor or items");
    PullCounts counts;
    counts.cursor = page.at("cursor").get<std::int64_t>();
    counts.more = page.value("more", false);
    const auto& items = page.at("items");
    if (counts.cursor < fromCursor)
        throw Error(ErrorCode::BadFormat, "HQ's pull answer moves the cursor back from " +
                                              std::to_string(fromCursor) + " to " +
                                              std::to_string(counts.cursor));
    if (items.size() > kMaxItemsPerPage)
        throw Error(ErrorCode::BadFormat, "HQ's pull answer has more than 10000 items");
    std::int64_t previous = fromCursor;
    for (const auto& item : items) {
        if (!item.is_object() || !item.contains("seq") || !item.at("seq").is_number_integer() ||
            !shortString(item, "kind", 64) || !item.contains("key") ||
            !item.at("key").is_string() ||
            item.at("key").get_ref<const std::string&>().size() > 256 ||
            !item.contains("payload") || !item.at("payload").is_object())
            throw Error(ErrorCode::BadFormat,
                        "HQ's pull answer: an item without seq, kind, key or object payload");
        const auto seq = item.at("seq").get<std::int64_t>();
        if (seq <= previous || seq > counts.cursor)
            throw Error(ErrorCode::BadFormat, "HQ's pull answer: item seq " + std::to_string(seq) +
                                                  " out of order (after " +
                                                  std::to_string(previous) + ", cursor " +
                                                  std::to_string(counts.cursor) + ")");
        previous = seq;
    }

    core::sqlite::Transaction transaction(db);
    if (std::stoll(readSetting(db, keys::kCursor).value_or("0")) != fromCursor)
        throw Error(ErrorCode::Conflict, "the pull cursor moved while a page was fetched");
    for (const auto& item : items) {
        const auto seq = item.at("seq").get<std::int64_t>();
        const auto kind = item.at("kind").get<std::string>();
        const auto key = item.at("key").get<std::string>();
        const auto& payload = item.at("payload");
        std::string problem;
        if (kind == "officer") {
            problem = applyOfficer(db, payload, now);
            counts.officers += problem.empty() ? 1 : 0;
        } else if (kind == "rules") {
            problem = applyRules(db, key, payload);
            counts.rules += problem.empty() ? 1 : 0;
        } else if (kind == "case") {
            problem = applyCase(db, cache, seq, key, payload, now);
            counts.cases += problem.empty() ? 1 : 0;
        } else {
            problem = "unknown kind '" + kind + "'";
        }
        ++counts.items;
        if (!problem.empty()) {
            ++counts.skipped;
            counts.warnings.push_back("HQ feed item " + std::to_string(seq) + ": " + problem);
        }
    }
    writeSetting(db, keys::kCursor, std::to_string(counts.cursor));
    transaction.commit();
    return counts;
}

std::optional<core::RuleSet> syncedRules(core::sqlite::Connection& db) {
    const auto text = readSetting(db, keys::kRules);
    if (!text || text->empty())
        return std::nullopt;
    return core::RuleSet::parse(*text,
                                "HQ rules " + readSetting(db, keys::kRulesVersion).value_or(""));
}

IngestCounts ingestReadyCases(core::Service& service) {
    auto& db = service.store().connection();
    auto& cache = service.cache();
    IngestCounts counts;
    struct Pending {
        std::string id;
        json payload;
    };
    std::vector<Pending> pending;
    {
        auto query = db.prepare("SELECT hq_case_id, payload FROM sync_pending_cases WHERE "
                                "local_case_id IS NULL AND error IS NULL ORDER BY feed_seq");
        while (query.step())
            pending.push_back(
                {query.columnText(0), json::parse(query.columnText(1), nullptr, false)});
    }
    if (pending.empty())
        return counts;
    const auto rules = syncedRules(db);
    const core::RuleSet& ruleSet = rules ? *rules : core::RuleSet::builtin();
    auto mark = [&](const std::string& id, const std::string& localId, const std::string& error) {
        auto update = db.prepare(
            "UPDATE sync_pending_cases SET local_case_id = ?2, error = ?3 WHERE hq_case_id = ?1");
        update.bind(1, id);
        if (localId.empty())
            update.bind(2, nullptr);
        else
            update.bind(2, localId);
        if (error.empty())
            update.bind(3, nullptr);
        else
            update.bind(3, error);
        update.run();
    };
    for (const auto& item : pending) {
        const auto& scans = item.payload.at("scans");
        if (!std::all_of(scans.begin(), scans.end(), [&](const json& scan) {
                return cache.contains(scan.at("sha256").get<std::string>());
            }))
            continue;
        const auto batch =
            core::parseManifestJson(item.payload.at("manifest").dump(), "HQ case " + item.id);
        if (batch.records.size() != 1 || !batch.problems.empty()) {
            const auto error = batch.problems.empty() ? std::string("not exactly one manifest")
                                                      : batch.problems.front().toString();
            mark(item.id, "", error);
            ++counts.failed;
            counts.errors.push_back("HQ case " + item.id + ": " + error);
            continue;
        }
        const auto& manifest = batch.records.front();
        // The scans under the names HQ gave them (hard links into the cache), so the case
        // records those names and the imaging layer can open them together as one scan.
        const auto folder = cache.folder().parent_path() / "incoming" / ("case-" + core::newUuid());
        std::filesystem::create_directories(folder);
        std::vector<core::ScanSource> sources;
        std::error_code ec;
        for (std::size_t i = 0; i < scans.size(); ++i) {
            const auto& scan = scans[i];
            const auto link = folder / safeFileName(scan.at("fileName").get<std::string>(), i);
            const auto cached = cache.pathOf(scan.at("sha256").get<std::string>());
            std::filesystem::create_hard_link(cached, link, ec);
            if (ec)
                std::filesystem::copy_file(cached, link);
            sources.push_back({link, optionalString(scan, "sopInstanceUid"),
                               optionalString(scan, "sopClassUid"),
                               optionalString(scan, "studyInstanceUid")});
        }
        std::optional<core::ScanEvidence> evidence;
        if (!sources.empty()) {
            try {
                const auto contents = imaging::openFolder(folder);
                if (!contents.scans.empty())
                    evidence = core::analyseScan(contents.scans.front());
            } catch (const Error&) {
                // Not a scan the engine can analyse: risk from the manifest alone, as on import.
            }
        }
        try {
            const core::RiskInput input{
                manifest,
                {service.importerShipmentCount(manifest.importer.businessNumber)},
                evidence};
            // HQ's case id is kept, so what the officers decide refers to HQ's case.
            const auto created =
                service.ingestCase(manifest, sources, ruleSet.assess(input),
                                   core::isUuid(item.id) ? item.id : std::string());
            mark(item.id, created.id, "");
            ++counts.ingested;
        } catch (const Error& error) {
            if (error.code() == ErrorCode::Conflict) {
                // Already on the site (ingested before a crash, or imported locally).
                auto known = db.prepare("SELECT c.id FROM cases c JOIN shipments s ON "
                                        "s.id = c.shipment_id WHERE s.cargo_control_number = ?1");
                known.bind(1, manifest.cargoControlNumber);
                if (known.step()) {
                    mark(item.id, known.columnText(0), "");
                    ++counts.ingested;
                    std::filesystem::remove_all(folder, ec);
                    continue;
                }
            }
            mark(item.id, "", error.what());
            ++counts.failed;
            counts.errors.push_back("HQ case " + item.id + ": " + error.what());
        }
        std::filesystem::remove_all(folder, ec);
    }
    return counts;
}

} // namespace prescreen::sync
