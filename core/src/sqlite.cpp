#include <prescreen/core/sqlite.h>
#include <prescreen/error.h>

#include <sqlite3.h>

#include <system_error>
#include <utility>

namespace prescreen::core::sqlite {
namespace {

// How long a statement waits for another connection's (or process's) lock before it fails with
// "database is locked"; set on every Connection as it opens, before any statement runs.
constexpr int kBusyTimeoutMs = 5000;

[[noreturn]] void throwDb(sqlite3* db, int rc, const std::string& context) {
    const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw Error(ErrorCode::Database,
                context + ": " + message + " (SQLite code " + std::to_string(rc) + ")");
}

} // namespace

Connection::Connection(const std::filesystem::path& file, Mode mode) : file_(file) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    }
    const int rc = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(ErrorCode::Database, "cannot open database " + file.string() + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    // Before any statement: the GUI, its background sync and the CLI share one database, and a
    // first query that meets another process's write lock must wait, not fail "database is
    // locked" (sqlite3_busy_timeout sets the handler without running a statement).
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
}

Connection::~Connection() {
    sqlite3_close_v2(db_);
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        file_ = std::move(other.file_);
    }
    return *this;
}

void Connection::exec(std::string_view sql) {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        const std::string message = error != nullptr ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw Error(ErrorCode::Database, file_.string() + ": " + message + " in: " + text);
    }
}

Statement Connection::prepare(std::string_view sql) {
    return Statement(*this, sql);
}

std::int64_t Connection::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(db_);
}

int Connection::changes() const {
    return sqlite3_changes(db_);
}

Statement::Statement(Connection& connection, std::string_view sql)
    : db_(connection.handle()), sql_(sql) {
    const int rc = sqlite3_prepare_v3(db_, sql_.data(), static_cast<int>(sql_.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK)
        throwDb(db_, rc, "cannot prepare '" + sql_ + "'");
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), sql_(std::move(other.sql_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
        db_ = other.db_;
        sql_ = std::move(other.sql_);
    }
    return *this;
}

void Statement::fail(int rc, const char* what) const {
    throwDb(db_, rc, std::string(what) + " '" + sql_ + "'");
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (const int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK)
        fail(rc, "cannot bind to");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (const int rc = sqlite3_bind_double(stmt_, index, value); rc != SQLITE_OK)
        fail(rc, "cannot bind to");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    const int rc =
        sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK)
        fail(rc, "cannot bind to");
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    if (const int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK)
        fail(rc, "cannot bind to");
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size) {
    if (const int rc = sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(rc, "cannot bind to");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(rc, "cannot run");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::columnInt64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::columnDouble(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::columnText(int column) const {
    const auto* text = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    return text != nullptr
               ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
               : std::string();
}

std::optional<std::string> Statement::columnOptionalText(int column) const {
    if (isNull(column))
        return std::nullopt;
    return columnText(column);
}

Transaction::Transaction(Connection& connection, Kind kind) : connection_(connection) {
    connection_.exec(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    if (!done_)
        sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    connection_.exec("COMMIT");
    done_ = true;
}

Connection openDurable(const std::filesystem::path& file) {
    if (file != ":memory:" && file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec)
            throw Error(ErrorCode::Io, "cannot create folder " + file.parent_path().string() +
                                           ": " + ec.message());
    }
    Connection db(file); // with the busy timeout already set
    // Reading the schema first turns "file is not a database" into an error here, at open.
    db.exec("SELECT count(*) FROM sqlite_schema");
    db.exec("PRAGMA foreign_keys = ON");
    {
        auto mode = db.prepare("PRAGMA journal_mode = WAL");
        mode.step();
        const auto journal = mode.columnText(0);
        if (journal != "wal" && file != ":memory:")
            throw Error(ErrorCode::Database,
                        file.string() + ": cannot switch to WAL journal (got " + journal + ")");
    }
    // In WAL mode FULL syncs the log at every commit.
    db.exec("PRAGMA synchronous = FULL");
    return db;
}

} // namespace prescreen::core::sqlite
