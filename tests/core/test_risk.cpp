#include <prescreen/core/risk.h>
#include <prescreen/error.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <limits>
#include <set>
#include <sstream>

using namespace prescreen;
using namespace prescreen::core;
using nlohmann::json;

namespace {

/// A plain courier shipment from a known importer: no built-in rule fires on it.
Manifest plainManifest() {
    Manifest m;
    m.formatVersion = "1.0";
    m.cargoControlNumber = "8XYZ1234567";
    m.mode = TransportMode::Courier;
    m.carrier = "8XYZ";
    m.shipper = {"Textiel BV", "", "NL", "Kade 1, Rotterdam"};
    m.consignee = {"Maple Imports Ltd", "123456789RM0001", "CA", "1 King St, Ottawa"};
    m.importer = m.consignee;
    m.origin = "NL";
    m.lines = {{"610910", "cotton T-shirts", 200, "PCS", 25, 1500, "CAD"}};
    m.scanLinkId = "OOI-1";
    return m;
}

/// What the X-ray of the plain shipment shows: consistent with it.
ScanEvidence plainScan() {
    ScanEvidence s;
    s.dualEnergy = true;
    s.estimatedMassKg = 26;
    s.massUncertaintyKg = 2;
    s.organicFraction = 0.9;
    s.inorganicFraction = 0.07;
    s.metalFraction = 0.03;
    return s;
}

struct Input {
    Manifest manifest = plainManifest();
    ImporterHistory importer{12};
    std::optional<ScanEvidence> scan = plainScan();

