// The CSV batch form: RFC 4180 quoting, grouping rows into manifests, the same rules as the JSON
// form, and problems named by line and column.
#include "manifest_test_data.h"

#include <prescreen/core/manifest.h>

#include <catch2/catch.hpp>

using namespace prescreen::core;
using namespace prescreen::test;

namespace {

const std::string kHeader = "cargo_control_number,mode,carrier,shipper_name,consignee_name,"
                            "importer_name,importer_business_number,origin,scan_link_id,hs_code,"
                            "description,quantity,unit,weight_kg,value,currency\n";

/// A good row of the minimal header; `ccn` and `description` vary.
std::string row(const std::string& ccn, const std::string& description = "Routers") {
    return ccn +
           ",courier,8XYZ,Shipper A,Consignee B,Importer C,123456789RM0001,CN,OOI-1,"
           "851762," +
           description + ",4,PCS,2.5,100,USD\n";
}

ManifestBatch parse(const std::string& text) {
    return parseManifestCsv(text, "test.csv");
}

} // namespace

TEST_CASE("the CSV example holds the same manifests as the JSON batch example", "[manifest]") {
    const auto csv = readManifestFile(manifestExamples() / "batch.csv");
    const auto json = readManifestFile(manifestExamples() / "batch.json");
    INFO(listProblems(csv));
    REQUIRE(csv.problems.empty());
    REQUIRE(csv.records.size() == json.records.size());
    for (std::size_t i = 0; i < csv.records.size(); ++i)
        CHECK(manifestToJson(csv.records[i]) == manifestToJson(json.records[i]));
}

TEST_CASE("CSV rows with one cargo control number make one manifest", "[manifest]") {
    SECTION("one row") {
        const auto batch = parse(kHeader + row("8XYZ1001"));
        INFO(listProblems(batch));
        REQUIRE(batch.records.size() == 1);
        CHECK(batch.records[0].formatVersion == "1.0");
        CHECK(batch.records[0].lines.size() == 1);
        CHECK(batch.records[0].lines[0].weightKg == 2.5);
    }
    SECTION("rows need not be next to each other; manifests keep first-appearance order") {
        const auto batch = parse(kHeader + row("8XYZ1001", "Routers") + row("8XYZ1002") +
                                 row("8XYZ1001", "Cables"));
        INFO(listProblems(batch));
        REQUIRE(batch.records.size() == 2);
        CHECK(batch.records[0].cargoControlNumber == "8XYZ1001");
        REQUIRE(batch.records[0].lines.size() == 2);
        CHECK(batch.records[0].lines[1].description == "Cables");
        CHECK(batch.records[1].cargoControlNumber == "8XYZ1002");
    }
    SECTION("column order is free and names ignore case and spaces") {
        const auto batch = parse(" Currency ,VALUE,weight_kg,unit,quantity,description,hs_code,"
                                 "scan_link_id,origin,importer_business_number,importer_name,"
                                 "consignee_name,shipper_name,carrier,mode,cargo_control_number\n"
                                 "USD,100,2.5,PCS,4,Routers,851762,OOI-1,CN,123456789RM0001,I,C,S,"
                                 "8XYZ,air,8XYZ1001\n");
        INFO(listProblems(batch));
        REQUIRE(batch.records.size() == 1);
        CHECK(batch.records[0].mode == TransportMode::Air);
    }
    SECTION("list cells, booleans, leading zeros and spaces") {
        const auto batch = parse(
            "cargo_control_number,mode,carrier,shipper_name,consignee_name,importer_name,"
            "importer_business_number,origin,scan_link_id,hs_code,description,quantity,unit,"
            "weight_kg,value,currency,route,trusted_trader,low_value_shipment\n"
            "8XYZ1001 , courier,8XYZ,S,C,I,123456789RM0001,CN,OOI-1,010121,Horse,1,PCS,450,9000,"
            "USD, HK ; US ,PIP;FAST,Yes\n");
        INFO(listProblems(batch));
        REQUIRE(batch.records.size() == 1);
        const auto& m = batch.records[0];
        CHECK(m.cargoControlNumber == "8XYZ1001");
        CHECK(m.route == std::vector<std::string>{"HK", "US"});
        CHECK(m.trustedTrader == std::vector<std::string>{"PIP", "FAST"});
        CHECK(m.lowValueShipment);
        CHECK(m.lines[0].hsCode == "010121");
    }
}

