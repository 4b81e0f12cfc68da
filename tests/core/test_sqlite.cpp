#include "test_support.h"

#include <prescreen/core/sqlite.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>

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
