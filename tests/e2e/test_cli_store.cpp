// End to end: the store commands of prescreen-cli as site IT and officers script them — a demo
// site, the queue, a decision, its DICOS TDR, officers, import errors and the audit trail.
#include "process.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace prescreen::test;

namespace {

const std::string kCli = PRESCREEN_CLI;

std::string cli(const std::filesystem::path& db, const std::string& rest) {
    return kCli + " " + rest + " --db " + shellQuote(db.string());
}

// Only stdout: JSON output must parse on its own.
ProcessResult cliStdout(const std::filesystem::path& db, const std::string& rest) {
    return runShell(cli(db, rest) + " 2>/dev/null");
}

struct DemoSite {
    TempDir dir;
    std::filesystem::path db = dir / "site" / "prescreen.sqlite3";
    DemoSite() {
        const auto built = runShell(kCli + " demo-site " + shellQuote((dir / "site").string()) +
                                    " --cases 6 --fast-passwords");
        INFO(built.output);
        REQUIRE(built.exitCode == 0);
    }
};

nlohmann::json casesJson(const DemoSite& site) {
    const auto listed = cliStdout(site.db, "cases --json");
    REQUIRE(listed.exitCode == 0);
    return nlohmann::json::parse(listed.output);
}

} // namespace

TEST_CASE("demo-site builds a site whose queue has a spread of risk", "[e2e][cli][store]") {
    DemoSite site;
    const auto cases = casesJson(site);
    REQUIRE(cases.size() == 6);
    int previous = 101;
    for (const auto& item : cases) {
        const int score = item["risk"]["score"].get<int>();
        CHECK(score <= previous); // highest risk first
        previous = score;
    }
    CHECK(cases.front()["risk"]["score"].get<int>() > cases.back()["risk"]["score"].get<int>());
    const auto officers = cliStdout(site.db, "officer list --json");
    REQUIRE(officers.exitCode == 0);
    CHECK(nlohmann::json::parse(officers.output).size() == 6);
    CHECK(std::filesystem::exists(site.dir / "site" / "DEMO-CREDENTIALS.txt"));
}

TEST_CASE("decide, export a TDR that dcmdump names in full, and verify the audit trail",
          "[e2e][cli][store]") {
    DemoSite site;
    const auto cases = casesJson(site);
    std::string queued;
    for (const auto& item : cases)
        if (item["status"] == "queued")
            queued = item["cargoControlNumber"].get<std::string>();
    REQUIRE_FALSE(queued.empty());

    // A wrong password is refused with status 1 and nothing is decided.
    auto refused = runShell("PRESCREEN_PASSWORD=wrong " +
                            cli(site.db, "decide " + queued + " --release --officer officer1"));
    CHECK(refused.exitCode == 1);
    CHECK(refused.output.find("not recognised") != std::string::npos);

    auto decided = runShell("echo demo-officer-2026 | " +
                            cli(site.db, "decide " + queued +
                                             " --refer --reason manifest_mismatch --comment "
                                             "'declared textiles, image shows metal' "
                                             "--officer officer1"));
    INFO(decided.output);
    REQUIRE(decided.exitCode == 0);
    CHECK(decided.output.find("saved initial decision") != std::string::npos);

    const auto tdr = site.dir / "decision.dcm";
    auto exported = runShell(cli(site.db, "export-tdr " + queued + " -o " + shellQuote(tdr)));
    INFO(exported.output);
    REQUIRE(exported.exitCode == 0);
    CHECK(exported.output.find("ALARM") != std::string::npos);

    const auto dump = runShell("DCMDICTPATH=/usr/share/libdcmtk17/dicom.dic:" PRESCREEN_SOURCE_DIR
                               "/resources/dicos.dic "
                               "dcmdump " +
                               shellQuote(tdr));
    INFO(dump.output);
    REQUIRE(dump.exitCode == 0);
    CHECK(dump.output.find("ALARM") != std::string::npos);
    CHECK(dump.output.find("officer1") != std::string::npos);
    CHECK(dump.output.find("Unknown Tag") == std::string::npos);

    auto verified = runShell(cli(site.db, "audit verify"));
    INFO(verified.output);
    CHECK(verified.exitCode == 0);
    CHECK(verified.output.find("the chain verifies") != std::string::npos);
}