    RiskAssessment assess(const RuleSet& rules = RuleSet::builtin()) const {
        return rules.assess({manifest, importer, scan});
    }
};

const RiskFactor* factor(const RiskAssessment& a, const std::string& id) {
    const auto it = std::find_if(a.factors.begin(), a.factors.end(),
                                 [&](const RiskFactor& f) { return f.ruleId == id; });
    return it == a.factors.end() ? nullptr : &*it;
}

ManifestLine line(std::string hs, std::string description, double kg, double value,
                  std::string currency = "CAD") {
    return {std::move(hs), std::move(description), 1, "PCS", kg, value, std::move(currency)};
}

struct RuleCase {
    std::string rule;
    std::string name;
    std::function<void(Input&)> change;
    std::optional<std::string> evidence; ///< fires with exactly this; nullopt: does not fire
};

std::vector<RuleCase> ruleCases() {
    using Lines = std::vector<ManifestLine>;
    return {
        {"origin-high-risk", "listed origin", [](Input& in) { in.manifest.origin = "XA"; },
         "origin XA is on the high-risk origin list"},
        {"origin-high-risk", "transit-only country as origin",
         [](Input& in) { in.manifest.origin = "XD"; }, std::nullopt},
        {"route-high-risk-transit", "listed transit",
         [](Input& in) {
             in.manifest.route = {"DE", "XD"};
         },
         "route transits XD (high-risk transit list); route DE → XD"},
        {"route-high-risk-transit", "origin-only country in route",
         [](Input& in) {
             in.manifest.route = {"DE", "XC"};
         },
         std::nullopt},
        {"route-long", "three countries",
         [](Input& in) {
             in.manifest.route = {"DE", "FR", "BE"};
         },
         "route passes through 3 countries: DE → FR → BE"},
        {"route-long", "two countries",
         [](Input& in) {
             in.manifest.route = {"DE", "FR"};
         },
         std::nullopt},
        {"hs-arms", "rifle among shirts",
         [](Input& in) { in.manifest.lines.push_back(line("930320", "hunting rifle", 3.5, 900)); },
         "arms or ammunition declared: 930320 \"hunting rifle\""},
        {"hs-arms", "toys", [](Input& in) { in.manifest.lines = {line("950300", "toys", 5, 90)}; },
         std::nullopt},
        {"hs-explosives", "fireworks",
         [](Input& in) { in.manifest.lines = {line("360410", "fireworks", 12, 400)}; },
         "explosives or pyrotechnics declared: 360410 \"fireworks\""},
        {"hs-precious-metals", "gold ring",
         [](Input& in) { in.manifest.lines.push_back(line("711319", "gold ring", 0.05, 2000)); },
         "precious metals, stones or jewellery declared: 711319 \"gold ring\""},
        {"precious-metals-low-value", "silver at 200 per kg",
         [](Input& in) { in.manifest.lines = {line("711311", "silver bracelets", 2, 400)}; },
         "precious-metal goods declared at 200 CAD per kg (400 CAD for 2 kg)"},
        {"precious-metals-low-value", "imitation jewellery is heading 7117",
         [](Input& in) { in.manifest.lines = {line("711719", "costume jewellery", 2, 400)}; },
         std::nullopt},
        {"precious-metals-low-value", "silver in USD",
         [](Input& in) { in.manifest.lines = {line("711311", "silver", 2, 400, "USD")}; },
         std::nullopt},
        {"hs-tobacco", "cigarettes",
         [](Input& in) { in.manifest.lines = {line("240220", "cigarettes", 10, 800)}; },
         "tobacco declared: 240220 \"cigarettes\""},
        {"hs-alcohol", "whisky",
         [](Input& in) { in.manifest.lines = {line("220830", "whisky", 9, 300)}; },
         "beverages or spirits declared: 220830 \"whisky\""},
        {"pharma-small-parcel", "medicaments by courier",
         [](Input& in) { in.manifest.lines = {line("300490", "medicaments", 1.2, 150)}; },
         "pharmaceuticals by courier: 300490 \"medicaments\""},
        {"pharma-small-parcel", "medicaments by truck",
         [](Input& in) {
             in.manifest.mode = TransportMode::Truck;
             in.manifest.lines = {line("300490", "medicaments", 1.2, 150)};
         },
         std::nullopt},
        {"electronics-low-value", "phones at 5 per kg",
         [](Input& in) { in.manifest.lines = {line("851712", "mobile phones", 100, 500)}; },
         "machinery or electronics declared at 5.00 CAD per kg (500 CAD for 100 kg)"},
        {"electronics-low-value", "phones at 50 per kg",
         [](Input& in) { in.manifest.lines = {line("851712", "mobile phones", 100, 5000)}; },
         std::nullopt},
        {"electronics-low-value", "phones with shirts",
         [](Input& in) { in.manifest.lines.push_back(line("851712", "mobile phones", 100, 5)); },
         std::nullopt},
        {"electronics-low-value", "mixed currencies give no value per kg",
         [](Input& in) {
             in.manifest.lines = {line("851712", "phones", 100, 5),
                                  line("847130", "laptops", 100, 5, "USD")};
         },
         std::nullopt},
        {"low-value-shipment", "flagged", [](Input& in) { in.manifest.lowValueShipment = true; },
         "declared as a low-value shipment, value 1,500 CAD"},
        {"low-value-claim-exceeded", "flagged at 5,000",
         [](Input& in) {
             in.manifest.lowValueShipment = true;
             in.manifest.lines[0].value = 5000;
         },
         "flagged low-value, but the lines add up to 5,000 CAD"},
        {"low-value-claim-exceeded", "flagged at exactly 3,300",
         [](Input& in) {
             in.manifest.lowValueShipment = true;
             in.manifest.lines[0].value = 3300;
         },
         std::nullopt},
        {"first-time-importer", "no earlier shipment",
         [](Input& in) { in.importer.previousShipments = 0; },
         "first shipment from importer 123456789RM0001 (Maple Imports Ltd)"},
        {"first-time-importer", "one earlier shipment",
         [](Input& in) { in.importer.previousShipments = 1; }, std::nullopt},
        {"first-time-importer-high-risk-origin", "first from XB",
         [](Input& in) {
             in.importer.previousShipments = 0;
             in.manifest.origin = "XB";
         },
         "first shipment from importer 123456789RM0001, and from XB"},
        {"first-time-importer-high-risk-origin", "known importer from XB",
         [](Input& in) { in.manifest.origin = "XB"; }, std::nullopt},
        {"trusted-trader", "two programmes",
         [](Input& in) {
             in.manifest.trustedTrader = {"PIP", "AEO"};
         },
         "member of AEO, PIP"},
        {"no-declared-weight", "weight zero", [](Input& in) { in.manifest.lines[0].weightKg = 0; },
         "no weight declared on 1 manifest line(s)"},
        {"no-declared-weight", "a broken weight is unknown, not missing",
         [](Input& in) {
             in.manifest.lines[0].weightKg = std::numeric_limits<double>::quiet_NaN();
         },
         std::nullopt},
        {"scan-heavier-than-declared", "120 declared, 410 seen",
         [](Input& in) {
             in.manifest.lines[0].weightKg = 120;
             in.scan->estimatedMassKg = 410.4;
             in.scan->massUncertaintyKg = 60.2;
         },
         "declared 120 kg; X-ray estimate 410 ± 60 kg"},
        {"scan-heavier-than-declared", "lower bound above the declaration",
         [](Input& in) {
             in.manifest.lines[0].weightKg = 120;
             in.scan->estimatedMassKg = 410;
             in.scan->massUncertaintyKg = 60;
             in.scan->massLowerBoundOnly = true;
         },
         "declared 120 kg; X-ray estimate at least 410 kg"},
        {"scan-heavier-than-declared", "within three sigma",
         [](Input& in) {
             in.manifest.lines[0].weightKg = 120;
             in.scan->estimatedMassKg = 150;
             in.scan->massUncertaintyKg = 60;
         },
         std::nullopt},
        {"scan-heavier-than-declared", "no scan yet",
         [](Input& in) {
             in.manifest.lines[0].weightKg = 120;
             in.scan.reset();
         },
         std::nullopt},
        {"scan-heavier-than-declared", "single-energy scan says nothing of mass",
         [](Input& in) {
             in.manifest.lines[0].weightKg = 120;
             in.scan->estimatedMassKg = 410;
             in.scan->dualEnergy = false;
         },
         std::nullopt},
        {"scan-lighter-than-declared", "120 declared, 40 seen",
         [](Input& in) {
             in.manifest.lines[0].weightKg = 120;
             in.scan->estimatedMassKg = 40;
             in.scan->massUncertaintyKg = 5;
         },
         "declared 120 kg; X-ray estimate only 40 ± 5 kg"},
        {"scan-lighter-than-declared", "a lower bound cannot be too light",
         [](Input& in) {
             in.manifest.lines[0].weightKg = 120;
             in.scan->estimatedMassKg = 40;
             in.scan->massUncertaintyKg = 5;
             in.scan->massLowerBoundOnly = true;
         },
         std::nullopt},
        {"scan-textiles-with-metal", "shirts full of metal",
         [](Input& in) { in.scan->metalFraction = 0.38; },
         "declared textiles or apparel (610910 \"cotton T-shirts\"); X-ray shows 38% metal"},
        {"scan-textiles-with-metal", "shirts and a laptop",
         [](Input& in) {
             in.scan->metalFraction = 0.38;
             in.manifest.lines.push_back(line("847130", "laptop", 2, 900));
         },
         std::nullopt},
        {"scan-textiles-with-metal", "shirts with zips",
         [](Input& in) { in.scan->metalFraction = 0.1; }, std::nullopt},
        {"scan-textiles-with-metal", "metal from a single-energy scan is unknown",
         [](Input& in) {
             in.scan->metalFraction = 0.38;
             in.scan->dualEnergy = false;
         },
         std::nullopt},
        {"scan-food-with-metal", "nuts with metal",
         [](Input& in) {
             in.manifest.lines = Lines{line("200819", "roasted nuts", 25, 300)};
             in.scan->metalFraction = 0.3;
         },
         "declared foodstuffs (200819 \"roasted nuts\"); X-ray shows 30% metal"},
        {"scan-metal-goods-organic", "steel pipes that look organic",
         [](Input& in) {
             in.manifest.lines = Lines{line("730411", "steel pipes", 25, 300)};
             in.scan->organicFraction = 0.85;
             in.scan->metalFraction = 0.05;
         },
         "declared base-metal goods (730411 \"steel pipes\"); X-ray shows 85% organic material "
         "and 5% metal"},
        {"scan-metal-goods-organic", "steel pipes that look like steel",
         [](Input& in) {
             in.manifest.lines = Lines{line("730411", "steel pipes", 25, 300)};
             in.scan->organicFraction = 0.1;
             in.scan->metalFraction = 0.85;
         },
         std::nullopt},
        {"scan-impenetrable-parcel", "lead block in a parcel",
         [](Input& in) {
             in.scan->impenetrableRegions = 1;
             in.scan->largestImpenetrableAreaMm2 = 5873.2;
         },
         "1 region(s) the X-ray cannot penetrate, largest 5,873 mm²"},
        {"scan-impenetrable-parcel", "also on a single-energy scan",
         [](Input& in) {
             in.scan->dualEnergy = false;
             in.scan->impenetrableRegions = 2;
             in.scan->largestImpenetrableAreaMm2 = 640;
         },
         "2 region(s) the X-ray cannot penetrate, largest 640 mm²"},
        {"scan-impenetrable-cargo", "three regions in a truck",
         [](Input& in) {
             in.manifest.mode = TransportMode::Truck;
             in.scan->impenetrableRegions = 3;
             in.scan->largestImpenetrableAreaMm2 = 107827;
         },
         "3 regions the X-ray cannot penetrate (a pallet or container frame makes one), largest "
         "107,827 mm²"},
        {"scan-impenetrable-cargo", "the frame alone",
         [](Input& in) {
             in.manifest.mode = TransportMode::Truck;
             in.scan->impenetrableRegions = 1;
             in.scan->largestImpenetrableAreaMm2 = 107827;
         },
         std::nullopt},
        {"scan-impenetrable-cargo", "no scan: not even the mode test makes it fire",
         [](Input& in) {
             in.manifest.mode = TransportMode::Truck;
             in.scan.reset();
         },
         std::nullopt},
    };
}

std::string sourceText(const std::string& relative) {
    std::ifstream in(std::string(PRESCREEN_SOURCE_DIR) + "/" + relative, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("the built-in rules load and stay quiet on a plain shipment", "[risk]") {
    const RuleSet& rules = RuleSet::builtin();
    CHECK(rules.version() == "2026.1-demo");
    CHECK(rules.size() >= 15);
    CHECK(rules.size() <= 25);
    const auto fromFile =
        RuleSet::parse(sourceText("resources/rules/risk-rules.json"), "risk-rules.json");
    CHECK(fromFile.version() == rules.version());
    CHECK(fromFile.size() == rules.size());

    const auto a = Input{}.assess();
    CHECK(a.factors.empty());
    CHECK(a.score == 10);
    CHECK(a.level == RiskLevel::Low);
    CHECK(a.rulesVersion == "2026.1-demo");
}

TEST_CASE("each built-in rule fires or not, with exact evidence", "[risk]") {
    std::set<std::string> fired;
    for (const auto& c : ruleCases()) {
        INFO(c.rule << ": " << c.name);
        Input input;
        c.change(input);
        const auto a = input.assess();
        const RiskFactor* f = factor(a, c.rule);
        if (!c.evidence) {
            CHECK(f == nullptr);
            continue;
        }
        REQUIRE(f != nullptr);
        CHECK(f->evidence == *c.evidence);
        CHECK_FALSE(f->description.empty());
        fired.insert(c.rule);
    }
    // Every rule of the shipped file is covered by a firing case.
    const auto file = json::parse(sourceText("resources/rules/risk-rules.json"));
    for (const auto& rule : file.at("rules")) {
        INFO(rule.at("id").get<std::string>());
        CHECK(fired.count(rule.at("id").get<std::string>()) == 1);
    }
}

TEST_CASE("the score adds the weights of the rules that fire, factors in file order", "[risk]") {
    Input input;
    input.manifest.origin = "XA";
    input.manifest.trustedTrader = {"FAST"};
    input.importer.previousShipments = 0;
    input.manifest.lines.push_back(line("930320", "hunting rifle", 3.5, 900));
    const auto a = input.assess();
    std::vector<std::string> ids;
    double points = 0;
    for (const auto& f : a.factors) {
        ids.push_back(f.ruleId);
        points += f.points;
    }
    CHECK(ids == std::vector<std::string>{"origin-high-risk", "hs-arms", "first-time-importer",
                                          "first-time-importer-high-risk-origin",
                                          "trusted-trader"});
    CHECK(points == 25 + 35 + 10 + 10 - 15);
    CHECK(a.score == 75);
    CHECK(a.level == RiskLevel::High);
    CHECK(factor(a, "trusted-trader")->points == -15);
}

namespace {

std::string customRules(double base, const std::string& rules, int medium = 30, int high = 60) {
    std::ostringstream text;
    text << R"({"formatVersion": "1.0", "version": "1.0", "baseScore": )" << base
         << R"(, "levels": {"medium": )" << medium << R"(, "high": )" << high << R"(}, "rules": [)"
         << rules << "]}";
    return text.str();
}

std::string always(const std::string& id, double weight) {
    std::ostringstream text;
    text << R"({"id": ")" << id
         << R"(", "description": "d", "condition": {"field": "lineCount", "ge": 0}, "weight": )"
         << weight << R"(, "evidence": "always"})";
    return text.str();
}

} // namespace

TEST_CASE("scores are rounded and clamped to 0..100; levels follow the thresholds", "[risk]") {
    struct Case {
        double base;
        std::vector<double> weights;
        int score;
        RiskLevel level;
    };
    const std::vector<Case> cases = {
        {90, {30}, 100, RiskLevel::High},       {5, {-20}, 0, RiskLevel::Low},
        {10, {-5, -10, 3}, 0, RiskLevel::Low},  {10.4, {}, 10, RiskLevel::Low},
        {10, {0.5}, 11, RiskLevel::Low},        {29, {0.4}, 29, RiskLevel::Low},
        {29, {0.5}, 30, RiskLevel::Medium},     {59, {}, 59, RiskLevel::Medium},
        {60, {}, 60, RiskLevel::High},          {50, {60, -20}, 90, RiskLevel::High},
        {100, {100, 100}, 100, RiskLevel::High}};
    for (const auto& c : cases) {
        std::string rules;
        for (std::size_t i = 0; i < c.weights.size(); ++i)
            rules += (i ? "," : "") + always("r" + std::to_string(i), c.weights[i]);
        if (rules.empty())
            rules = R"({"id": "never", "description": "d", "condition": {"field": "lineCount",
                        "lt": 0}, "weight": 1, "evidence": "never"})";
        INFO(customRules(c.base, rules));
        const auto set = RuleSet::parse(customRules(c.base, rules), "test.json");
        const auto a = Input{}.assess(set);
        CHECK(a.score == c.score);
        CHECK(a.level == c.level);
        CHECK(a.factors.size() == c.weights.size());
        CHECK(a.rulesVersion == "1.0");
    }
}

