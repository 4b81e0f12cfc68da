// Reading TDRs: the Stratovan toolkit's sample reports, and broken or hostile files.
#include "tdr_fixtures.h"

#include <prescreen/error.h>
#include <prescreen/imaging/tdr/tdr.h>

#include <catch2/catch.hpp>

#include <dicom_bytes.h>
#include <fstream>
#include <random>
#include <test_support.h>

namespace tdr = prescreen::imaging::tdr;
using prescreen::Error;
using prescreen::ErrorCode;
using prescreen::test::DicomBytes;
using prescreen::test::requireSharedData;
using prescreen::test::TempDir;
using namespace prescreen::test::tdr;

namespace {

const std::string kStratovan = "dicos/stratovan/DataFiles/";

// readReport must fail with BadFormat, naming the file and saying `expected`.
void requireBadFormat(const std::filesystem::path& file, const std::string& expected) {
    try {
        tdr::readReport(file);
    } catch (const Error& e) {
        INFO(e.what());
        CHECK(e.code() == ErrorCode::BadFormat);
        CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
        CHECK(std::string(e.what()).find(expected) != std::string::npos);
        return;
    }
    FAIL(file.string() << " was read as a TDR (expected: " << expected << ")");
}

std::string readAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// An implicit-VR TDR whose data set is `body` after the SOP class and TDR type.
DicomBytes implicitTdr() {
    DicomBytes bytes(kTdrClass, "1.2.3.4", prescreen::test::kImplicitVrLittleEndian);
    bytes.implicit(0x0008, 0x0016, std::string(kTdrClass) + '\0');
    bytes.implicit(0x4010, 0x1027, "MACHINE");
    bytes.implicit(0x4010, 0x1031, "ALARM");
    return bytes;
}

} // namespace

TEST_CASE("the toolkit's stand-alone TDR reads with its ten objects", "[tdr]") {
    const auto file = requireSharedData(
        kStratovan + "V03_Data/TDR_01_ExplicitLittlEndian/TDR_01_ExplicitLittlEndian.dcs");
    const tdr::Report report = tdr::readReport(file);
    CHECK(report.tdrType == "MACHINE");
    CHECK(report.alarmDecision == "ALARM");
    CHECK(report.alarmDecisionTime == "20101005120000.000000+0000");
    CHECK(report.operatorId.empty());
    CHECK(report.ooiId == "200");
    CHECK(report.studyInstanceUid == "1.4.7.5");
    CHECK(report.seriesInstanceUid == "7.8.9.6.3");
    CHECK(report.sopInstanceUid == "8.5.2.3.6.9.7.4.1");
    CHECK(report.totalProcessingTimeMs == 50);
    requireSameImages(report.images, {{"1.1.1", "4.4.4"}});
    REQUIRE(report.threats.size() == 10);
    for (std::size_t i = 0; i < report.threats.size(); ++i) {
        CHECK(report.threats[i].id == static_cast<int>(i));
        requireSameImages(report.threats[i].images, {{"1.1.1", "4.4.4"}});
    }
    const auto& first = report.threats[0];
    CHECK(first.category == "PI");
    CHECK(first.assessmentFlag == "THREAT");
    CHECK(first.description == "Shielded Weapon");
    requireSamePolygon(first.boundingPolygon,
                       {{0, 0}, {10, 0}, {10, 0}, {0, 0}, {10, 10}, {10, 10}, {0, 10}, {0, 10}});
    CHECK(report.threats[1].category == "ANOMALY");
    CHECK(report.threats[1].assessmentFlag == "NO_THREAT");
    CHECK(report.threats[1].boundingPolygon.empty());
}

TEST_CASE("the toolkit's DX, CT and dual-energy TDRs read with their references", "[tdr]") {
    const auto dx = tdr::readReport(requireSharedData(kStratovan + "V03_Data/DXwithTDR/tdr.dcs"));
    REQUIRE(dx.threats.size() == 1);
    CHECK(dx.threats[0].category == "PI");
    requireSamePolygon(dx.threats[0].boundingPolygon, {{24, 91}, {40, 113}});
    requireSameImages(dx.threats[0].images,
                      {{kDxForProcessing, "2763628846.30910.18800.179178.122187127157053250"}});

    const auto ct = tdr::readReport(requireSharedData(kStratovan + "V03_Data/CTwithTDR/TDR.dcs"));
    REQUIRE(ct.threats.size() == 2);
    requireSamePolygon(ct.threats[0].boundingPolygon, {{-125, -125}, {-115, -121}});
    CHECK(ct.threats[1].description == "Block");
    CHECK(ct.threats[1].assessmentFlag == "NO_THREAT");

    const auto dual = tdr::readReport(
        requireSharedData(kStratovan + "V03_Data/DualEnergyCTwithTDR/TDR_Dual_Energy.dcs"));
    REQUIRE(dual.threats.size() == 1);
    CHECK(dual.threats[0].images.size() == 2);
    CHECK(dual.threats[0].category == "ANOMALY");
}

