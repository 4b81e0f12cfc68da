// Writing TDRs: the round trip through our reader, the real dcmdump, and what the writer refuses.
#include "tdr_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/tdr/tdr.h>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <sys/wait.h>
#include <test_support.h>
#include <vector>

namespace tdr = prescreen::imaging::tdr;
using prescreen::Error;
using prescreen::ErrorCode;
using prescreen::test::TempDir;
using namespace prescreen::test::tdr;

namespace {

struct Run {
    int status = -1;
    std::string output; ///< stdout and stderr together
};

Run run(const std::string& command) {
    Run result;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.output.append(buffer.data(), got);
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// The DCMTK tools' own dictionary plus ours, exactly as docs/tdr.md tells users to run them.
std::string dcmtkDictPath() {
    const std::filesystem::path standard = "/usr/share/libdcmtk17/dicom.dic";
    if (!std::filesystem::exists(standard) || !std::filesystem::exists("/usr/bin/dcmdump") ||
        !std::filesystem::exists("/usr/bin/dcmconv")) {
        std::printf("SKIPPED: DCMTK's dcmdump, dcmconv or %s is not installed\n", standard.c_str());
        std::fflush(stdout);
        std::_Exit(prescreen::test::kSkipExitCode);
    }
    return standard.string() + ":" + PRESCREEN_SOURCE_DIR + "/resources/dicos.dic";
}

ErrorCode writeError(const tdr::Report& report, const std::filesystem::path& file,
                     const std::string& expected) {
    try {
        tdr::writeReport(report, file);
    } catch (const Error& e) {
        INFO(e.what());
        CHECK(std::string(e.what()).find(expected) != std::string::npos);
        return e.code();
    }
    FAIL("writeReport accepted a report it should refuse (" << expected << ")");
    return ErrorCode::Internal;
}

} // namespace

TEST_CASE("an OPERATOR TDR reads back to the same report", "[tdr]") {
    TempDir dir;
    const auto file = dir / "decision.dcm";
    const tdr::Report written = sampleReport();
    tdr::writeReport(written, file);
    requireSameReport(tdr::readReport(file), written);
}

TEST_CASE("a CLEAR TDR without objects and a long badge reads back", "[tdr]") {
    TempDir dir;
    tdr::Report written = sampleReport();
    written.alarmDecision = "CLEAR";
    written.threats.clear();
    written.images.clear();
    written.operatorId = "officer.badge.0042-longer-than-sixteen";
    written.contentDescription.clear();
    written.totalProcessingTimeMs = 0;
    tdr::writeReport(written, dir / "clear.dcm");
    requireSameReport(tdr::readReport(dir / "clear.dcm"), written);
}

TEST_CASE("missing UIDs are generated, distinct and valid", "[tdr]") {
    TempDir dir;
    tdr::Report report = sampleReport();
    report.sopInstanceUid.clear();
    report.seriesInstanceUid.clear();
    report.studyInstanceUid.clear();
    tdr::writeReport(report, dir / "a.dcm");
    tdr::writeReport(report, dir / "b.dcm");
    const auto a = tdr::readReport(dir / "a.dcm");
    const auto b = tdr::readReport(dir / "b.dcm");
    for (const auto& uid : {a.sopInstanceUid, a.seriesInstanceUid, a.studyInstanceUid}) {
        INFO(uid);
        CHECK(!uid.empty());
        CHECK(uid.size() <= 64);
        CHECK(uid.find_first_not_of("0123456789.") == std::string::npos);
    }
    CHECK(a.sopInstanceUid != b.sopInstanceUid);
    CHECK(a.seriesInstanceUid != b.seriesInstanceUid);
    CHECK(a.sopInstanceUid != a.seriesInstanceUid);
}

TEST_CASE("dcmdump reads our TDR and names every attribute", "[tdr]") {
    const std::string dictPath = dcmtkDictPath();
    TempDir dir;
    const auto file = dir / "decision.dcm";
    tdr::writeReport(sampleReport(), file);
    const Run dump = run("DCMDICTPATH='" + dictPath + "' /usr/bin/dcmdump '" + file.string() + "'");
    INFO(dump.output);
    REQUIRE(dump.status == 0);
    CHECK(dump.output.find("Unknown Tag") == std::string::npos);
    CHECK(dump.output.find("\nE: ") == std::string::npos);
    CHECK(dump.output.find("\nW: ") == std::string::npos);
    for (const char* expected : {"=DICOS_ThreatDetectionReportStorage",
                                 "[OPERATOR]",
                                 "TDRType",
                                 "[ALARM]",
                                 "AlarmDecision",
                                 "[20261122091502.123+0000]",
                                 "AlarmDecisionTime",
                                 "OperatorIdentificationSequence",
                                 "PersonIdentificationCodeSequence",
                                 "[B1234]",
                                 "NumberOfTotalObjects",
                                 "NumberOfAlarmObjects",
                                 "TotalProcessingTime",
                                 "ThreatSequence",
                                 "PotentialThreatObjectID",
                                 "PTORepresentationSequence",
                                 "ReferencedInstanceSequence",
                                 "10.5\\20.25\\0\\300.75\\20.25\\0",
                                 "BoundingPolygon",
                                 "ATDAssessmentSequence",
                                 "[CONTRABAND]",
                                 "ThreatCategory",
                                 "PTOProcessingStartTime",
                                 "PTOTotalProcessingTime",
                                 "[TDR]",
                                 "[CARGO]",
                                 "[CCN-8XYZ-000123]"})
        CHECK(dump.output.find(expected) != std::string::npos);
    // Without the supplementary dictionary, the DICOS V03 attributes are what is missing.
    const Run bare =
        run("DCMDICTPATH=/usr/share/libdcmtk17/dicom.dic /usr/bin/dcmdump '" + file.string() + "'");
    CHECK(bare.output.find("(4010,1080)") != std::string::npos);
    CHECK(bare.output.find("PTOProcessingStartTime") == std::string::npos);
}

TEST_CASE("our TDR converted by dcmconv to implicit VR and big endian reads the same", "[tdr]") {
    const std::string dictPath = dcmtkDictPath();
    TempDir dir;
    const tdr::Report written = sampleReport();
    tdr::writeReport(written, dir / "explicit.dcm");
    for (const char* syntax : {"+ti", "+tb"}) {
        INFO(syntax);
        const auto converted = dir / (std::string("converted") + syntax + ".dcm");
        const Run conversion =
            run("DCMDICTPATH='" + dictPath + "' /usr/bin/dcmconv " + syntax + " '" +
                (dir / "explicit.dcm").string() + "' '" + converted.string() + "'");
        INFO(conversion.output);
        REQUIRE(conversion.status == 0);
        requireSameReport(tdr::readReport(converted), written);
    }
}

namespace {

/// dciodvfy's "Error - ..." lines, minus the one it gives every DICOS object: Debian's
/// dicom3tools knows no DICOS IOD ("Information Object Not found"). What is left are the
/// attribute-level checks it can make: VRs, value lengths and forms, UIDs, character sets.
std::vector<std::string> attributeErrors(const std::string& output) {
    std::vector<std::string> errors;
    std::size_t start = 0;
    while (start < output.size()) {
        auto end = output.find('\n', start);
        if (end == std::string::npos)
            end = output.size();
        const auto line = output.substr(start, end - start);
        if (line.find("Error") != std::string::npos &&
            line.find("Information Object Not found") == std::string::npos)
            errors.push_back(line);
        start = end + 1;
    }
    return errors;
}

} // namespace

TEST_CASE("dciodvfy finds no attribute-level error in our TDR", "[tdr]") {
    // packaging/dev.sh installs dicom3tools, so this runs wherever the suite is run that way.
    if (!std::filesystem::exists("/usr/bin/dciodvfy")) {
        std::printf("SKIPPED: dicom3tools' dciodvfy is not installed (packaging/dev.sh deps)\n");
        std::fflush(stdout);
        std::_Exit(prescreen::test::kSkipExitCode);
    }
    TempDir dir;
    tdr::writeReport(sampleReport(), dir / "decision.dcm");
    const Run check = run("/usr/bin/dciodvfy '" + (dir / "decision.dcm").string() + "'");
    INFO(check.output);
    // It did read and check the file: it reached the IOD lookup at the end.
    CHECK(check.output.find("Information Object Not found") != std::string::npos);
    CHECK(attributeErrors(check.output).empty());

    // The same check does catch attribute errors: the Stratovan toolkit's sample TDR has UIDs
    // with an illegal root and an all-zero Frame of Reference UID.
    const auto sample = prescreen::test::sharedDataRoot() /
                        "dicos/stratovan/DataFiles/V03_Data/AIT2DwithTDR/tdr.dcs";
    if (std::filesystem::exists(sample)) {
        const Run control = run("/usr/bin/dciodvfy '" + sample.string() + "'");
        INFO(control.output);
        CHECK_FALSE(attributeErrors(control.output).empty());
    }
}

TEST_CASE("writing replaces the target whole and leaves no temporary file", "[tdr]") {
    TempDir dir;
    const auto file = dir / "decision.dcm";
    tdr::Report report = sampleReport();
    tdr::writeReport(report, file);
    report.alarmDecision = "CLEAR";
    tdr::writeReport(report, file);
    CHECK(tdr::readReport(file).alarmDecision == "CLEAR");
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
        ++entries;
    CHECK(entries == 1);
}

TEST_CASE("the writer refuses reports that would not be valid DICOS", "[tdr]") {
    TempDir dir;
    const auto file = dir / "bad.dcm";
    const tdr::Report good = sampleReport();
    auto with = [&](auto change) {
        tdr::Report report = good;
        change(report);
        return report;
    };
    const auto invalid = ErrorCode::InvalidArgument;
    CHECK(writeError(with([](auto& r) { r.alarmDecision = "REFER"; }), file, "Alarm Decision") ==
          invalid);
    CHECK(writeError(with([](auto& r) { r.tdrType = "AGGREGATE"; }), file, "TDR Type") == invalid);
    CHECK(writeError(with([](auto& r) { r.tdrType = "MACHINE"; }), file, "algorithm") == invalid);
    CHECK(writeError(with([](auto& r) { r.alarmDecisionTime = "2026-11-22T09:15:02Z"; }), file,
                     "Alarm Decision Time") == invalid);
    CHECK(writeError(with([](auto& r) { r.alarmDecisionTime = "20261322091502"; }), file,
                     "Alarm Decision Time") == invalid);
    CHECK(writeError(with([](auto& r) { r.operatorId.clear(); }), file, "operator") == invalid);
    CHECK(writeError(with([](auto& r) { r.operatorName = "Smith\\Jones"; }), file,
                     "operator name") == invalid);
    CHECK(writeError(with([](auto& r) { r.operatorName = std::string(65, 'a'); }), file,
                     "at most 64") == invalid);
    CHECK(writeError(with([](auto& r) { r.ooiId = "bad\xff utf8"; }), file, "not UTF-8") ==
          invalid);
    CHECK(writeError(with([](auto& r) { r.studyInstanceUid = "1.2.abc"; }), file,
                     "Study Instance UID") == invalid);
    CHECK(writeError(with([](auto& r) { r.threats[1].id = 1; }), file, "used twice") == invalid);
    CHECK(writeError(with([](auto& r) { r.threats[0].id = 70000; }), file, "0..65535") == invalid);
    CHECK(writeError(with([](auto& r) { r.threats[0].category = "WEAPON"; }), file,
                     "Threat Category") == invalid);
    CHECK(writeError(with([](auto& r) { r.threats[0].assessmentFlag = "MAYBE"; }), file,
                     "Assessment Flag") == invalid);
    CHECK(writeError(with([](auto& r) { r.threats[0].images.clear(); }), file,
                     "references no image") == invalid);
    CHECK(writeError(with([](auto& r) { r.threats[0].boundingPolygon.resize(1); }), file,
                     "vertices") == invalid);
    CHECK(writeError(with([](auto& r) { r.threats[0].boundingPolygon.resize(5462); }), file,
                     "5461") == invalid);
    CHECK(writeError(with([](auto& r) {
                         r.threats[0].boundingPolygon[2].x =
                             std::numeric_limits<double>::quiet_NaN();
                     }),
                     file, "finite") == invalid);
    CHECK(writeError(with([](auto& r) { r.threats[0].boundingPolygon[0].y = 1e300; }), file,
                     "finite") == invalid);
    CHECK(writeError(with([](auto& r) { r.totalProcessingTimeMs = -1; }), file,
                     "Total Processing Time") == invalid);
    CHECK(writeError(with([](auto& r) { r.contentDescription = std::string(10241, 'x'); }), file,
                     "10240") == invalid);
    CHECK(!std::filesystem::exists(file));
    CHECK(writeError(good, dir / "missing-folder" / "a.dcm", "cannot write") == ErrorCode::Io);
}

TEST_CASE("a polygon of the largest writable size reads back exactly", "[tdr]") {
    TempDir dir;
    tdr::Report report = sampleReport();
    auto& polygon = report.threats[0].boundingPolygon;
    polygon.clear();
    for (int i = 0; i < 5461; ++i)
        polygon.push_back({static_cast<double>(i) * 0.5, static_cast<double>(5461 - i) * 0.25});
    tdr::writeReport(report, dir / "big.dcm");
    requireSamePolygon(tdr::readReport(dir / "big.dcm").threats[0].boundingPolygon, polygon);
}