TEST_CASE("numbers read sensibly in evidence", "[risk]") {
    const auto rules = RuleSet::parse(
        customRules(0, R"({"id": "w", "description": "d", "condition": {"field": "lineCount",
            "ge": 0}, "weight": 1, "evidence": "{declaredWeightKg} kg, {declaredValue}, {valuePerKg}/kg, {scan.metalFraction}, {scan.massRatio}, {scan.massExcessSigma}, {lowValueShipment}, {trustedTrader}, {route}, {scan.largestImpenetrableAreaMm2}"})"),
        "test.json");
    struct Case {
        double kg, value, metal;
        std::string expected;
    };
    // scan: 26 ± 2 kg; ratio and sigma follow from the declared weight
    const std::vector<Case> cases = {
        {25, 1500, 0.03, "25 kg, 1,500, 60.00/kg, 3%, 1.0, 0.5, no, none, none, 0"},
        {12.04, 99.5, 0.004, "12 kg, 99.50, 8.26/kg, <1%, 2.2, 7.0, no, none, none, 0"},
        {0.456, 12, 0.998, "0.46 kg, 12.00, 26.32/kg, >99%, 57, 12.8, no, none, none, 0"},
        {12400, 1234567.8, 1,
         "12,400 kg, 1,234,568, 99.56/kg, 100%, 0.00, -6187.0, no, none, "
         "none, 0"},
        {410.5, 0, 0, "410 kg, 0.00, 0.00/kg, 0%, 0.06, -192.2, no, none, none, 0"},
    };
    for (const auto& c : cases) {
        Input input;
        input.manifest.lines[0].weightKg = c.kg;
        input.manifest.lines[0].value = c.value;
        input.scan->metalFraction = c.metal;
        const auto a = input.assess(rules);
        REQUIRE(a.factors.size() == 1);
        CHECK(a.factors[0].evidence == c.expected);
    }
    Input unknown;
    unknown.scan.reset();
    unknown.manifest.lines[0].currency = "";
    unknown.manifest.lines.push_back(line("610910", "shirts", 1, 1, "EUR"));
    CHECK(unknown.assess(rules).factors[0].evidence ==
          "26 kg, unknown, unknown/kg, unknown, unknown, unknown, no, none, none, unknown");
}