TEST_CASE("every TDR among the samples reads, the V02A category included", "[tdr]") {
    const auto root = requireSharedData(kStratovan);
    int reports = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.path().extension() != ".dcs" ||
            entry.path().filename().string().find("TDR") == std::string::npos &&
                entry.path().filename().string().find("tdr") == std::string::npos)
            continue;
        INFO(entry.path().string());
        const auto report = tdr::readReport(entry.path());
        CHECK(report.alarmDecision == "ALARM");
        CHECK(!report.threats.empty());
        ++reports;
    }
    CHECK(reports == 7);
    const auto v02a = tdr::readReport(root / "V02A_Data/AIT2DwithTDR/tdr.dcs");
    CHECK(v02a.threats.at(0).category == "PROHIBITED ITEM");
}

TEST_CASE("a DICOS image is not a TDR", "[tdr]") {
    requireBadFormat(requireSharedData(kStratovan + "V03_Data/DXwithTDR/dx.dcs"),
                     "not a DICOS Threat Detection Report");
    requireBadFormat(requireSharedData(kStratovan + "V03_Data/DXwithTDR/dx.dcs"),
                     "DICOS_DigitalXRayImageStorageForProcessing");
}

TEST_CASE("truncated TDRs are rejected at every length", "[tdr]") {
    TempDir dir;
    tdr::writeReport(sampleReport(), dir / "whole.dcm");
    const std::string whole = readAll(dir / "whole.dcm");
    const auto cut = dir / "cut.dcm";
    for (std::size_t length = 0; length < whole.size(); length += 7) {
        INFO("first " << length << " of " << whole.size() << " bytes");
        writeAll(cut, whole.substr(0, length));
        CHECK_THROWS_AS(tdr::readReport(cut), Error);
    }
    writeAll(cut, whole.substr(0, whole.size() - 3));
    requireBadFormat(cut, "truncated");
}

TEST_CASE("random bytes are rejected, with or without a DICOM header", "[tdr]") {
    TempDir dir;
    const auto file = dir / "noise.dcm";
    std::mt19937 random(20261122);
    for (int round = 0; round < 200; ++round) {
        std::string bytes(16 + random() % 4000, '\0');
        for (auto& byte : bytes)
            byte = static_cast<char>(random());
        if (round % 2 == 1) {
            DicomBytes header(kTdrClass, "1.2.3",
                              round % 4 == 1 ? prescreen::test::kExplicitVrLittleEndian
                                             : prescreen::test::kImplicitVrLittleEndian);
            bytes = header.bytes() + bytes;
        }
        writeAll(file, bytes);
        INFO("round " << round);
        try {
            tdr::readReport(file);
            FAIL("random bytes were read as a TDR");
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::BadFormat);
        }
    }
}

TEST_CASE("a TDR without Alarm Decision or TDR Type is rejected by name", "[tdr]") {
    TempDir dir;
    DicomBytes noDecision(kTdrClass, "1.2.3", prescreen::test::kExplicitVrLittleEndian);
    noDecision.explicitShort(0x0008, 0x0016, "UI", std::string(kTdrClass) + '\0')
        .explicitShort(0x4010, 0x1027, "CS", "MACHINE");
    noDecision.write(dir / "no-decision.dcm");
    requireBadFormat(dir / "no-decision.dcm", "AlarmDecision (4010,1031)");

    DicomBytes noType(kTdrClass, "1.2.3", prescreen::test::kExplicitVrLittleEndian);
    noType.explicitShort(0x0008, 0x0016, "UI", std::string(kTdrClass) + '\0')
        .explicitShort(0x4010, 0x1031, "CS", "ALARM");
    noType.write(dir / "no-type.dcm");
    requireBadFormat(dir / "no-type.dcm", "TDRType (4010,1027)");

    DicomBytes noOperator(kTdrClass, "1.2.3", prescreen::test::kExplicitVrLittleEndian);
    noOperator.explicitShort(0x0008, 0x0016, "UI", std::string(kTdrClass) + '\0')
        .explicitShort(0x4010, 0x1027, "CS", "OPERATOR")
        .explicitShort(0x4010, 0x1031, "CS", "CLEAR");
    noOperator.write(dir / "no-operator.dcm");
    requireBadFormat(dir / "no-operator.dcm", "OperatorIdentificationSequence");
}

