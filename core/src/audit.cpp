#include "audit_records.h"

#include <prescreen/core/audit.h>
#include <prescreen/core/digest.h>
#include <prescreen/core/store.h>
#include <prescreen/error.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <optional>

namespace prescreen::core {
namespace {

// The link of the first event: it follows nothing.
const std::string kGenesis(64, '0');
constexpr const char* kHeadKey = "audit_head";
// First field of every hashed record, so a future encoding can never collide with this one.
constexpr std::string_view kFormatTag = "prescreen-audit-v1";
// How far from its place verify looks for the position a moved event was written at.
constexpr std::int64_t kMoveSearch = 16;
// Problems listed one by one; beyond that they are counted (a wholly rewritten table of a
// million events must not make a million messages).
constexpr std::size_t kMaxListedProblems = 1000;
constexpr const char* kColumns = "seq, id, at, actor, action, subject, details, prev_hash, hash";

// One length-prefixed field ("5:hello,"): no field's content can shift into its neighbour.
void addField(Digest& digest, std::string_view value) {
    const std::string prefix = std::to_string(value.size()) + ':';
    digest.update(prefix.data(), prefix.size());
    digest.update(value.data(), value.size());
    digest.update(",", 1);
}

// The hash of `event` as if it stood at `seq` (its own seq when checking it in place).
std::string chainHash(const AuditEvent& event, std::int64_t seq) {
    Digest digest(Digest::Algorithm::Sha256);
    addField(digest, kFormatTag);
    addField(digest, event.prevHash);
    addField(digest, std::to_string(seq));
    addField(digest, event.id);
    addField(digest, event.at);
    addField(digest, event.actor);
    addField(digest, event.action);
    addField(digest, event.subject);
    addField(digest, event.details);
    return digest.hex();
}

bool isHash(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

struct Head {
    std::int64_t count = 0; ///< seq of the last event written
    std::string hash;       ///< its hash
};

std::optional<std::string> readHeadText(sqlite::Connection& db) {
    auto query = db.prepare("SELECT value FROM settings WHERE key = ?1");
    query.bind(1, kHeadKey);
    if (!query.step())
        return std::nullopt;
    return query.columnText(0);
}

// "<count> <hash>", exactly as append writes it.
std::optional<Head> parseHead(const std::string& text) {
    const auto space = text.find(' ');
    if (space == std::string::npos || space == 0 || space > 18)
        return std::nullopt;
    Head head;
    for (std::size_t i = 0; i < space; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
        head.count = head.count * 10 + (text[i] - '0');
    }
    head.hash = text.substr(space + 1);
    if (!isHash(head.hash) || (head.count == 0 && head.hash != kGenesis))
        return std::nullopt;
    return head;
}

AuditEvent readEvent(const sqlite::Statement& row) {
    AuditEvent event;
    event.seq = row.columnInt64(0);
    event.id = row.columnText(1);
    event.at = row.columnText(2);
    event.actor = row.columnText(3);
    event.action = row.columnText(4);
    event.subject = row.columnText(5);
    event.details = row.columnText(6);
    event.prevHash = row.columnText(7);
    event.hash = row.columnText(8);
    return event;
}

// A field of a (possibly forged) event, fit for one line of a report.
std::string printable(std::string_view text) {
    constexpr std::size_t kMax = 60;
    std::string out;
    for (char c : text.substr(0, kMax))
        out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
    if (text.size() > kMax)
        out += "...";
    return out;
}

// "event 17 (decide by B1234 at 2026-11-22T09:15:02.123Z, subject 0f3c...)"
std::string describe(const AuditEvent& event) {
    std::string text = "event " + std::to_string(event.seq) + " (" + printable(event.action) +
                       " by " + (event.actor.empty() ? "the workstation" : printable(event.actor)) +
                       " at " + printable(event.at);
    if (!event.subject.empty())
        text += ", subject " + printable(event.subject);
    return text + ")";
}

std::string range(std::int64_t first, std::int64_t last) {
    return first == last
               ? "event " + std::to_string(first) + " is"
               : "events " + std::to_string(first) + " to " + std::to_string(last) + " are";
}

class Reporter {
public:
    explicit Reporter(AuditReport& report) : report_(report) {}

    bool listing() const { return report_.problems.size() < kMaxListedProblems; }

    void add(std::int64_t seq, std::string message) {
        if (listing()) {
            report_.problems.push_back({seq, std::move(message)});
            return;
        }
        if (unlisted_++ == 0)
            firstUnlisted_ = seq;
    }

    void finish() {
        if (unlisted_ > 0)
            report_.problems.push_back(
                {firstUnlisted_, std::to_string(unlisted_) +
                                     " further problems were found and not listed, the first at "
                                     "event " +
                                     std::to_string(firstUnlisted_)});
    }

private:
    AuditReport& report_;
    std::size_t unlisted_ = 0;
    std::int64_t firstUnlisted_ = 0;
};

// The position an event whose hash fails in place was written at, if it is near: a swap or a
// renumbering moves events, and saying so is clearer than "modified".
std::optional<std::int64_t> writtenAt(const AuditEvent& event) {
    for (std::int64_t distance = 1; distance <= kMoveSearch; ++distance) {
        for (const std::int64_t seq : {event.seq - distance, event.seq + distance}) {
            if (seq >= 1 && chainHash(event, seq) == event.hash)
                return seq;
        }
    }
    return std::nullopt;
}

} // namespace

std::string auditEventHash(const AuditEvent& event) {
    return chainHash(event, event.seq);
}

const std::string& auditGenesisHash() {
    return kGenesis;
}

AuditLog::AuditLog(sqlite::Connection& connection, Clock clock)
    : db_(connection), clock_(std::move(clock)) {}

AuditEvent AuditLog::append(const std::string& actor, const std::string& action,
                            const std::string& subject, const nlohmann::json& details) {
    if (action.empty())
        throw Error(ErrorCode::InvalidArgument, "audit event without an action");
    if (!details.is_null() && !details.is_object())
        throw Error(ErrorCode::InvalidArgument,
                    "audit event '" + action + "': details must be a JSON object");
    AuditEvent event;
    event.actor = actor;
    event.action = action;
    event.subject = subject;
    try {
        event.details = details.is_null() ? "{}" : details.dump();
    } catch (const nlohmann::json::exception& error) {
        throw Error(ErrorCode::InvalidArgument,
                    "audit event '" + action + "': details cannot be written: " + error.what());
    }
    event.id = newUuid();
    event.at = formatUtc(clock_());

    // Inside the caller's transaction a savepoint keeps the event and the head together even if
    // the caller goes on after a failure here; on its own, the event gets its own transaction.
    const bool standalone = sqlite3_get_autocommit(db_.handle()) != 0;
    std::optional<sqlite::Transaction> transaction;
    if (standalone)
        transaction.emplace(db_, sqlite::Transaction::Kind::Immediate);
    else
        db_.exec("SAVEPOINT audit_append");
    try {
        // The head, not the table, says what was written last: an event removed from the end
        // stays missing (a gap before the new event), and a damaged head breaks the new link.
        // Both stay visible to verify; append never repairs the chain.
        const auto headText = readHeadText(db_);
        const auto head = headText ? parseHead(*headText) : std::nullopt;
        auto last = db_.prepare("SELECT coalesce(max(seq), 0) FROM audit_events");
        last.step();
        const std::int64_t lastSeq = last.columnInt64(0);
        event.seq = std::max(head ? head->count : 0, lastSeq) + 1;
        event.prevHash = head ? head->hash : kGenesis;
        event.hash = chainHash(event, event.seq);

        db_.prepare("INSERT INTO audit_events(seq, id, at, actor, action, subject, details, "
                    "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            .bind(1, event.seq)
            .bind(2, event.id)
            .bind(3, event.at)
            .bind(4, event.actor)
            .bind(5, event.action)
            .bind(6, event.subject)
            .bind(7, event.details)
            .bind(8, event.prevHash)
            .bind(9, event.hash)
            .run();
        db_.prepare("INSERT INTO settings(key, value) VALUES (?1, ?2) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(1, kHeadKey)
            .bind(2, std::to_string(event.seq) + " " + event.hash)
            .run();
        if (standalone)
            transaction->commit();
        else
            db_.exec("RELEASE audit_append");
    } catch (...) {
        if (!standalone)
            sqlite3_exec(db_.handle(), "ROLLBACK TO audit_append; RELEASE audit_append", nullptr,
                         nullptr, nullptr);
        throw;
    }
    return event;
}

AuditReport AuditLog::verify() {
    AuditReport report;
    Reporter problems(report);
    // One read transaction: the head and the events are seen as of the same moment.
    std::optional<sqlite::Transaction> snapshot;
    if (sqlite3_get_autocommit(db_.handle()) != 0)
        snapshot.emplace(db_, sqlite::Transaction::Kind::Deferred);

    const auto headText = readHeadText(db_);
    struct Previous {
        std::int64_t seq = 0;
        std::string hash;
        std::string label;
        bool damaged = false; ///< its own hash failed (modified or moved)
    };
    std::optional<Previous> previous;
    auto rows = db_.prepare(std::string("SELECT ") + kColumns + " FROM audit_events ORDER BY seq");
    while (rows.step()) {
        const AuditEvent event = readEvent(rows);
        ++report.eventsChecked;
        const std::string label = describe(event);
        const std::int64_t expectedSeq =
            previous ? std::max<std::int64_t>(previous->seq + 1, 1) : 1;
        const bool gap = event.seq != expectedSeq;
        if (event.seq < expectedSeq)
            problems.add(event.seq, label + " has an impossible sequence number: it was inserted "
                                            "or renumbered after it was written");
        else if (gap)
            problems.add(expectedSeq,
                         range(expectedSeq, event.seq - 1) + " missing (removed): " +
                             (previous ? "the chain jumps from event " +
                                             std::to_string(previous->seq) + " to " + label
                                       : "the chain starts at " + label));

        const bool intact = chainHash(event, event.seq) == event.hash;
        const bool linked = event.prevHash == (previous ? previous->hash : kGenesis);
        if (!intact) {
            const auto originalSeq = problems.listing() ? writtenAt(event) : std::nullopt;
            if (originalSeq)
                problems.add(event.seq, label + " is out of place: it was written as event " +
                                            std::to_string(*originalSeq) +
                                            " (events were reordered)");
            else
                problems.add(event.seq,
                             label +
                                 " was modified after it was written: its contents no longer "
                                 "match its hash" +
                                 (linked || gap ? ""
                                                : ", and it no longer links to the event "
                                                  "before it"));
        } else if (!linked && !gap && !(previous && previous->damaged)) {
            // This event is intact, so the one it points at is not the one before it (a damaged
            // predecessor, already reported, explains a broken link by itself).
            if (previous && event.prevHash == kGenesis)
                problems.add(event.seq, label + " starts the chain afresh: the chain head had "
                                                "been deleted or damaged when it was written");
            else if (previous)
                problems.add(previous->seq,
                             previous->label +
                                 " was changed and its hash recomputed after it was written: " +
                                 label + " no longer links to it");
            else
                problems.add(event.seq, label + " does not start the chain: it links to an "
                                                "event that is not there");
        }
        previous = Previous{event.seq, event.hash, label, !intact};
    }

    const std::int64_t lastSeq = previous ? previous->seq : 0;
    const std::string lastHash = previous ? previous->hash : kGenesis;
    const auto head = headText ? parseHead(*headText) : std::nullopt;
    if (!headText) {
        if (report.eventsChecked > 0)
            problems.add(0, "the chain head (setting '" + std::string(kHeadKey) +
                                "') is missing, so events removed from the end cannot be "
                                "detected: it was deleted");
    } else if (!head) {
        problems.add(0, "the chain head (setting '" + std::string(kHeadKey) + "') is malformed: '" +
                            printable(*headText) + "'");
    } else if (head->count > lastSeq) {
        if (report.eventsChecked == 0)
            problems.add(1, "all " + std::to_string(head->count) +
                                " events are missing: the audit table is empty but the chain "
                                "head records " +
                                std::to_string(head->count));
        else
            problems.add(lastSeq + 1, range(lastSeq + 1, head->count) +
                                          " missing from the end (removed): the chain head "
                                          "records " +
                                          std::to_string(head->count) +
                                          " events, the table ends at " + previous->label);
    } else if (head->count < lastSeq) {
        problems.add(
            head->count + 1,
            range(head->count + 1, lastSeq) + " not recorded in the chain head (it records " +
                std::to_string(head->count) +
                " events): they were added outside Prescreen, or the head was rolled back");
    } else if (head->hash != lastHash) {
        problems.add(0, "the chain head does not match " + previous->label + ": it records hash " +
                            head->hash.substr(0, 16) + "..., the event has " +
                            lastHash.substr(0, 16) +
                            "...; the event was rewritten with its hash, or the head was forged");
    }
    // The records the events describe, in the same snapshot.
    audit_detail::crossCheckDecisions(db_, [&problems](std::int64_t seq, std::string message) {
        problems.add(seq, std::move(message));
    });
    problems.finish();
    if (snapshot)
        snapshot->commit();
    return report;
}

std::vector<AuditEvent> AuditLog::events(std::int64_t after, int limit) {
    if (limit < 0)
        throw Error(ErrorCode::InvalidArgument,
                    "audit events: negative limit " + std::to_string(limit));
    std::vector<AuditEvent> result;
    auto rows = db_.prepare(std::string("SELECT ") + kColumns +
                            " FROM audit_events WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    rows.bind(1, after).bind(2, limit);
    while (rows.step())
        result.push_back(readEvent(rows));
    return result;
}

} // namespace prescreen::core