TEST_CASE("an X-ray mass is as precise as its uncertainty", "[risk]") {
    const auto rules = RuleSet::parse(
        customRules(0, R"({"id": "m", "description": "d", "condition": {"field": "lineCount",
            "ge": 0}, "weight": 1, "evidence": "{scan.massEstimate}"})"),
        "test.json");
    struct Case {
        double kg, sigma;
        bool lowerBound;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {410.4, 60.2, false, "410 ± 60 kg"},
        {17.74, 1.12, false, "17.7 ± 1.1 kg"},
        {40, 5, false, "40 ± 5 kg"},
        {26, 2, false, "26.0 ± 2.0 kg"},
        {0.452, 0.048, false, "0.45 ± 0.05 kg"},
        {12345.6, 987, false, "12,346 ± 987 kg"},
        {0.001, 0.0001, false, "0.00 ± 0.00 kg"},
        {48.3, 6.5, true, "at least 48 kg"},
        {5.25, 0, false, "5.2 ± 0.0 kg"},
    };
    for (const auto& c : cases) {
        Input input;
        input.scan->estimatedMassKg = c.kg;
        input.scan->massUncertaintyKg = c.sigma;
        input.scan->massLowerBoundOnly = c.lowerBound;
        CHECK(input.assess(rules).factors.at(0).evidence == c.expected);
    }
}

