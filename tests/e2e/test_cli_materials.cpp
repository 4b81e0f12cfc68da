// End to end: calibration profiles built by `prescreen-cli calibrate`, and a scanner's MACHINE
// threat report imported with its scan, judged object by object and answered in the officer's
// OPERATOR report.
#include "process.h"
#include "test_support.h"

#include <prescreen/imaging/materials/calibrate.h>
#include <prescreen/imaging/materials/calibration.h>
#include <prescreen/imaging/tdr/tdr.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace prescreen;
using namespace prescreen::test;

namespace {

const std::string kCli = PRESCREEN_CLI;

std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string dcmdump(const std::filesystem::path& file) {
    return runShell("DCMDICTPATH=/usr/share/libdcmtk17/dicom.dic:" PRESCREEN_SOURCE_DIR
                    "/resources/dicos.dic dcmdump " +
                    shellQuote(file.string()))
        .output;
}

} // namespace

TEST_CASE("calibrate: the semiZ calibration reproduces its own reference classes",
          "[e2e][cli][calibrate]") {
    const auto semiz = requireSharedData("calibration/semiZ");
    TempDir dir;
    const auto profile = dir / "semiz.json";
    const auto run = runShell(kCli + " calibrate --semiz " + shellQuote(semiz.string()) +
                              " --id semiz-9-6 --name 'semiZ 9/6 MeV' --high-kev 9000 "
                              "--low-kev 6000 -o " +
                              shellQuote(profile.string()));
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    CHECK(run.output.find("reproduced 300 of 300") != std::string::npos);
    CHECK(run.output.find("residual R rms") != std::string::npos);

    // The written profile classifies every reference measurement by its Z, read back as a file.
    const auto calibration = imaging::materials::parseCalibration(readText(profile), "semiz.json");
    CHECK(calibration.profile.id == "semiz-9-6");
    CHECK(calibration.profile.highEnergyKeV == 9000);
    int right = 0;
    const auto measurements = imaging::materials::semiZMeasurements(semiz);
    for (const auto& m : measurements) {
        const auto expected = m.zEff < 10 ? imaging::materials::MaterialClass::Organic
                                          : imaging::materials::MaterialClass::Metal;
        right += calibration.classify(m.aHigh, m.aLow) == expected ? 1 : 0;
    }
    CHECK(right == static_cast<int>(measurements.size()));

    // Demanding more separation than the data hold is refused, naming the references.
    const auto refused = runShell(kCli + " calibrate --semiz " + shellQuote(semiz.string()) +
                                  " --id x --name x --high-kev 9000 --min-separation 100000");
    CHECK(refused.exitCode == 1);
    CHECK(refused.output.find("cannot separate the classes") != std::string::npos);
    CHECK(refused.output.find("Z6") != std::string::npos);
}

TEST_CASE("calibrate: a step wedge is measured from its scan; one reference alone is refused",
          "[e2e][cli][calibrate]") {
    TempDir dir;
    const auto made = runShell(kCli + " phantom " + shellQuote((dir / "scan").string()) +
                               " --seed 5 --kind parcel");
    REQUIRE(made.exitCode == 0);
    const auto truth = nlohmann::json::parse(readText(dir / "scan" / "parcel-5-truth.json"));
    const auto interior = truth["packaging"]["interiorPx"];
    // Two patches of the box's board near the interior's corners (objects keep 8 px away).
    const int x = interior["x"].get<int>() + 1, y = interior["y"].get<int>() + 1;
    const auto region = [&](int dx) {
        return nlohmann::json{{"material", "paper"}, {"zEff", 6.89}, {"massThicknessGcm2", 0.64},
                              {"x", x + dx},         {"y", y},       {"width", 4},
                              {"height", 4}};
    };
    const auto write = [&](const nlohmann::json& regions) {
        std::ofstream(dir / "wedge.json") << nlohmann::json{
            {"format", "prescreen-step-wedge"},
            {"version", 1},
            {"scan", "scan/parcel-5-high.dcm"},
            {"regions", regions}}.dump(2);
        return runShell(kCli + " calibrate --step-wedge " +
                        shellQuote((dir / "wedge.json").string()) +
                        " --id wedge --name wedge --high-kev 160");
    };
    const auto one = write(nlohmann::json::array({region(0), region(1), region(2)}));
    INFO(one.output);
    CHECK(one.exitCode == 1);
    CHECK(one.output.find("at least two reference materials") != std::string::npos);

    auto outside = region(0);
    outside["x"] = 100000;
    const auto far = write(nlohmann::json::array({region(0), outside}));
    INFO(far.output);
    CHECK(far.exitCode == 1);
    CHECK(far.output.find("region 1") != std::string::npos);
}

