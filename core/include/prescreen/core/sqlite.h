#pragma once
// A thin RAII layer over SQLite: connection, prepared statement with typed bind/column, and a
// transaction guard. Every failure throws prescreen::Error (Database) with SQLite's message and
// the statement it came from. Objects are not thread-safe: one connection per thread.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace prescreen::core::sqlite {

class Statement;

class Connection {
public:
    enum class Mode { ReadWriteCreate, ReadWrite, ReadOnly };

    /// Opens (or creates) the database file; ":memory:" gives a private in-memory database.
    explicit Connection(const std::filesystem::path& file, Mode mode = Mode::ReadWriteCreate);
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one or more statements that return no rows of interest.
    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);

    std::int64_t lastInsertRowId() const;
    int changes() const;
    const std::filesystem::path& file() const { return file_; }
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
};

class Statement {
public:
    Statement(Connection& connection, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Parameters are numbered from 1, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::nullptr_t);
    Statement& bindBlob(int index, const void* data, std::size_t size);

    /// Advances to the next row; false when done.
    bool step();
    /// Runs a statement that returns no rows.
    void run();
    /// Ready to run again with new bindings.
    void reset();

    /// Columns are numbered from 0, as in SQLite.
    bool isNull(int column) const;
    std::int64_t columnInt64(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const;
    std::optional<std::string> columnOptionalText(int column) const;

private:
    [[noreturn]] void fail(int rc, const char* what) const;

    sqlite3_stmt* stmt_ = nullptr;
    sqlite3* db_ = nullptr;
    std::string sql_;
};

/// Begins a transaction; rolls it back on destruction unless commit() succeeded.
class Transaction {
public:
    enum class Kind { Deferred, Immediate };

    explicit Transaction(Connection& connection, Kind kind = Kind::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// Returns once SQLite has committed (durably, under the store's synchronous=FULL).
    void commit();

private:
    Connection& connection_;
    bool done_ = false;
};

/// Opens (or creates, with its folder) a database for durable work, as the workstation store
/// and the HQ store do: WAL journal, synchronous=FULL (a commit survives power loss), foreign
/// keys on, 5 s busy timeout. A file that is not a database fails here, at open.
Connection openDurable(const std::filesystem::path& file);

} // namespace prescreen::core::sqlite