TEST_CASE("assessment is deterministic, also for reordered but equal input", "[risk]") {
    Input input;
    input.manifest.origin = "XA";
    input.manifest.route = {"DE", "XD", "BE"};
    input.manifest.trustedTrader = {"PIP", "AEO", "FAST"};
    input.manifest.lines = {line("930320", "hunting rifle", 0.1, 900),
                            line("930621", "cartridges", 0.2, 50),
                            line("240220", "cigarettes", 0.3, 70)};
    input.importer.previousShipments = 0;
    input.scan->impenetrableRegions = 2;
    input.scan->largestImpenetrableAreaMm2 = 812.5;

    // With naive summation, 0.3 + 0.2 + 0.1 and 0.1 + 0.2 + 0.3 differ in the last bit.
    const auto rules =
        RuleSet::parse(customRules(10, R"({"id": "weight-above", "description": "d", "condition":
            {"field": "declaredWeightKg", "gt": 0.6}, "weight": 7, "evidence": "{declaredWeightKg}"})"),
                       "test.json");

    const auto first = input.assess();
    const auto firstCustom = input.assess(rules);
    CHECK(first.factors.size() >= 6);
    std::vector<std::size_t> order = {0, 1, 2};
    do {
        Input shuffled = input;
        shuffled.manifest.lines.clear();
        for (const auto i : order)
            shuffled.manifest.lines.push_back(input.manifest.lines[i]);
        std::reverse(shuffled.manifest.trustedTrader.begin(),
                     shuffled.manifest.trustedTrader.end());
        if (order[0] == 1)
            std::rotate(shuffled.manifest.trustedTrader.begin(),
                        shuffled.manifest.trustedTrader.begin() + 1,
                        shuffled.manifest.trustedTrader.end());
        for (const auto& [expected, actual] : {std::pair{first, shuffled.assess()},
                                               std::pair{firstCustom, shuffled.assess(rules)}}) {
            CHECK(actual.score == expected.score);
            CHECK(actual.level == expected.level);
            CHECK(actual.rulesVersion == expected.rulesVersion);
            REQUIRE(actual.factors.size() == expected.factors.size());
            for (std::size_t i = 0; i < actual.factors.size(); ++i) {
                CHECK(actual.factors[i].ruleId == expected.factors[i].ruleId);
                CHECK(actual.factors[i].points == expected.factors[i].points);
                CHECK(actual.factors[i].evidence == expected.factors[i].evidence);
            }
        }
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(factor(first, "hs-arms")->evidence ==
          "arms or ammunition declared: 930320 \"hunting rifle\"; 930621 \"cartridges\"");
    CHECK(factor(first, "trusted-trader")->evidence == "member of AEO, FAST, PIP");
}