TEST_CASE("CSV quoting follows RFC 4180", "[manifest]") {
    struct Case {
        const char* name;
        std::string text;
        std::string description; // of the first manifest's first line
    };
    const Case cases[] = {
        {"embedded comma", kHeader + row("8XYZ1001", "\"Routers, dual band\""),
         "Routers, dual band"},
        {"doubled quotes", kHeader + row("8XYZ1001", "\"12\"\" monitors\""), "12\" monitors"},
        {"embedded line break", kHeader + row("8XYZ1001", "\"Routers\nand cables\""),
         "Routers\nand cables"},
        {"CRLF line ends",
         "cargo_control_number,mode,carrier,shipper_name,consignee_name,"
         "importer_name,importer_business_number,origin,scan_link_id,hs_code,"
         "description,quantity,unit,weight_kg,value,currency\r\n8XYZ1001,"
         "courier,8XYZ,S,C,I,123456789RM0001,CN,OOI-1,851762,Routers,4,PCS,2.5,"
         "100,USD\r\n",
         "Routers"},
        {"no final line break",
         kHeader + "8XYZ1001,courier,8XYZ,S,C,I,123456789RM0001,CN,OOI-1,"
                   "851762,Routers,4,PCS,2.5,100,USD",
         "Routers"},
        {"byte order mark", "\xEF\xBB\xBF" + kHeader + row("8XYZ1001"), "Routers"},
        {"blank lines", "\n" + kHeader + "\n" + row("8XYZ1001") + "\n\n", "Routers"},
        {"quoted empty and quoted header",
         "\"cargo_control_number\"" + kHeader.substr(20) + row("8XYZ1001", "\"Routers\""),
         "Routers"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto batch = parse(c.text);
        INFO(listProblems(batch));
        CHECK(batch.problems.empty());
        REQUIRE(batch.records.size() == 1);
        CHECK(batch.records[0].lines.at(0).description == c.description);
    }
}

TEST_CASE("each malformed CSV case names its line and column", "[manifest]") {
    struct Case {
        const char* name;
        std::string text;
        std::size_t records; // imported despite the problem
        const char* record;
        const char* field;
        const char* message;
    };
    const std::string good = row("8XYZ1000");
    const Case cases[] = {
        {"unknown column", "colour," + kHeader + "red," + row("8XYZ1001"), 0, "",
         "line 1, column colour", "unknown column"},
        {"column without a name", "cargo_control_number,,mode\n8XYZ1001,x,air\n", 0, "", "line 1",
         "a column has no name"},
        {"duplicate column", "unit," + kHeader + "PCS," + row("8XYZ1001"), 0, "",
         "line 1, column unit", "appears twice"},
        {"no cargo_control_number column", kHeader.substr(21) + row("8XYZ1001").substr(9), 0, "",
         "line 1", "no cargo_control_number column"},
        {"missing required column",
         "cargo_control_number,mode,shipper_name,consignee_name,importer_name,"
         "importer_business_number,origin,scan_link_id,hs_code,description,quantity,unit,"
         "weight_kg,value,currency\n8XYZ1001,air,S,C,I,123456789RM0001,CN,OOI-1,851762,R,4,PCS,"
         "2.5,100,USD\n",
         0, "record 1 (CCN 8XYZ1001)", "line 2, column carrier", "required property is missing"},
        {"unterminated quote", kHeader + good + row("8XYZ1001", "\"Routers"), 1,
         "record 2 (CCN 8XYZ1001)", "line 3", "opened on line 3 is never closed"},
        {"quote inside an unquoted field", kHeader + good + row("8XYZ1001", "12\" monitors"), 1,
         "record 2 (CCN 8XYZ1001)", "line 3", "a quote inside an unquoted field"},
        {"text after a closing quote", kHeader + good + row("8XYZ1001", "\"12\" monitors"), 1,
         "record 2 (CCN 8XYZ1001)", "line 3", "text follows the closing quote"},
        {"too many cells", kHeader + good + row("8XYZ1001", "Routers,extra"), 1,
         "record 2 (CCN 8XYZ1001)", "line 3", "the row has 17 cells; the header has 16"},
        {"too few cells", kHeader + good + "8XYZ1001,air\n", 1, "record 2 (CCN 8XYZ1001)", "line 3",
         "the row has 2 cells"},
        {"shipment columns disagree",
         kHeader + good + row("8XYZ1001") +
             "8XYZ1001,air,8XYZ,Shipper A,Consignee B,Importer C,"
             "123456789RM0001,CN,OOI-1,851762,Cables,4,PCS,2.5,100,"
             "USD\n",
         1, "record 2 (CCN 8XYZ1001)", "line 4, column mode",
         "\"air\" differs from \"courier\" on line 3"},
        {"decimal comma",
         kHeader + "8XYZ1001,courier,8XYZ,S,C,I,123456789RM0001,CN,OOI-1,851762,"
                   "Routers,4,PCS,\"2,5\",100,USD\n",
         0, "record 1 (CCN 8XYZ1001)", "line 2, column weight_kg",
         "must be of type number (got string \"2,5\")"},
        {"bad HS code on a second line",
         kHeader + row("8XYZ1001") +
             "8XYZ1001,courier,8XYZ,Shipper A,Consignee B,"
             "Importer C,123456789RM0001,CN,OOI-1,8517.62,Cables,"
             "4,PCS,2.5,100,USD\n",
         0, "record 1 (CCN 8XYZ1001)", "line 3, column hs_code", "must match pattern"},
        {"line numbers count line breaks inside quotes",
         kHeader + row("8XYZ1000", "\"two\nlines\"") + row("8XYZ1001", "\"   \""), 1,
         "record 2 (CCN 8XYZ1001)", "line 4, column description", "required property is missing"},
        {"bad boolean", "cargo_control_number,low_value_shipment\n8XYZ1001,maybe\n", 0,
         "record 1 (CCN 8XYZ1001)", "line 2, column low_value_shipment",
         "must be of type boolean (got string \"maybe\")"},
        {"repeated trusted-trader programme",
         "cargo_control_number,trusted_trader\n8XYZ1001,PIP;PIP\n", 0, "record 1 (CCN 8XYZ1001)",
         "line 2, column trusted_trader", "are equal"},
        {"missing party", "cargo_control_number,mode\n8XYZ1001,air\n", 0, "record 1 (CCN 8XYZ1001)",
         "line 2, column shipper_name", "required property"},
        {"empty cargo control number", kHeader + good + row(""), 1, "",
         "line 3, column cargo_control_number", "belongs to no manifest"},
        {"invalid UTF-8", kHeader + good + row("8XYZ1001", "Caf\xC3"), 1, "record 2 (CCN 8XYZ1001)",
         "line 3, column description", "not valid UTF-8"},
        {"overlong UTF-8", kHeader + good + row("8XYZ1001", "\xC0\xAF"), 1,
         "record 2 (CCN 8XYZ1001)", "line 3, column description", "not valid UTF-8"},
        {"another major format version", "format_version," + kHeader + "2.0," + row("8XYZ1001"), 0,
         "record 1 (CCN 8XYZ1001)", "line 2, column format_version",
         "format version 2.0 is not supported"},
        {"empty text", "", 0, "", "", "no header row"},
        {"header too wide",
         [] {
             std::string header;
             for (int i = 0; i < 100; ++i)
                 header += "x" + std::to_string(i) + ",";
             return header + "\n";
         }(),
         0, "", "line 1", "more than 64 columns"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const auto batch = parse(c.text);
        INFO(listProblems(batch));
        CHECK(batch.records.size() == c.records);
        CHECK(hasProblem(batch, c.record, c.field, c.message));
        for (const auto& record : batch.records)
            CHECK(record.cargoControlNumber == "8XYZ1000");
    }
}

TEST_CASE("a CSV row with a huge number of cells stores no more than the header has",
          "[manifest]") {
    std::string text = kHeader + row("8XYZ1000");
    text += "8XYZ1001" + std::string(1'000'000, ',') + "\n";
    const auto batch = parse(text);
    CHECK(batch.records.size() == 1);
    CHECK(hasProblem(batch, "record 2 (CCN 8XYZ1001)", "line 3",
                     "the row has 1000001 cells; the header has 16"));
}

TEST_CASE("a header-only CSV is an empty batch", "[manifest]") {
    const auto batch = parse(kHeader);
    CHECK(batch.records.empty());
    CHECK(batch.problems.empty());
}