TEST_CASE("a scanner's MACHINE report: imported with its scan, judged, answered in the OPERATOR "
          "report",
          "[e2e][cli][store][tdr]") {
    TempDir dir;
    const auto site = dir / "site";
    const auto db = site / "prescreen.sqlite3";
    REQUIRE(
        runShell(kCli + " demo-site " + shellQuote(site.string()) + " --cases 4 --fast-passwords")
            .exitCode == 0);
    const auto made = runShell(kCli + " phantom " + shellQuote((dir / "scan").string()) +
                               " --seed 77 --machine-tdr");
    INFO(made.output);
    REQUIRE(made.exitCode == 0);
    const auto machineFile = dir / "scan" / "parcel-77-machine-tdr.dcm";
    const auto machine = imaging::tdr::readReport(machineFile);
    REQUIRE(machine.threats.size() == 2);

    // What the scanner said, as `info` shows it (not "holds no image").
    const auto info = runShell(kCli + " info " + shellQuote(machineFile.string()));
    INFO(info.output);
    CHECK(info.exitCode == 0);
    CHECK(info.output.find("type MACHINE") != std::string::npos);
    CHECK(info.output.find("algorithm Prescreen phantom ATR 1.0") != std::string::npos);
    CHECK(info.output.find("object 1  ANOMALY  THREAT  probability 0.82") != std::string::npos);
    CHECK(info.output.find("object 2  CONTRABAND  THREAT  probability 0.35") != std::string::npos);

    std::ofstream(dir / "manifest.json") << R"({"formatVersion": "1.0", "manifests": [{
      "cargoControlNumber": "7AKL0LH400777777", "mode": "air", "carrier": "7AKL",
      "shipper": {"name": "Phantom Shipper", "country": "DE"},
      "consignee": {"name": "Phantom Consignee", "country": "CA"},
      "importer": {"name": "Phantom Consignee", "businessNumber": "246813579RM0001"},
      "origin": "DE",
      "lines": [{"hsCode": "392410", "description": "Plastic kitchenware", "quantity": 10,
                 "unit": "CTN", "weightKg": 15, "value": 300, "currency": "EUR"}],
      "scanLinkId": "PHANTOM-parcel-77"}]})";
    const auto imported =
        runShell(kCli + " import " + shellQuote((dir / "scan").string()) + " --manifest " +
                 shellQuote((dir / "manifest.json").string()) + " --db " + shellQuote(db));
    INFO(imported.output);
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.output.find("1 scanner report(s)") != std::string::npos);

    const std::string ccn = "7AKL0LH400777777";
    const auto judged =
        runShell("echo demo-officer-2026 | " + kCli + " alarms " + ccn +
                 " --confirm 1 --dismiss 2 --officer officer1 --db " + shellQuote(db));
    INFO(judged.output);
    REQUIRE(judged.exitCode == 0);
    CHECK(judged.output.find("verdict confirmed") != std::string::npos);
    CHECK(judged.output.find("verdict dismissed") != std::string::npos);

    REQUIRE(runShell("echo demo-officer-2026 | " + kCli + " decide " + ccn +
                     " --refer --reason manifest_mismatch --comment 'scanner alarm confirmed' "
                     "--officer officer1 --db " +
                     shellQuote(db))
                .exitCode == 0);
    const auto operatorFile = dir / "operator.dcm";
    const auto exported = runShell(kCli + " export-tdr " + ccn + " -o " +
                                   shellQuote(operatorFile.string()) + " --db " + shellQuote(db));
    INFO(exported.output);
    REQUIRE(exported.exitCode == 0);

    // Our reader: one object per machine object, each naming it and carrying the verdict.
    const auto answer = imaging::tdr::readReport(operatorFile);
    CHECK(answer.tdrType == "OPERATOR");
    int confirmed = 0, dismissed = 0;
    for (const auto& pto : answer.threats) {
        if (!pto.judges)
            continue;
        CHECK(pto.judges->tdrSopInstanceUid == machine.sopInstanceUid);
        if (pto.judges->ptoId == 1 && pto.assessmentFlag == "THREAT" && pto.category == "ANOMALY")
            ++confirmed;
        if (pto.judges->ptoId == 2 && pto.assessmentFlag == "NO_THREAT" &&
            pto.category == "CONTRABAND")
            ++dismissed;
    }
    CHECK(confirmed == 1);
    CHECK(dismissed == 1);

    // dcmdump: the Referenced PTO Sequence names both objects and the machine report.
    const auto dump = dcmdump(operatorFile);
    INFO(dump);
    std::size_t sequences = 0;
    for (auto at = dump.find("ReferencedPTOSequence"); at != std::string::npos;
         at = dump.find("ReferencedPTOSequence", at + 1))
        ++sequences;
    CHECK(sequences == 2);
    CHECK(dump.find("ReferencedTDRInstanceSequence") != std::string::npos);
    CHECK(dump.find(machine.sopInstanceUid) != std::string::npos);
    CHECK(dump.find("NO_THREAT") != std::string::npos);
    CHECK(dump.find("Unknown Tag") == std::string::npos);
}