TEST_CASE("three-valued logic: a rule on unknown facts never fires, even negated", "[risk]") {
    const auto rules = RuleSet::parse(customRules(0, R"(
        {"id": "not-metal", "description": "d", "condition": {"not": {"field": "scan.metalFraction", "gt": 0.5}}, "weight": 1, "evidence": "{scan.metalFraction}"},
        {"id": "any-known", "description": "d", "condition": {"any": [{"field": "scan.metalFraction", "gt": 0.5}, {"field": "origin", "eq": "NL"}]}, "weight": 1, "evidence": "{origin}"},
        {"id": "all-unknown", "description": "d", "condition": {"all": [{"field": "scan.metalFraction", "lt": 0.5}, {"field": "origin", "eq": "NL"}]}, "weight": 1, "evidence": "x"},
        {"id": "matched-route", "description": "d", "condition": {"any": [{"field": "route", "anyIn": ["XA"]}, {"not": {"field": "route", "anyIn": ["DE"]}}]}, "weight": 1, "evidence": "[{route:matched}]"}
        )"),
                                      "test.json");
    Input noScan;
    noScan.scan.reset();
    noScan.manifest.route = {"DE", "XA", "FR"};
    const auto a = noScan.assess(rules);
    CHECK(factor(a, "not-metal") == nullptr);
    REQUIRE(factor(a, "any-known") != nullptr);
    CHECK(factor(a, "all-unknown") == nullptr);
    CHECK(factor(a, "matched-route")->evidence == "[XA]");

    Input withScan;
    withScan.scan->metalFraction = 0.1;
    const auto b = withScan.assess(rules);
    CHECK(factor(b, "not-metal")->evidence == "10%");
    CHECK(factor(b, "all-unknown") != nullptr);
    // Matches inside a not are no evidence: the route rule fires through the negation.
    CHECK(factor(b, "matched-route")->evidence == "[none]");
}