TEST_CASE("hostile nesting, counts and value types are rejected, not followed", "[tdr]") {
    TempDir dir;
    SECTION("200,000 nested sequences (DCMTK alone would overflow its stack)") {
        std::string nested;
        for (int i = 0; i < 200000; ++i)
            nested += le16(0x4010) + le16(0x1011) + "SQ" + std::string(2, '\0') + le32(0xFFFFFFFF) +
                      le16(0xFFFE) + le16(0xE000) + le32(0xFFFFFFFF);
        DicomBytes bytes(kTdrClass, "1.2.3", prescreen::test::kExplicitVrLittleEndian);
        bytes.raw(nested).write(dir / "deep.dcm");
        requireBadFormat(dir / "deep.dcm", "nested more than 16 deep");
    }
    SECTION("nesting hidden in private elements of defined length (implicit VR)") {
        std::string nested = implicitElement(0x0009, 0x1001, "x");
        for (int i = 0; i < 40; ++i)
            nested = implicitElement(0x0009, 0x1001, item(nested));
        implicitTdr().raw(nested).write(dir / "private.dcm");
        requireBadFormat(dir / "private.dcm", "nested more than 16 deep");
    }
    SECTION("a meta group length that ends the group early") {
        DicomBytes bytes(kTdrClass, "1.2.3", prescreen::test::kExplicitVrLittleEndian);
        std::string raw = bytes.bytes();
        raw.replace(140, 4, le32(20)); // (0002,0000) UL value, right after the 12-byte header
        writeAll(dir / "meta.dcm", raw);
        requireBadFormat(dir / "meta.dcm", "Group Length");
    }
    SECTION("10,001 potential threat objects") {
        std::string items;
        for (int i = 0; i < 10001; ++i)
            items += item(implicitElement(0x4010, 0x1010, le16(static_cast<std::uint16_t>(i))));
        implicitTdr().raw(implicitElement(0x4010, 0x1011, items)).write(dir / "many.dcm");
        requireBadFormat(dir / "many.dcm", "at most 10000");
    }
    SECTION("a bounding polygon of 100,001 vertices") {
        const std::string polygon(100001 * 3 * 4, '\0');
        const std::string pto =
            implicitElement(0x4010, 0x1010, le16(1)) + implicitElement(0x4010, 0x101D, polygon);
        implicitTdr().raw(implicitElement(0x4010, 0x1011, item(pto))).write(dir / "huge.dcm");
        requireBadFormat(dir / "huge.dcm", "BoundingPolygon (4010,101d) has 300003 values");
    }
    SECTION("a bounding polygon that is not (x, y, z) triplets") {
        const std::string pto = implicitElement(0x4010, 0x1010, le16(1)) +
                                implicitElement(0x4010, 0x101D, std::string(4 * 4, '\0'));
        implicitTdr().raw(implicitElement(0x4010, 0x1011, item(pto))).write(dir / "pairs.dcm");
        requireBadFormat(dir / "pairs.dcm", "not (x, y, z) triplets");
    }
    SECTION("a PTO without its ID") {
        const std::string pto = implicitElement(0x4010, 0x1012, "PI");
        implicitTdr().raw(implicitElement(0x4010, 0x1011, item(pto))).write(dir / "no-id.dcm");
        requireBadFormat(dir / "no-id.dcm", "PotentialThreatObjectID (4010,1010)");
    }
    SECTION("a Threat Sequence encoded as text") {
        DicomBytes bytes(kTdrClass, "1.2.3", prescreen::test::kExplicitVrLittleEndian);
        bytes.explicitShort(0x0008, 0x0016, "UI", std::string(kTdrClass) + '\0')
            .explicitShort(0x4010, 0x1011, "LO", "not a sequence")
            .explicitShort(0x4010, 0x1027, "CS", "MACHINE")
            .explicitShort(0x4010, 0x1031, "CS", "ALARM");
        bytes.write(dir / "text-sequence.dcm");
        requireBadFormat(dir / "text-sequence.dcm", "not SQ");
    }
    SECTION("an item that claims more bytes than its sequence holds") {
        const std::string inner = item(implicitElement(0x4010, 0x1010, le16(1)));
        std::string lying = inner;
        lying.replace(4, 4, le32(4000));
        implicitTdr().raw(implicitElement(0x4010, 0x1011, lying)).write(dir / "lying.dcm");
        requireBadFormat(dir / "lying.dcm", "runs past the end");
    }
    SECTION("a file over the size limit") {
        const auto big = dir / "big.dcm";
        {
            std::ofstream out(big, std::ios::binary);
            out.seekp((64 << 20) + 1);
            out.put('\0');
        }
        requireBadFormat(big, "larger than a Threat Detection Report may be");
    }
}

TEST_CASE("a missing file is NotFound", "[tdr]") {
    TempDir dir;
    try {
        tdr::readReport(dir / "absent.dcm");
        FAIL("an absent file was read");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::NotFound);
    }
}
