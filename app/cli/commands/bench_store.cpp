// prescreen-cli bench-store: the store's speed against baselines measured in the same run and the
// same durability mode (WAL, synchronous=FULL, on disk), as issue 4 asks:
//   decisions  Service::decide, one transaction each, against raw prepared inserts of the same
//              rows into a table identical to `decisions` (goal: >= 50 % of the raw rate);
//   queue      Service::queue over 100,000 cases with realistic filters (goal: < 50 ms).
// Lines starting "bench-store." are machine-readable ("name value unit"); the rest is for people.
#include "../args.h"
#include "../commands.h"

#include <prescreen/core/manifest.h>
#include <prescreen/core/model_json.h>
#include <prescreen/core/service.h>
#include <prescreen/error.h>
#include <prescreen/version.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <ostream>
#include <regex>
#include <thread>

namespace prescreen::cli {
namespace {

using namespace prescreen::core;
using Steady = std::chrono::steady_clock;

constexpr const char* kPassword = "bench password";
constexpr const char* kCarriers[] = {"8XYZ", "2ABC", "7QRS", "4LMN",
                                     "9DEF", "3GHI", "5JKL", "6TUV"};
constexpr const char* kOrigins[] = {"CN", "VN", "IN", "MX", "US", "DE", "TR", "BR", "CO", "NG",
                                    "PK", "TH", "HK", "AE", "GB", "FR", "IT", "KR", "JP", "ZA"};
constexpr TransportMode kModes[] = {
    TransportMode::Courier, TransportMode::Courier, TransportMode::Courier, TransportMode::Courier,
    TransportMode::Air,     TransportMode::Air,     TransportMode::Truck,   TransportMode::Truck,
    TransportMode::Rail,    TransportMode::Marine};
constexpr int kOfficers = 20;

double secondsSince(Steady::time_point start) {
    return std::chrono::duration<double>(Steady::now() - start).count();
}

struct Timing {
    double wallMs = 0; ///< median wall time of the runs
    double cpuMs = 0;  ///< median CPU time of this process over the runs
};

/// `work` run `repeat` times; the CPU figure is steadier than wall time on a shared machine.
Timing median(int repeat, const std::function<void()>& work) {
    std::vector<double> wall, cpu;
    for (int i = 0; i < repeat; ++i) {
        const auto start = Steady::now();
        const auto cpuStart = std::clock();
        work();
        cpu.push_back(1000.0 * double(std::clock() - cpuStart) / CLOCKS_PER_SEC);
        wall.push_back(secondsSince(start) * 1000.0);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

/// A throw-away folder for the benchmark databases, removed when the object dies.
class Scratch {
public:
    explicit Scratch(const std::filesystem::path& parent) {
        std::error_code ec;
        std::filesystem::create_directories(parent, ec);
        if (ec)
            throw Error(ErrorCode::Io,
                        "cannot create folder " + parent.string() + ": " + ec.message());
        std::string pattern = (parent / "prescreen-bench-store-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw Error(ErrorCode::Io, "cannot create a folder in " + parent.string());
        path_ = pattern;
    }
    ~Scratch() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::int64_t scalar(Store& store, const std::string& sql) {
    auto query = store.connection().prepare(sql);
    query.step();
    return query.columnInt64(0);
}

/// A site with one administrator, one supervisor and `kOfficers` officers OFF1..OFFn.
void addStaff(Service& service) {
    service.bootstrapAdmin({"ADMIN", "Bench Admin", Role::Admin, kPassword});
    const auto admin = service.login("ADMIN", kPassword);
    service.addOfficer(admin, {"SUP1", "Bench Supervisor", Roles(Role::Supervisor), kPassword});
    for (int i = 1; i <= kOfficers; ++i)
        service.addOfficer(admin, {"OFF" + std::to_string(i), "Bench Officer " + std::to_string(i),
                                   Role::Officer, kPassword});
}

/// `count` cases as an import would leave them (manifest and risk JSON of realistic size), in
/// one transaction of direct inserts: setup, not measured. Case i: carrier i % 8, CCN
/// carrier + 8 digits (i / 8), risk skewed low; all queued, or 70 % queued, 10 % open and
/// 20 % decided (open and decided ones assigned to the officers in turn).
void addCases(Store& store, int count, bool allQueued) {
    std::vector<std::string> officerIds;
    {
        auto query = store.connection().prepare(
            "SELECT id FROM officers WHERE badge LIKE 'OFF%' ORDER BY badge");
        while (query.step())
            officerIds.push_back(query.columnText(0));
    }
    auto& db = store.connection();
    sqlite::Transaction transaction(db);
    auto shipment = db.prepare("INSERT INTO shipments(id, cargo_control_number, mode, origin, "
                               "importer_business_number, scan_link_id, manifest_json, "
                               "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    auto item = db.prepare("INSERT INTO cases(id, shipment_id, status, assigned_officer_id, "
                           "risk_score, risk_level, risk_json, created_at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
    const auto start = parseUtc("2026-10-01T00:00:00.000Z").value();
    for (int i = 0; i < count; ++i) {
        char ccn[24];
        std::snprintf(ccn, sizeof ccn, "%s%08d", kCarriers[i % 8], i / 8);
        Manifest manifest;
        manifest.formatVersion = "1.0";
        manifest.cargoControlNumber = ccn;
        manifest.mode = kModes[i % 10];
        manifest.carrier = kCarriers[i % 8];
        manifest.shipper = {"Exporter " + std::to_string(i % 997), "", kOrigins[i % 20],
                            std::to_string(i % 300) + " Industrial Rd"};
        manifest.consignee = {"Importer " + std::to_string(i % 4999),
                              std::to_string(100000000 + i % 4999) + "RM0001", "CA",
                              std::to_string(i % 90) + " King St W, Toronto ON"};
        manifest.importer = manifest.consignee;
        manifest.origin = kOrigins[i % 20];
        manifest.route = {"HK"};
        manifest.lines = {{"620342", "Men's cotton trousers", 120, "PCS", 48.5, 1450, "CAD"},
                          {"940360", "Wooden furniture", 4, "PCS", 95, 800, "CAD"}};
        manifest.scanLinkId = std::string("OOI-") + ccn;
        RiskAssessment risk;
        const int spread = (i * 7919) % 1000; // deterministic, roughly uniform
        risk.score = spread < 600   ? spread / 15
                     : spread < 900 ? 40 + (spread - 600) / 10
                                    : 70 + (spread - 900) * 30 / 100;
        risk.level = risk.score >= 70   ? RiskLevel::High
                     : risk.score >= 40 ? RiskLevel::Medium
                                        : RiskLevel::Low;
        risk.rulesVersion = "2026.11";
        risk.factors = {{"origin-route", "Origin or route on the watch list", 15,
                         "origin " + manifest.origin + " via HK"},
                        {"hs-chapter", "Commodity chapter with frequent misdeclaration", 10,
                         "HS chapter 62 (apparel)"},
                        {"mass-mismatch", "Declared weight far from the X-ray estimate",
                         double(risk.score / 3), "declared 143 kg; X-ray estimate 410 ± 60 kg"}};
        const auto time = formatUtc(start + std::chrono::seconds(26 * i));
        const auto caseId = newUuid();
        const auto shipmentId = newUuid();
        shipment.reset();
        shipment.bind(1, shipmentId)
            .bind(2, manifest.cargoControlNumber)
            .bind(3, modeName(manifest.mode))
            .bind(4, manifest.origin)
            .bind(5, manifest.importer.businessNumber)
            .bind(6, manifest.scanLinkId)
            .bind(7, manifestToJson(manifest).dump())
            .bind(8, time)
            .run();
        const int state = allQueued ? 0 : i % 10; // 0-6 queued, 7 open, 8-9 decided
        item.reset();
        item.bind(1, caseId)
            .bind(2, shipmentId)
            .bind(3, state < 7    ? "queued"
                     : state == 7 ? "open"
                                  : "decided");
        if (state < 7)
            item.bind(4, nullptr);
        else
            item.bind(4, officerIds[static_cast<std::size_t>(i / 10) % officerIds.size()]);
        item.bind(5, risk.score)
            .bind(6, riskLevelName(risk.level))
            .bind(7, toJson(risk).dump())
            .bind(8, time)
            .run();
    }
    transaction.commit();
}

void metric(std::ostream& out, const std::string& name, double value, const char* unit) {
    out << "bench-store." << name << ' ' << std::fixed << std::setprecision(3) << value << ' '
        << unit << '\n';
}

// ---- a) decisions -----------------------------------------------------------------------------

/// `decisions` as the migrations made it in `store` (columns, types, constraints, indexes;
/// triggers aside: they fire only on UPDATE and DELETE), renamed raw_decisions, so the raw
/// baseline always measures the table core really writes.
std::string rawTableSql(Store& store) {
    auto query = store.connection().prepare(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'decisions' AND "
        "type IN ('table', 'index') AND sql IS NOT NULL");
    std::string table;
    std::string indexes;
    static const std::regex name(R"(\bdecisions)");
    while (query.step()) {
        const auto sql = std::regex_replace(query.columnText(1), name, "raw_decisions") + ";\n";
        (query.columnText(0) == "table" ? table : indexes) += sql;
    }
    if (table.empty())
        throw Error(ErrorCode::Internal, "bench-store: the migrated store " +
                                             store.file().string() + " has no decisions table");
    return table + indexes;
}

/// Raw SQLite: one prepared INSERT per row, each in its own BEGIN IMMEDIATE ... COMMIT.
class RawInserter {
public:
    explicit RawInserter(sqlite::Connection& db)
        : begin_(db.prepare("BEGIN IMMEDIATE")), commit_(db.prepare("COMMIT")),
          insert_(db.prepare("INSERT INTO raw_decisions(id, case_id, officer_id, outcome, kind, "
                             "reason_codes, comment, time_on_task_ms, decided_at, supersedes_id) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL)")) {}

    void insert(const Decision& row) {
        const auto codes = nlohmann::json(row.reasonCodes).dump();
        begin_.reset();
        begin_.run();
        insert_.reset();
        insert_.bind(1, row.id)
            .bind(2, row.caseId)
            .bind(3, row.officerId)
            .bind(4, outcomeName(row.outcome))
            .bind(5, decisionKindName(row.kind))
            .bind(6, codes)
            .bind(7, row.comment)
            .bind(8, row.timeOnTaskMs)
            .bind(9, row.decidedAt)
            .run();
        commit_.reset();
        commit_.run();
    }

private:
    sqlite::Statement begin_;
    sqlite::Statement commit_;
    sqlite::Statement insert_;
};

DecisionRequest requestFor(const std::string& caseId, std::size_t index) {
    DecisionRequest request;
    request.caseId = caseId;
    request.timeOnTaskMs = 20000 + static_cast<std::int64_t>(index % 40000);
    if (index % 4 == 0) {
        request.outcome = Outcome::Refer;
        request.reasonCodes = {"manifest_mismatch", "dense_region"};
        request.comment = "Dense block behind the rear panel, not in the declared lines.";
    } else {
        request.outcome = Outcome::Release;
        request.reasonCodes = {"consistent_with_manifest"};
    }
    return request;
}

/// Frames (pages) appended to the WAL per commit of `work`, averaged over `count` commits.
double walPagesPerCommit(Store& store, int count, const std::function<void(int)>& work) {
    store.connection().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    for (int i = 0; i < count; ++i)
        work(i);
    auto query = store.connection().prepare("PRAGMA wal_checkpoint(PASSIVE)");
    query.step();
    return static_cast<double>(query.columnInt64(1)) / count;
}

void benchDecisions(const std::filesystem::path& folder, int decisions, std::ostream& out) {
    constexpr int kBlock = 250; // the two measurements alternate in blocks, so drift hits both
    constexpr int kNoSync = 1000;
    constexpr int kPageSample = 20; // few enough that no auto-checkpoint resets the WAL
    Store store(folder / "decisions.sqlite3");
    ScanCache cache(ScanCache::folderFor(store.file()));
    Service service(store, cache, systemClock(), PasswordCost::minimum());
    addStaff(service);
    addCases(store, decisions + kNoSync + kPageSample, true);
    store.connection().exec(rawTableSql(store));
    const auto session = service.login("OFF1", kPassword);
    std::vector<std::string> caseIds;
    {
        auto query = store.connection().prepare(
            "SELECT id FROM cases WHERE status = 'queued' ORDER BY created_at");
        while (query.step())
            caseIds.push_back(query.columnText(0));
    }
    if (caseIds.size() < static_cast<std::size_t>(decisions + kNoSync + kPageSample))
        throw Error(ErrorCode::Internal, "bench-store: too few queued cases were set up");

    const auto outboxBefore = scalar(store, "SELECT count(*) FROM outbox");
    const auto auditBefore = scalar(store, "SELECT count(*) FROM audit_events");
    RawInserter raw(store.connection());
    double serviceSeconds = 0, rawSeconds = 0;
    std::size_t next = 0;
    std::vector<Decision> made;
    while (next < static_cast<std::size_t>(decisions)) {
        made.clear();
        const std::size_t end = std::min<std::size_t>(next + kBlock, decisions);
        auto start = Steady::now();
        for (std::size_t i = next; i < end; ++i)
            made.push_back(service.decide(session, requestFor(caseIds[i], i)));
        serviceSeconds += secondsSince(start);
        start = Steady::now();
        for (const auto& row : made)
            raw.insert(row);
        rawSeconds += secondsSince(start);
        next = end;
    }
    const double outboxPerDecision =
        double(scalar(store, "SELECT count(*) FROM outbox") - outboxBefore) / decisions;
    const double auditPerDecision =
        double(scalar(store, "SELECT count(*) FROM audit_events") - auditBefore) / decisions;

    // The same work without waiting for the disk: what is left is CPU and SQLite's page work.
    store.connection().exec("PRAGMA synchronous = OFF");
    made.clear();
    auto start = Steady::now();
    for (int i = 0; i < kNoSync; ++i, ++next)
        made.push_back(service.decide(session, requestFor(caseIds[next], next)));
    const double serviceNoSync = secondsSince(start) / kNoSync;
    start = Steady::now();
    for (const auto& row : made)
        raw.insert(row);
    const double rawNoSync = secondsSince(start) / kNoSync;
    store.connection().exec("PRAGMA synchronous = FULL");

    // decide() compiles each of its ~15 statements anew (no statement cache); one compilation:
    constexpr int kPrepares = 2000;
    start = Steady::now();
    for (int i = 0; i < kPrepares; ++i)
        store.connection().prepare(
            "INSERT INTO decisions(id, case_id, officer_id, outcome, kind, reason_codes, comment, "
            "time_on_task_ms, decided_at, supersedes_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
            "?9, ?10)");
    const double prepareUs = secondsSince(start) / kPrepares * 1e6;

    made.clear();
    const double servicePages = walPagesPerCommit(store, kPageSample, [&](int) {
        made.push_back(service.decide(session, requestFor(caseIds[next], next)));
        ++next;
    });
    const double rawPages = walPagesPerCommit(
        store, kPageSample, [&](int i) { raw.insert(made[static_cast<std::size_t>(i)]); });

    const double serviceRate = decisions / serviceSeconds;
    const double rawRate = decisions / rawSeconds;
    metric(out, "decide.rate", serviceRate, "per_s");
    metric(out, "raw_insert.rate", rawRate, "per_s");
    metric(out, "decide.ratio_to_raw", serviceRate / rawRate, "fraction");
    metric(out, "decide.us_per_commit", 1e6 / serviceRate, "us");
    metric(out, "raw_insert.us_per_commit", 1e6 / rawRate, "us");
    metric(out, "decide.nosync_us", serviceNoSync * 1e6, "us");
    metric(out, "prepare_insert.us", prepareUs, "us");
    metric(out, "raw_insert.nosync_us", rawNoSync * 1e6, "us");
    metric(out, "decide.wal_pages_per_commit", servicePages, "pages");
    metric(out, "raw_insert.wal_pages_per_commit", rawPages, "pages");
    metric(out, "decide.outbox_rows", outboxPerDecision, "rows");
    metric(out, "decide.audit_events", auditPerDecision, "rows");

    out << "\n"
        << decisions << " decisions, one transaction each (WAL, synchronous=FULL):\n"
        << std::fixed << std::setprecision(0) << "  Service::decide      " << serviceRate
        << " /s  (" << 1e6 / serviceRate << " us each)\n"
        << "  raw prepared INSERT  " << rawRate << " /s  (" << 1e6 / rawRate << " us each)\n"
        << std::setprecision(1) << "  ratio                " << 100.0 * serviceRate / rawRate
        << " %  (goal >= 50 %)\n"
        << "  per decide: 1 decision row, 1 case update, " << outboxPerDecision << " outbox rows, "
        << auditPerDecision << " audit event (+ chain head in settings); " << servicePages
        << " WAL pages per commit vs " << rawPages << " for the raw insert\n"
        << std::setprecision(0) << "  without fsync (synchronous=OFF): decide "
        << serviceNoSync * 1e6 << " us, raw insert " << rawNoSync * 1e6
        << " us; the rest of each commit is waiting for the disk\n"
        << std::setprecision(1) << "  compiling one INSERT like decide's: " << prepareUs
        << " us (decide compiles ~15 statements per call; the raw loop none)" << std::endl;
}

// ---- b) the queue ------------------------------------------------------------------------------

struct QueueCase {
    const char* name;
    bool supervisor; ///< else the officer OFF1
    CaseQuery query;
};

using BoundSql = std::pair<std::string, std::vector<std::string>>; ///< SQL, text parameters

/// The statement Service::queue runs for `query`, mirroring core/src/service_cases.cpp as of this
/// writing, to show where the time goes; `officerId` empty: a session that sees every case.
/// `proposed`: the change suggested in docs/benchmarks.md — filters written so that SQLite can
/// walk the index of the sort order and stop at the LIMIT (unary + keeps the status and
/// assignment indexes out of the plan), the CCN prefix as a range on its unique index, and the
/// level as IN on the stored name.
BoundSql mirrorSql(const CaseQuery& query, const std::string& officerId, bool proposed) {
    std::string sql = "SELECT c.id, c.shipment_id, s.cargo_control_number, s.mode, s.origin, "
                      "c.status, coalesce(c.assigned_officer_id, ''), c.risk_score, "
                      "c.risk_level, c.created_at, c.updated_at FROM cases c JOIN shipments s "
                      "ON s.id = c.shipment_id WHERE 1";
    std::vector<std::string> texts;
    auto parameter = [&](std::string value) {
        texts.push_back(std::move(value));
        return "?" + std::to_string(texts.size());
    };
    const std::string plus = proposed ? "+" : "";
    if (!query.statuses.empty()) {
        sql += " AND " + plus + "c.status IN (";
        for (std::size_t i = 0; i < query.statuses.size(); ++i)
            sql += (i ? ", " : "") + parameter(std::string(caseStatusName(query.statuses[i])));
        sql += ")";
    }
    if (query.minimumLevel && proposed)
        sql += *query.minimumLevel == RiskLevel::High ? " AND c.risk_level IN ('high')"
               : *query.minimumLevel == RiskLevel::Medium
                   ? " AND c.risk_level IN ('medium', 'high')"
                   : "";
    else if (query.minimumLevel)
        sql += " AND (CASE c.risk_level WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END) >= " +
               std::to_string(static_cast<int>(*query.minimumLevel));
    const auto& prefix = query.cargoControlPrefix;
    if (!prefix.empty() && proposed) {
        auto after = prefix; // the first text past every one with the prefix (ASCII CCNs)
        after.back() = static_cast<char>(after.back() + 1);
        sql += " AND s.cargo_control_number >= " + parameter(prefix) +
               " AND s.cargo_control_number < " + parameter(after);
    } else if (!prefix.empty()) {
        sql += " AND substr(s.cargo_control_number, 1, " + std::to_string(prefix.size()) +
               ") = " + parameter(prefix);
    }
    if (!officerId.empty())
        sql += " AND (" + plus + "c.assigned_officer_id IS NULL OR " + plus +
               "c.assigned_officer_id = " + parameter(officerId) + ")";
    sql += query.sort == CaseQuery::Sort::OldestFirst ? " ORDER BY c.created_at, c.id"
                                                      : " ORDER BY c.risk_score DESC, "
                                                        "c.created_at, c.id";
    if (query.limit > 0)
        sql += " LIMIT " + std::to_string(query.limit);
    return {sql, texts};
}

/// The indexes the proposed queries walk, one per sort order (migration 3 creates them now).
constexpr const char* kProposedIndexes =
    "CREATE INDEX IF NOT EXISTS cases_by_risk ON cases(risk_score DESC, created_at, id);"
    "CREATE INDEX IF NOT EXISTS cases_by_age ON cases(created_at, id);";

/// CPU time of stepping through every row of `sql` without reading them; its plan in `plan`.
Timing sqliteAlone(Store& store, const BoundSql& sql, int repeat, std::string& plan) {
    auto bound = [&](const std::string& text) {
        auto statement = store.connection().prepare(text);
        for (std::size_t i = 0; i < sql.second.size(); ++i)
            statement.bind(static_cast<int>(i + 1), sql.second[i]);
        return statement;
    };
    auto explain = bound("EXPLAIN QUERY PLAN " + sql.first);
    plan.clear();
    while (explain.step())
        plan += " [" + explain.columnText(3) + "]";
    return median(repeat, [&] {
        auto statement = bound(sql.first);
        while (statement.step()) {
        }
    });
}

std::vector<QueueCase> queueVariants() {
    std::vector<QueueCase> variants;
    CaseQuery officerQueue;
    officerQueue.statuses = {CaseStatus::Queued, CaseStatus::Open};
    variants.push_back({"officer_risk", false, officerQueue});
    officerQueue.limit = 100;
    variants.push_back({"officer_risk_top100", false, officerQueue});
    CaseQuery high;
    high.minimumLevel = RiskLevel::High;
    variants.push_back({"supervisor_high", true, high});
    high.limit = 100;
    variants.push_back({"supervisor_high_top100", true, high});
    CaseQuery prefix;
    prefix.cargoControlPrefix = "8XYZ0001";
    variants.push_back({"supervisor_ccn_prefix", true, prefix});
    CaseQuery oldest;
    oldest.statuses = {CaseStatus::Queued};
    oldest.sort = CaseQuery::Sort::OldestFirst;
    variants.push_back({"officer_oldest", false, oldest});
    oldest.limit = 100;
    variants.push_back({"officer_oldest_top100", false, oldest});
    return variants;
}

void benchQueue(const std::filesystem::path& folder, int cases, int repeat, std::ostream& out) {
    Store store(folder / "queue.sqlite3");
    ScanCache cache(ScanCache::folderFor(store.file()));
    Service service(store, cache, systemClock(), PasswordCost::minimum());
    addStaff(service);
    auto start = Steady::now();
    addCases(store, cases, false);
    std::error_code ignored; // the size is only informative
    out << "\n"
        << cases << " cases set up in " << std::setprecision(1) << secondsSince(start) << " s ("
        << std::filesystem::file_size(store.file(), ignored) / (1 << 20) << " MiB)" << std::endl;

    const auto officer = service.login("OFF1", kPassword);
    const auto supervisor = service.login("SUP1", kPassword);
    const auto variants = queueVariants();
    out << "\nqueue over " << cases << " cases, median of " << repeat
        << " runs (goal < 50 ms); 'SQLite alone' steps the same statement without building Case "
           "values:\n";
    std::string plans, plan;
    for (const auto& variant : variants) {
        std::size_t rows = 0;
        const auto full = median(repeat, [&] {
            rows = service.queue(variant.supervisor ? supervisor : officer, variant.query).size();
        });
        const auto sql =
            mirrorSql(variant.query, variant.supervisor ? "" : officer.officer().id, false);
        const auto alone = sqliteAlone(store, sql, repeat, plan);
        plans += "  " + std::string(variant.name) + ":" + plan + "\n";
        const std::string name = std::string("queue.") + variant.name;
        metric(out, name + ".ms", full.wallMs, "ms");
        metric(out, name + ".cpu_ms", full.cpuMs, "ms");
        metric(out, name + ".sqlite_alone_cpu_ms", alone.cpuMs, "ms");
        metric(out, name + ".rows", double(rows), "rows");
        out << "  " << std::left << std::setw(22) << variant.name << std::right << std::setw(7)
            << std::setprecision(1) << full.wallMs << " ms wall " << std::setw(7) << full.cpuMs
            << " ms CPU, SQLite alone " << std::setw(6) << alone.cpuMs << " ms CPU, "
            << std::setw(6) << rows << " rows (" << (variant.supervisor ? "SUP1" : "OFF1") << ")"
            << std::endl;
    }
    // Keyset paging (CaseQuery::after): a page deep in the queue, as the workstation's queue
    // fetches it while the officer scrolls, must cost what the first page costs.
    {
        CaseQuery whole;
        whole.statuses = {CaseStatus::Queued, CaseStatus::Open};
        const auto all = service.queue(officer, whole);
        if (all.size() > 10) {
            CaseQuery deep = whole;
            deep.limit = 100;
            deep.after = all[all.size() * 9 / 10];
            std::size_t rows = 0;
            const auto timing = median(repeat, [&] { rows = service.queue(officer, deep).size(); });
            metric(out, "queue.officer_risk_page_at_90pct.ms", timing.wallMs, "ms");
            metric(out, "queue.officer_risk_page_at_90pct.rows", double(rows), "rows");
            out << "  " << std::left << std::setw(22) << "page after 90 % (keyset)" << std::right
                << std::setw(7) << std::setprecision(1) << timing.wallMs << " ms wall "
                << std::setw(7) << timing.cpuMs << " ms CPU, " << std::setw(6) << rows
                << " rows (OFF1)" << std::endl;
        }
    }
    out << "\nquery plans (EXPLAIN QUERY PLAN of the same statements):\n" << plans;

    // What the proposed indexes and query would give, on the same database.
    store.connection().exec(kProposedIndexes);
    out << "\nproposed (docs/benchmarks.md): the same filters written index-friendly, "
           "indexes cases(risk_score DESC, created_at, id) and cases(created_at, id):\n";
    plans.clear();
    for (const auto& variant : variants) {
        const auto sql =
            mirrorSql(variant.query, variant.supervisor ? "" : officer.officer().id, true);
        const auto alone = sqliteAlone(store, sql, repeat, plan);
        plans += "  " + std::string(variant.name) + ":" + plan + "\n";
        metric(out, std::string("queue_proposed.") + variant.name + ".sqlite_alone_ms",
               alone.wallMs, "ms");
        metric(out, std::string("queue_proposed.") + variant.name + ".sqlite_alone_cpu_ms",
               alone.cpuMs, "ms");
        out << "  " << std::left << std::setw(22) << variant.name << std::right << " SQLite alone "
            << std::setprecision(2) << std::setw(7) << alone.wallMs << " ms wall " << std::setw(7)
            << alone.cpuMs << " ms CPU" << std::endl;
    }
    out << "\nquery plans of the proposed statements:\n" << plans;
}

std::string cpuModel() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line))
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

} // namespace

int benchStoreCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {"--decisions", "--cases", "--dir", "--repeat"}, {});
    parsed.expectPositionals(0, 0, "no positional arguments");
    const auto decisions = parsed.integer("--decisions", 10000);
    const auto cases = parsed.integer("--cases", 100000);
    const auto repeat = parsed.integer("--repeat", 7);
    if (decisions < 1 || decisions > 1000000)
        throw UsageError("--decisions expects 1..1000000");
    if (cases < 1 || cases > 10000000)
        throw UsageError("--cases expects 1..10000000");
    if (repeat < 1 || repeat > 1000)
        throw UsageError("--repeat expects 1..1000");
    const Scratch scratch(parsed.value("--dir", std::filesystem::temp_directory_path().string()));

    out << "# Prescreen " << kVersion << " store benchmark\n\nmachine: " << cpuModel() << ", "
        << std::thread::hardware_concurrency() << " hardware threads; databases in "
        << scratch.path().string() << "\n";
    benchDecisions(scratch.path(), static_cast<int>(decisions), out);
    benchQueue(scratch.path(), static_cast<int>(cases), static_cast<int>(repeat), out);
    return 0;
}

} // namespace prescreen::cli