namespace {

json validFile() {
    json file = json::parse(customRules(10, R"(
        {"id": "r1", "description": "listed origin", "condition": {"field": "origin", "in": {"list": "hot"}}, "weight": 20, "evidence": "origin {origin}"},
        {"id": "r2", "description": "heavy", "condition": {"all": [{"field": "declaredWeightKg", "gt": 100}, {"not": {"field": "mode", "eq": "marine"}}]}, "weight": 5, "evidence": "{declaredWeightKg} kg"}
    )"));
    file["lists"] = {{"hot", {"XA", "XB"}}};
    return file;
}

json nested(int levels, const std::string& shape) {
    json condition = {{"field", "origin"}, {"eq", "XA"}};
    for (int i = 0; i < levels; ++i)
        condition =
            shape == "not" ? json{{"not", condition}} : json{{shape, json::array({condition})}};
    return condition;
}

struct BadCase {
    std::string name;
    std::function<void(json&)> change;
    std::vector<std::string> mentions; ///< every one of these appears in the message
};

std::vector<BadCase> badCases() {
    return {
        {"unknown field",
         [](json& f) { f["rules"][0]["condition"]["field"] = "orign"; },
         {"rule \"r1\" (rules[0])", "condition/field", "unknown field \"orign\""}},
        {"operator that does not fit the field",
         [](json& f) {
             f["rules"][0]["condition"] = {{"field", "origin"}, {"lt", 3}};
         },
         {"rule \"r1\"", "condition/lt", "does not apply to text field \"origin\""}},
        {"list operator on a number",
         [](json& f) {
             f["rules"][1]["condition"]["all"][0] = {{"field", "declaredWeightKg"},
                                                     {"anyIn", {"3"}}};
         },
         {"rule \"r2\"", "condition/all/0/anyIn", "does not apply"}},
        {"string compared with a number field",
         [](json& f) { f["rules"][1]["condition"]["all"][0]["gt"] = "100"; },
         {"rule \"r2\"", "condition/all/0/gt"}},
        {"unknown operator",
         [](json& f) {
             f["rules"][0]["condition"] = {{"field", "origin"}, {"like", "X"}};
         },
         {"rule \"r1\"", "like"}},
        {"two operators",
         [](json& f) {
             f["rules"][0]["condition"] = {{"field", "origin"}, {"eq", "XA"}, {"ne", "XB"}};
         },
         {"rule \"r1\"", "field \"condition\"", "exactly one operator"}},
        {"two shapes",
         [](json& f) {
             f["rules"][0]["condition"]["not"] = {{"field", "origin"}, {"eq", "XA"}};
         },
         {"rule \"r1\"", "field \"condition\"", "exactly one of all, any, not"}},
        {"missing weight",
         [](json& f) { f["rules"][1].erase("weight"); },
         {"rule \"r2\" (rules[1])", "weight"}},
        {"weight not a number",
         [](json& f) { f["rules"][1]["weight"] = "ten"; },
         {"rule \"r2\"", "weight"}},
        {"weight out of range",
         [](json& f) { f["rules"][1]["weight"] = 250; },
         {"rule \"r2\"", "weight"}},
        {"unknown property in a rule",
         [](json& f) { f["rules"][1]["wieght"] = 5; },
         {"rule \"r2\"", "wieght"}},
        {"bad version", [](json& f) { f["version"] = "v1"; }, {"version"}},
        {"missing version", [](json& f) { f.erase("version"); }, {"version"}},
        {"unknown format", [](json& f) { f["formatVersion"] = "2.0"; }, {"formatVersion"}},
        {"duplicate id",
         [](json& f) { f["rules"][1]["id"] = "r1"; },
         {"rule \"r1\" (rules[1])", "field \"id\"", "duplicate", "rules[0]"}},
        {"bad id", [](json& f) { f["rules"][1]["id"] = "Heavy Rule"; }, {"rules[1]", "id"}},
        {"unknown template variable",
         [](json& f) { f["rules"][0]["evidence"] = "origin {orign}"; },
         {"rule \"r1\"", "field \"evidence\"", "{orign}"}},
        {"matches of a field the condition does not list",
         [](json& f) { f["rules"][0]["evidence"] = "via {route:matched}"; },
         {"rule \"r1\"", "field \"evidence\"", "{route:matched}"}},
        {"lines:matched without a line comparison",
         [](json& f) { f["rules"][1]["evidence"] = "{lines:matched}"; },
         {"rule \"r2\"", "field \"evidence\"", "{lines:matched}"}},
        {"unclosed placeholder",
         [](json& f) { f["rules"][0]["evidence"] = "origin {origin"; },
         {"rule \"r1\"", "field \"evidence\"", "unclosed {"}},
        {"stray brace",
         [](json& f) { f["rules"][0]["evidence"] = "origin} {origin}"; },
         {"rule \"r1\"", "field \"evidence\"", "unmatched }"}},
        {"deep nesting of not",
         [](json& f) { f["rules"][1]["condition"] = nested(15, "not"); },
         {"rule \"r2\"", "condition/not/not", "deeper than 12"}},
        {"deep nesting of all",
         [](json& f) { f["rules"][1]["condition"] = nested(40, "all"); },
         {"rule \"r2\"", "field \"condition", "deeper than"}},
        {"country literal",
         [](json& f) {
             f["rules"][0]["condition"]["in"] = {"XA", "Iran"};
         },
         {"rule \"r1\"", "condition/in/1", "\"Iran\"", "ISO 3166-1"}},
        {"bad member of a named list",
         [](json& f) {
             f["lists"]["hot"] = {"XA", "xb"};
         },
         {"rule \"r1\"", "condition/in/list", "list \"hot\"", "\"xb\""}},
        {"unknown named list",
         [](json& f) {
             f["rules"][0]["condition"]["in"] = {{"list", "cold"}};
         },
         {"rule \"r1\"", "condition/in/list", "\"cold\""}},
        {"unknown mode",
         [](json& f) { f["rules"][1]["condition"]["all"][1]["not"]["eq"] = "ship"; },
         {"rule \"r2\"", "condition/all/1/not/eq", "\"ship\""}},
        {"display field in a condition",
         [](json& f) {
             f["rules"][0]["condition"] = {{"field", "scan.massEstimate"}, {"eq", "1"}};
         },
         {"rule \"r1\"", "condition/field", "evidence text only"}},
        {"empty all",
         [](json& f) { f["rules"][1]["condition"]["all"] = json::array(); },
         {"rule \"r2\"", "condition/all"}},
        {"levels out of order",
         [](json& f) {
             f["levels"] = {{"medium", 70}, {"high", 60}};
         },
         {"field \"levels\"", "below high"}},
        {"no rules", [](json& f) { f["rules"] = json::array(); }, {"rules"}},
    };
}

} // namespace

TEST_CASE("a malformed rules file is refused, naming the rule and the field", "[risk]") {
    REQUIRE_NOTHROW(RuleSet::parse(validFile().dump(), "test.json"));
    CHECK(RuleSet::parse(validFile().dump(), "test.json").size() == 2);
    for (const auto& c : badCases()) {
        json file = validFile();
        c.change(file);
        INFO(c.name << "\n" << file.dump());
        try {
            (void)RuleSet::parse(file.dump(), "test.json");
            FAIL("accepted");
        } catch (const Error& e) {
            const std::string message = e.what();
            INFO(message);
            CHECK(e.code() == ErrorCode::BadFormat);
            CHECK(message.rfind("test.json: ", 0) == 0);
            for (const auto& mention : c.mentions)
                CHECK(message.find(mention) != std::string::npos);
        }
    }
}

TEST_CASE("every problem of a file is reported at once", "[risk]") {
    json file = validFile();
    file["rules"][0]["condition"]["field"] = "orign";
    file["rules"][1]["evidence"] = "{nothing}";
    try {
        (void)RuleSet::parse(file.dump(), "test.json");
        FAIL("accepted");
    } catch (const Error& e) {
        const std::string message = e.what();
        CHECK(message.find("2 problems") != std::string::npos);
        CHECK(message.find("orign") != std::string::npos);
        CHECK(message.find("{nothing}") != std::string::npos);
    }
}

TEST_CASE("hostile rules text gets a clear error, not a crash", "[risk]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "not valid JSON"},
        {"{\"version\": ", "not valid JSON"},
        {"[]", "test.json"},
        {"42", "test.json"},
        {std::string(100000, '[') + std::string(100000, ']'), "nested deeper"},
        {"{\"rules\": " + std::string(5000, '[') + std::string(5000, ']') + "}", "nested deeper"},
        {std::string(2 << 20, ' '), "too large"},
    };
    for (const auto& [text, mention] : cases) {
        INFO(text.substr(0, 40));
        try {
            (void)RuleSet::parse(text, "test.json");
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::BadFormat);
            CHECK(std::string(e.what()).find(mention) != std::string::npos);
        }
    }
}
