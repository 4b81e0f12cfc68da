#include "test_support.h"

#include <prescreen/core/sqlite.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <thread>

using namespace prescreen;
using namespace prescreen::core::sqlite;

TEST_CASE("statements bind and read every column type", "[sqlite]") {
    Connection db(":memory:");
    db.exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, n TEXT)");
    db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)")
        .bind(1, std::int64_t{1} << 40)
        .bind(2, 2.5)
        .bind(3, std::string_view("décision ✓"))
        .bind(4, nullptr)
        .run();
    CHECK(db.changes() == 1);

    auto query = db.prepare("SELECT i, d, s, n FROM t");
    REQUIRE(query.step());
    CHECK(query.columnInt64(0) == (std::int64_t{1} << 40));
    CHECK(query.columnDouble(1) == 2.5);
    CHECK(query.columnText(2) == "décision ✓");
    CHECK(query.isNull(3));
    CHECK_FALSE(query.columnOptionalText(3));
    CHECK_FALSE(query.step());
}

TEST_CASE("a statement can be reset and run again with new bindings", "[sqlite]") {
    Connection db(":memory:");
    db.exec("CREATE TABLE t (v INTEGER)");
    auto insert = db.prepare("INSERT INTO t VALUES (?1)");
    for (int i = 0; i < 10; ++i) {
        insert.bind(1, i).run();
        insert.reset();
    }
    auto sum = db.prepare("SELECT sum(v), count(*) FROM t");
    REQUIRE(sum.step());
    CHECK(sum.columnInt64(0) == 45);
    CHECK(sum.columnInt64(1) == 10);
}

TEST_CASE("SQL errors name the statement and SQLite's reason", "[sqlite]") {
    Connection db(":memory:");
    try {
        db.prepare("SELECT * FROM missing_table");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::Database);
        CHECK_THAT(error.what(), Catch::Contains("no such table: missing_table") &&
                                     Catch::Contains("SELECT * FROM missing_table"));
    }
    db.exec("CREATE TABLE u (k TEXT PRIMARY KEY)");
    db.exec("INSERT INTO u VALUES ('a')");
    auto duplicate = db.prepare("INSERT INTO u VALUES ('a')");
    CHECK_THROWS_WITH(duplicate.run(), Catch::Contains("UNIQUE constraint failed"));
}

TEST_CASE("a transaction commits, or rolls back when abandoned", "[sqlite]") {
    prescreen::test::TempDir dir;
    Connection db(dir / "t.sqlite3");
    db.exec("CREATE TABLE t (v INTEGER)");
    {
        Transaction transaction(db);
        db.exec("INSERT INTO t VALUES (1)");
        transaction.commit();
    }
    try {
        Transaction transaction(db);
        db.exec("INSERT INTO t VALUES (2)");
        throw std::runtime_error("the officer's action failed half-way");
    } catch (const std::runtime_error&) {
    }
    auto count = db.prepare("SELECT group_concat(v) FROM t");
    REQUIRE(count.step());
    CHECK(count.columnText(0) == "1");
}

TEST_CASE("a file that is not a database is refused when read", "[sqlite]") {
    prescreen::test::TempDir dir;
    const auto path = dir / "not-a-db.sqlite3";
    {
        std::FILE* file = std::fopen(path.c_str(), "wb");
        REQUIRE(file != nullptr);
        std::fputs("this is a manifest, not a database, and it is long enough to be read", file);
        std::fclose(file);
    }
    Connection db(path);
    CHECK_THROWS_WITH(db.exec("SELECT count(*) FROM sqlite_schema"),
                      Catch::Contains("not a database"));
}

TEST_CASE("opening a database in a missing folder read-only fails clearly", "[sqlite]") {
    CHECK_THROWS_WITH(Connection("/nonexistent/prescreen/x.sqlite3", Connection::Mode::ReadOnly),
                      Catch::Contains("cannot open database /nonexistent/prescreen/x.sqlite3"));
}

TEST_CASE("opening waits for another connection's lock instead of failing at the first query",
          "[sqlite][concurrency]") {
    // The holder takes the one lock that keeps WAL readers out: exclusive locking mode after a
    // write. An open meanwhile must wait (busy timeout set before its first statement), not
    // fail "database is locked". The holder lets go after a pause on its own thread.
    prescreen::test::TempDir dir;
    const auto file = dir / "shared.sqlite3";
    Connection holder = openDurable(file);
    holder.exec("CREATE TABLE t (x INTEGER)");
    holder.exec("PRAGMA locking_mode = EXCLUSIVE");
    holder.exec("INSERT INTO t VALUES (1)"); // now holds the exclusive lock
    std::thread release([&holder] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        holder.exec("PRAGMA locking_mode = NORMAL");
        holder.exec("SELECT count(*) FROM t"); // the next access drops the exclusive lock
    });
    std::optional<Connection> opened;
    std::string failure;
    try {
        opened.emplace(openDurable(file));
    } catch (const Error& error) {
        failure = error.what();
    }
    release.join();
    INFO(failure);
    REQUIRE(opened);
    auto query = opened->prepare("SELECT count(*) FROM t");
    REQUIRE(query.step());
    CHECK(query.columnInt64(0) == 1);
}