TEST_CASE("audit verify names the event someone edited in the database", "[e2e][cli][store]") {
    DemoSite site;
    const auto edited = runShell("sqlite3 " + shellQuote(site.db) +
                                 " \"UPDATE audit_events SET actor = 'nobody' WHERE seq = 3\"");
    REQUIRE(edited.exitCode == 0);
    const auto verified = runShell(cli(site.db, "audit verify"));
    INFO(verified.output);
    CHECK(verified.exitCode == 1);
    CHECK(verified.output.find("event 3") != std::string::npos);
}

TEST_CASE("import reports every bad record and still imports the good ones", "[e2e][cli][store]") {
    DemoSite site;
    const auto manifest = site.dir / "batch.json";
    std::ofstream(manifest) << R"({"formatVersion": "1.0", "manifests": [
      {"formatVersion": "1.0", "cargoControlNumber": "8XYZ00000000777", "mode": "courier",
       "carrier": "8XYZ", "shipper": {"name": "A", "country": "DE"},
       "consignee": {"name": "B", "country": "CA"},
       "importer": {"name": "B", "businessNumber": "123456789RM0001", "country": "CA"},
       "origin": "DE", "route": [], "lowValueShipment": false, "trustedTrader": [],
       "scanLinkId": "NO-SCAN-1",
       "lines": [{"hsCode": "620342", "description": "Trousers", "quantity": 10, "unit": "PCS",
                  "weightKg": 5, "value": 100, "currency": "CAD"}]},
      {"formatVersion": "1.0", "cargoControlNumber": "8XYZ00000000778", "mode": "spaceship"}
    ]})";
    const auto imported = runShell(cli(site.db, "import --manifest " + shellQuote(manifest)));
    INFO(imported.output);
    CHECK(imported.exitCode == 1);
    CHECK(imported.output.find("1 case(s) created") != std::string::npos);
    CHECK(imported.output.find("/mode") != std::string::npos);
    CHECK(casesJson(site).size() == 7);
}

TEST_CASE("officer add needs an administrator's password", "[e2e][cli][store]") {
    DemoSite site;
    const auto denied = runShell("printf 'demo-officer-2026\\nnew-password-1\\n' | " +
                                 cli(site.db, "officer add N1 --name New --roles officer "
                                              "--admin officer1"));
    CHECK(denied.exitCode == 1);
    CHECK(denied.output.find("administrator") != std::string::npos);
    const auto added = runShell("printf 'demo-admin-2026\\nnew-password-1\\n' | " +
                                cli(site.db, "officer add N1 --name New --roles officer "
                                             "--admin admin"));
    INFO(added.output);
    CHECK(added.exitCode == 0);
    const auto login = runShell("echo new-password-1 | " + cli(site.db, "cases --officer N1"));
    CHECK(login.exitCode == 0);
}

TEST_CASE("invalid UTF-8 on the command line is refused naming the field, never an abort",
          "[e2e][cli][store]") {
    DemoSite site;
    std::string queued;
    for (const auto& item : casesJson(site))
        if (item["status"] == "queued")
            queued = item["cargoControlNumber"].get<std::string>();
    REQUIRE_FALSE(queued.empty());
    const auto decided = runShell("echo demo-officer-2026 | " +
                                  cli(site.db, "decide " + queued +
                                                   " --release --officer officer1 --comment "
                                                   "\"$(printf 'bad \\377')\""));
    INFO(decided.output);
    CHECK(decided.exitCode == 1);
    CHECK(decided.output.find("comment is not valid UTF-8 (byte 4)") != std::string::npos);
    const auto added =
        runShell("printf 'demo-admin-2026\\nnew-password-1\\n' | " +
                 cli(site.db, "officer add N2 --name \"$(printf '\\377')\" --roles officer "
                              "--admin admin"));
    INFO(added.output);
    CHECK(added.exitCode == 1);
    CHECK(added.output.find("officer name is not valid UTF-8 (byte 0)") != std::string::npos);
    const auto badge =
        runShell("echo whatever | " + cli(site.db, "cases --officer \"$(printf 'of\\303')\""));
    CHECK(badge.exitCode == 1);
    CHECK(badge.output.find("badge is not valid UTF-8 (byte 2)") != std::string::npos);
    // Nothing was stored and the trail still verifies.
    CHECK(runShell(cli(site.db, "audit verify")).exitCode == 0);
}
