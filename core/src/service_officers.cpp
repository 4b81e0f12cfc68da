#include "service_rows.h"

#include <prescreen/core/model_json.h>
#include <prescreen/core/service.h>
#include <prescreen/core/text.h>
#include <prescreen/error.h>

#include <algorithm>

namespace prescreen::core {
namespace {

constexpr std::size_t kMaxBadgeLength = 32;
constexpr std::size_t kMaxNameLength = 200;

void validate(const NewOfficer& officer) {
    requireText(officer.badge, "badge");
    requireText(officer.name, "officer name");
    const bool badgeOk = !officer.badge.empty() && officer.badge.size() <= kMaxBadgeLength &&
                         std::all_of(officer.badge.begin(), officer.badge.end(), [](char c) {
                             return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                         });
    if (!badgeOk)
        throw Error(ErrorCode::InvalidArgument,
                    "badge \"" + officer.badge +
                        "\": use 1 to 32 letters, digits, '-', '_' or '.'");
    if (officer.name.empty() || officer.name.size() > kMaxNameLength)
        throw Error(ErrorCode::InvalidArgument,
                    "officer " + officer.badge + ": the name must be 1 to 200 characters");
    if (officer.roles.empty())
        throw Error(ErrorCode::InvalidArgument, "officer " + officer.badge + ": no role given");
    if (officer.password.size() < 8)
        throw Error(ErrorCode::InvalidArgument,
                    "officer " + officer.badge + ": the password must have at least 8 characters");
}

} // namespace

std::size_t Service::officerCount() {
    auto query = store_.connection().prepare("SELECT count(*) FROM officers");
    query.step();
    return static_cast<std::size_t>(query.columnInt64(0));
}

std::optional<Officer> Service::findOfficerByBadge(const std::string& badge) {
    auto query = store_.connection().prepare(std::string("SELECT ") + rows::kOfficerColumns +
                                             " FROM officers WHERE badge = ?1");
    query.bind(1, badge);
    if (!query.step())
        return std::nullopt;
    return rows::officer(query);
}

std::optional<Officer> Service::findOfficerById(const std::string& id) {
    auto query = store_.connection().prepare(std::string("SELECT ") + rows::kOfficerColumns +
                                             " FROM officers WHERE id = ?1");
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    return rows::officer(query);
}

Officer Service::insertOfficer(const NewOfficer& request, const std::string& passwordHash,
                               bool toHq) {
    Officer officer{newUuid(), request.badge, request.name, request.roles, true};
    const auto time = now();
    store_.connection()
        .prepare("INSERT INTO officers(id, badge, name, roles, password_hash, created_at, "
                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)")
        .bind(1, officer.id)
        .bind(2, officer.badge)
        .bind(3, officer.name)
        .bind(4, static_cast<std::int64_t>(officer.roles.bits()))
        .bind(5, passwordHash)
        .bind(6, time)
        .run();
    if (toHq)
        outbox("officer", officer.id, toJson(officer));
    return officer;
}

Officer Service::bootstrapAdmin(const NewOfficer& admin) {
    validate(admin);
    if (!admin.roles.has(Role::Admin))
        throw Error(ErrorCode::InvalidArgument, "the first officer of a site must be an admin");
    const auto hash = hashPassword(admin.password, cost_); // slow: outside the transaction
    sqlite::Transaction transaction(store_.connection());
    if (officerCount() != 0)
        throw Error(ErrorCode::PermissionDenied,
                    "the site already has officers: an administrator adds new ones");
    const auto officer = insertOfficer(admin, hash, false);
    audit("", "officer_bootstrap", officer.badge, {{"roles", formatRoles(officer.roles)}});
    transaction.commit();
    return officer;
}

Officer Service::addOfficer(const Session& session, const NewOfficer& request) {
    if (!session.may(Permission::ManageOfficers))
        throw Error(ErrorCode::PermissionDenied, "only an administrator adds officers");
    validate(request);
    const auto hash = hashPassword(request.password, cost_);
    sqlite::Transaction transaction(store_.connection());
    if (findOfficerByBadge(request.badge))
        throw Error(ErrorCode::Conflict, "badge " + request.badge + " is already in use");
    const auto officer = insertOfficer(request, hash, true);
    audit(session.officer().badge, "officer_add", officer.badge,
          {{"roles", formatRoles(officer.roles)}, {"name", officer.name}});
    transaction.commit();
    return officer;
}

std::vector<Officer> Service::officers(const Session& session) {
    if (!session.may(Permission::ListOfficers))
        throw Error(ErrorCode::PermissionDenied,
                    "only an administrator or a supervisor lists officers");
    auto query = store_.connection().prepare(std::string("SELECT ") + rows::kOfficerColumns +
                                             " FROM officers ORDER BY badge");
    std::vector<Officer> result;
    while (query.step())
        result.push_back(rows::officer(query));
    return result;
}

void Service::setOfficerActive(const Session& session, const std::string& badge, bool active) {
    if (!session.may(Permission::ManageOfficers))
        throw Error(ErrorCode::PermissionDenied, "only an administrator manages officers");
    if (badge == session.officer().badge && !active)
        throw Error(ErrorCode::InvalidArgument, "an administrator cannot deactivate themself");
    sqlite::Transaction transaction(store_.connection());
    auto officer = findOfficerByBadge(badge);
    if (!officer)
        throw Error(ErrorCode::NotFound, "no officer with badge " + badge);
    store_.connection()
        .prepare("UPDATE officers SET active = ?1, updated_at = ?2 WHERE id = ?3")
        .bind(1, active ? 1 : 0)
        .bind(2, now())
        .bind(3, officer->id)
        .run();
    officer->active = active;
    outbox("officer", officer->id, toJson(*officer));
    audit(session.officer().badge, active ? "officer_activate" : "officer_deactivate", badge, {});
    transaction.commit();
}

Session Service::login(const std::string& badge, const std::string& password) {
    static const std::string kRefused =
        "badge or password not recognised (after repeated failures a badge is locked for a "
        "while; ask a supervisor if this persists)";
    requireText(badge, "badge"); // no such badge can exist; refused before it reaches the audit
    auto& db = store_.connection();
    // HQ takes an audit event's actor of 1 to 64 bytes (docs/sync.md), and no badge is longer: a
    // longer one typed at sign-in is audited under its first 64 bytes, so the event still
    // reaches HQ and the workstation's audit chain does not stall its sync.
    constexpr std::size_t kMaxBadgeBytes = 64;
    if (badge.empty())
        throw Error(ErrorCode::AuthenticationFailed, kRefused);
    if (badge.size() > kMaxBadgeBytes) {
        const std::string cut = quotable(badge, kMaxBadgeBytes);
        sqlite::Transaction transaction(db);
        audit(cut, "login_failed", cut,
              {{"reason", "badge longer than 64 bytes"}, {"badgeBytes", badge.size()}});
        transaction.commit();
        throw Error(ErrorCode::AuthenticationFailed, kRefused);
    }
    std::string hash;
    std::optional<Officer> officer;
    int failures = 0;
    std::optional<std::string> lockedUntil;
    {
        auto query = db.prepare(std::string("SELECT ") + rows::kOfficerColumns +
                                ", password_hash, failed_logins, locked_until FROM officers "
                                "WHERE badge = ?1");
        query.bind(1, badge);
        if (query.step()) {
            officer = rows::officer(query);
            hash = query.columnText(5);
            failures = static_cast<int>(query.columnInt64(6));
            lockedUntil = query.columnOptionalText(7);
        }
    }
    const auto time = clock_();
    // Unknown badges cost the same Argon2id work as known ones, and a locked badge gets the same
    // refusal after the same work, so neither timing nor wording tells which badges exist.
    static const std::string kDummyHash = hashPassword("not a real password", cost_);
    bool locked = false;
    if (officer && lockedUntil)
        if (const auto until = parseUtc(*lockedUntil); until && *until > time)
            locked = true;
    const bool passwordOk = verifyPassword(password, officer && !locked ? hash : kDummyHash);
    const bool good = passwordOk && officer && officer->active && !locked;
    // A stronger hash for an old one is computed before the write lock is taken.
    std::string rehash;
    if (good && passwordNeedsRehash(hash, cost_))
        rehash = hashPassword(password, cost_);
    sqlite::Transaction transaction(db);
    if (!good) {
        if (officer && !locked) {
            ++failures;
            const auto backoff = loginBackoff(failures);
            auto update = db.prepare("UPDATE officers SET failed_logins = ?1, locked_until = ?2 "
                                     "WHERE id = ?3");
            update.bind(1, failures);
            if (backoff.count() > 0)
                update.bind(2, formatUtc(time + backoff));
            else
                update.bind(2, nullptr);
            update.bind(3, officer->id).run();
        }
        audit(badge, "login_failed", badge,
              {{"reason", !officer           ? "unknown badge"
                          : locked           ? "locked"
                          : !officer->active ? "inactive"
                                             : "wrong password"},
               {"consecutiveFailures", failures}});
        transaction.commit();
        throw Error(ErrorCode::AuthenticationFailed, kRefused);
    }
    db.prepare("UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE id = ?1")
        .bind(1, officer->id)
        .run();
    if (!rehash.empty())
        db.prepare("UPDATE officers SET password_hash = ?1 WHERE id = ?2")
            .bind(1, rehash)
            .bind(2, officer->id)
            .run();
    audit(badge, "login", badge, {{"roles", formatRoles(officer->roles)}});
    transaction.commit();
    return Session(*officer);
}

void Service::changePassword(const Session& session, const std::string& current,
                             const std::string& replacement) {
    auto query = store_.connection().prepare("SELECT password_hash FROM officers WHERE id = ?1");
    query.bind(1, session.officer().id);
    if (!query.step() || !verifyPassword(current, query.columnText(0)))
        throw Error(ErrorCode::AuthenticationFailed, "the current password is not right");
    NewOfficer check{session.officer().badge, session.officer().name, session.officer().roles,
                     replacement};
    validate(check);
    const auto hash = hashPassword(replacement, cost_);
    sqlite::Transaction transaction(store_.connection());
    store_.connection()
        .prepare("UPDATE officers SET password_hash = ?1, updated_at = ?2 WHERE id = ?3")
        .bind(1, hash)
        .bind(2, now())
        .bind(3, session.officer().id)
        .run();
    audit(session.officer().badge, "password_change", session.officer().badge, {});
    transaction.commit();
}

} // namespace prescreen::core
