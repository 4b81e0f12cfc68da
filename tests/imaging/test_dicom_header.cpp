#include "dicom_bytes.h"
#include "test_support.h"

#include <prescreen/error.h>
#include <prescreen/imaging/dicom_header.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace prescreen;
using namespace prescreen::imaging;
using prescreen::test::DicomBytes;

namespace {

// A DICOS DX header in implicit VR: nothing in the file says what VR (6100,0030) has, so only a
// dictionary that knows the attribute can decode it as US.
DicomBytes implicitDicosDx() {
    DicomBytes file(test::kDicosDxForPresentation, "1.2.826.0.1.3680043.9.7431.1.1",
                    test::kImplicitVrLittleEndian);
    file.implicit(0x0008, 0x0016, std::string(test::kDicosDxForPresentation) + '\0')
        .implicit(0x0008, 0x0060, "DX")
        .implicit(0x0010, 0x0020, "OOI-4711")
        .implicit(0x6100, 0x0024, DicomBytes::uint16le(1))
        .implicit(0x6100, 0x0030, DicomBytes::uint16le(2))
        .implicit(0x6100, 0x0031, "HIGH ENERGY");
    return file;
}

} // namespace

TEST_CASE("Series Energy in an implicit-VR DICOS file is read with its name and VR", "[header]") {
    test::TempDir dir;
    const auto path = dir / "implicit-dx.dcs";
    implicitDicosDx().write(path);

    const auto header = readDicomHeader(path);
    CHECK(header.transferSyntaxUid == test::kImplicitVrLittleEndian);

    const auto energy = findAttribute(header, 0x6100, 0x0030);
    REQUIRE(energy);
    CHECK(energy->keyword == "SeriesEnergy");
    CHECK(energy->vr == "US");
    CHECK(energy->value == "2");

    const auto description = findAttribute(header, 0x6100, 0x0031);
    REQUIRE(description);
    CHECK(description->keyword == "SeriesEnergyDescription");
    CHECK(description->vr == "LO");
    CHECK(description->value == "HIGH ENERGY");

    const auto view = findAttribute(header, 0x6100, 0x0024);
    REQUIRE(view);
    CHECK(view->vr == "US");
    CHECK(view->value == "1");

    const auto ooi = findAttribute(header, 0x0010, 0x0020);
    REQUIRE(ooi);
    CHECK(ooi->value == "OOI-4711");
}

TEST_CASE("a missing file is reported as not found, with its path", "[header]") {
    try {
        readDicomHeader("/nonexistent/prescreen/scan.dcs");
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::NotFound);
        CHECK_THAT(error.what(), Catch::Contains("/nonexistent/prescreen/scan.dcs"));
    }
}

TEST_CASE("bytes that are not DICOM give a clear error, never a crash", "[header]") {
    test::TempDir dir;
    const auto path = dir / "noise.dcm";
    {
        std::ofstream out(path, std::ios::binary);
        for (int i = 0; i < 5000; ++i)
            out.put(static_cast<char>((i * 7919) % 251));
    }
    try {
        readDicomHeader(path);
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::BadFormat);
        CHECK_THAT(error.what(), Catch::Contains(path.string()));
    }
}

TEST_CASE("a truncated element with a lying length gives a clear error", "[header]") {
    test::TempDir dir;
    const auto path = dir / "lying-length.dcs";
    auto file = implicitDicosDx();
    // (0010,0010) claims 4 GB of value, then the file ends.
    file.raw(DicomBytes::uint16le(0x0010) + DicomBytes::uint16le(0x0010) +
             DicomBytes::uint32le(0xFFFFFFF0u) + "ABCD");
    file.write(path);
    try {
        readDicomHeader(path);
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.code() == ErrorCode::BadFormat);
        CHECK_THAT(error.what(), Catch::Contains("lying-length.dcs"));
    }
}

TEST_CASE("Stratovan DICOS files read with their DICOS attributes named", "[header][shared-data]") {
    const auto dx =
        test::requireSharedData("dicos/stratovan/DataFiles/V03_Data/DX_01_ExplicitLittlEndian/"
                                "DX_01_ExplicitLittlEndian.dcs");
    const auto header = readDicomHeader(dx);
    const auto sopClass = findAttribute(header, 0x0008, 0x0016);
    REQUIRE(sopClass);
    CHECK_THAT(sopClass->value, Catch::StartsWith("1.2.840.10008.5.1.4.1.1.501.2"));
    const auto pixels = findAttribute(header, 0x7FE0, 0x0010);
    REQUIRE(pixels);
    CHECK_THAT(pixels->value, Catch::EndsWith("bytes)"));

    const auto implicitAit =
        test::requireSharedData("dicos/stratovan/DataFiles/V03_Data/AIT2D_01_ImplicitLittlEndian/"
                                "AIT2D_01_ImplicitLittlEndian.dcs");
    const auto aitHeader = readDicomHeader(implicitAit);
    CHECK(aitHeader.transferSyntaxUid == test::kImplicitVrLittleEndian);
    for (const auto& attribute : aitHeader.dataset) {
        // Every top-level attribute of this DICOS file is named, DICOS ones included.
        INFO(std::hex << attribute.group << "," << attribute.element);
        if (attribute.group % 2 == 0)
            CHECK_FALSE(attribute.keyword.empty());
    }
}
