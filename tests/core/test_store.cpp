#include "test_support.h"

#include <prescreen/core/store.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>
#include <set>

using namespace prescreen;
using namespace prescreen::core;

namespace {

std::string pragma(Store& store, const char* name) {
    auto query = store.connection().prepare(std::string("PRAGMA ") + name);
    REQUIRE(query.step());
    return query.columnText(0);
}

const int kLatest = migrations().back().version;

} // namespace

TEST_CASE("a new store is created in WAL mode, durable, with foreign keys on", "[store]") {
    test::TempDir dir;
    Store store(dir / "nested" / "folder" / "prescreen.sqlite3");
    CHECK(std::filesystem::exists(dir / "nested" / "folder" / "prescreen.sqlite3"));
    CHECK(store.schemaVersion() == kLatest);
    CHECK(pragma(store, "journal_mode") == "wal");
    CHECK(pragma(store, "foreign_keys") == "1");
    CHECK(pragma(store, "synchronous") == "2"); // FULL
    CHECK(pragma(store, "integrity_check") == "ok");
}

TEST_CASE("the workstation id is made once and kept", "[store]") {
    test::TempDir dir;
    const auto file = dir / "prescreen.sqlite3";
    std::string id;
    {
        Store store(file);
        id = store.workstationId();
    }
    CHECK(std::regex_match(id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                          "[0-9a-f]{12}")));
    Store reopened(file);
    CHECK(reopened.workstationId() == id);
}

TEST_CASE("migrations are numbered 1, 2, 3... without gaps", "[store]") {
    int expected = 1;
    for (const auto& step : migrations()) {
        CHECK(step.version == expected++);
        CHECK_FALSE(step.description.empty());
    }
}

TEST_CASE("a database at every earlier schema version migrates to the latest", "[store]") {
    for (int from = 0; from < kLatest; ++from) {
        DYNAMIC_SECTION("from version " << from) {
            test::TempDir dir;
            const auto file = dir / "prescreen.sqlite3";
            {
                Store old(file, from);
                CHECK(old.schemaVersion() == from);
            }
            Store store(file);
            CHECK(store.schemaVersion() == kLatest);
            CHECK_FALSE(store.workstationId().empty());
            CHECK(pragma(store, "integrity_check") == "ok");
        }
    }
}

TEST_CASE("a database from a newer Prescreen is refused, not damaged", "[store]") {
    test::TempDir dir;
    const auto file = dir / "prescreen.sqlite3";
    {
        Store store(file);
        store.connection().exec("PRAGMA user_version = " + std::to_string(kLatest + 5));
    }
    try {
        Store store(file);
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::Unsupported);
        CHECK_THAT(error.what(), Catch::Contains("newer Prescreen"));
    }
    core::sqlite::Connection raw(file);
    auto version = raw.prepare("PRAGMA user_version");
    REQUIRE(version.step());
    CHECK(version.columnInt64(0) == kLatest + 5);
}

TEST_CASE("a file that is not a database is refused at open, with its path", "[store]") {
    test::TempDir dir;
    const auto file = dir / "prescreen.sqlite3";
    {
        std::FILE* out = std::fopen(file.c_str(), "wb");
        REQUIRE(out != nullptr);
        for (int i = 0; i < 4096; ++i)
            std::fputc('x', out);
        std::fclose(out);
    }
    try {
        Store store(file);
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::Database);
        CHECK_THAT(error.what(), Catch::Contains(file.string()));
    }
}

TEST_CASE("UUIDs are version 4 and distinct", "[store]") {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto id = newUuid();
        REQUIRE(id.size() == 36);
        CHECK(id[14] == '4');
        CHECK(seen.insert(id).second);
    }
}

TEST_CASE("the data directory follows PRESCREEN_DATA_DIR, then XDG, then HOME", "[store]") {
    const auto saved = [](const char* name) {
        const char* value = std::getenv(name);
        return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
    };
    const auto dataDir = saved("PRESCREEN_DATA_DIR");
    const auto xdg = saved("XDG_DATA_HOME");
    const auto home = saved("HOME");

    ::setenv("PRESCREEN_DATA_DIR", "/srv/prescreen", 1);
    CHECK(defaultDataDirectory() == "/srv/prescreen");
    ::unsetenv("PRESCREEN_DATA_DIR");
    ::setenv("XDG_DATA_HOME", "/home/officer/.data", 1);
    CHECK(defaultDataDirectory() == "/home/officer/.data/prescreen");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/officer", 1);
    CHECK(defaultDataDirectory() == "/home/officer/.local/share/prescreen");
    CHECK(databasePath("/d") == "/d/prescreen.sqlite3");

    const auto restore = [](const char* name, const std::optional<std::string>& value) {
        if (value)
            ::setenv(name, value->c_str(), 1);
        else
            ::unsetenv(name);
    };
    restore("PRESCREEN_DATA_DIR", dataDir);
    restore("XDG_DATA_HOME", xdg);
    restore("HOME", home);
}
