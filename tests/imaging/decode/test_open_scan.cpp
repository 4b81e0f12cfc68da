// Files -> scans: siblings, folders, views and planes, lab image pairs.
#include "dicos_builder.h"
#include "test_support.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>

#include <catch2/catch.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>

using namespace prescreen;
using namespace prescreen::imaging;
using test::DxSpec;

namespace {

void writeDualEnergy(const std::filesystem::path& folder, const std::string& study, int view = 1) {
    DxSpec high;
    high.studyUid = study;
    high.instanceUid = study + "." + std::to_string(view) + ".1";
    high.view = view;
    DxSpec low = high;
    low.instanceUid = study + "." + std::to_string(view) + ".2";
    low.imageType = "ORIGINAL\\LOW ENERGY";
    low.pixels = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    test::dicosDx(high).write(folder / ("high-" + std::to_string(view) + ".dcs"));
    test::dicosDx(low).write(folder / ("low-" + std::to_string(view) + ".dcs"));
}

} // namespace

TEST_CASE("opening one file of a dual-energy scan finds its sibling", "[decode][scan]") {
    test::TempDir dir;
    writeDualEnergy(dir.path(), "1.2.826.0.1.3680043.9.7431.8.1");
    const auto scan = openScan(dir / "low-1.dcs");

    REQUIRE(scan.views.size() == 1);
    const auto& view = scan.views.front();
    CHECK(view.index == 1);
    CHECK(view.isDualEnergy());
    REQUIRE(view.planes.size() == 2);
    CHECK(view.planes[0].kind == PlaneKind::HighEnergy); // high first, whatever was opened
    CHECK(view.planes[1].kind == PlaneKind::LowEnergy);
    CHECK(view.planes[0].pixels.at<std::uint16_t>(3, 2) == 1000 + 10 * 11);
    CHECK(view.planes[1].pixels.at<std::uint16_t>(0, 1) == 9);
    REQUIRE(view.planes[0].pixelSpacingMm);
    CHECK((*view.planes[0].pixelSpacingMm)[1] == 0.5);
    CHECK(view.planes[0].kvp == 160.0);

    CHECK(scan.metadata.isDicos);
    CHECK(scan.metadata.objectId == "OOI-0042");
    CHECK(scan.metadata.itineraryId == "ITIN-7");
    CHECK(scan.files.size() == 2);
    CHECK(scan.warnings.empty());
}

TEST_CASE("views of one scan stay apart, other scans in the folder stay out", "[decode][scan]") {
    test::TempDir dir;
    writeDualEnergy(dir.path(), "1.2.826.0.1.3680043.9.7431.8.2", 1);
    writeDualEnergy(dir.path(), "1.2.826.0.1.3680043.9.7431.8.2", 2);
    DxSpec other;
    other.studyUid = "1.2.826.0.1.3680043.9.7431.8.99";
    other.instanceUid = "1.2.826.0.1.3680043.9.7431.8.99.1";
    test::dicosDx(other).write(dir / "other.dcs");
    std::ofstream(dir / "notes.txt") << "manifest to follow";

    const auto scan = openScan(dir / "high-2.dcs");
    REQUIRE(scan.views.size() == 2);
    CHECK(scan.views[0].index == 1);
    CHECK(scan.views[1].index == 2);
    CHECK(scan.planeCount() == 4);

    const auto contents = openFolder(dir.path());
    CHECK(contents.scans.size() == 2);
    REQUIRE(contents.skipped.size() == 1);
    CHECK(contents.skipped.front().file.filename() == "notes.txt");

    CHECK_THROWS_WITH(openScan(dir.path()), Catch::Contains("holds 2 scans"));
}

TEST_CASE("a broken sibling is skipped with a warning; the scan still opens", "[decode][scan]") {
    test::TempDir dir;
    writeDualEnergy(dir.path(), "1.2.826.0.1.3680043.9.7431.8.3");
    DxSpec truncated;
    truncated.studyUid = "1.2.826.0.1.3680043.9.7431.8.3";
    truncated.instanceUid = "1.2.826.0.1.3680043.9.7431.8.3.9";
    truncated.imageType = "ORIGINAL\\Z_EFFECTIVE";
    truncated.pixelBytes = 6; // 4 × 3 pixels need 24 bytes
    test::dicosDx(truncated).write(dir / "zeff.dcs");

    const auto scan = openScan(dir / "high-1.dcs");
    CHECK(scan.planeCount() == 2);
    REQUIRE(scan.warnings.size() == 1);
    CHECK_THAT(scan.warnings.front(),
               Catch::Contains("zeff.dcs skipped") && Catch::Contains("pixel data holds 6 bytes"));
}

TEST_CASE("16-bit PNG lab images named _high / _low form one dual-energy scan", "[decode][scan]") {
    test::TempDir dir;
    cv::Mat high(20, 30, CV_16UC1, cv::Scalar(40000));
    cv::Mat low(20, 30, CV_16UC1, cv::Scalar(30000));
    high.at<std::uint16_t>(5, 7) = 123;
    REQUIRE(cv::imwrite((dir / "crate_high.png").string(), high));
    REQUIRE(cv::imwrite((dir / "crate_low.png").string(), low));
    REQUIRE(cv::imwrite((dir / "single.tiff").string(), low));

    const auto scan = openScan(dir / "crate_high.png");
    REQUIRE(scan.views.size() == 1);
    CHECK(scan.views.front().isDualEnergy());
    CHECK(scan.views.front().planes.front().pixels.at<std::uint16_t>(7, 5) == 123);
    CHECK(scan.metadata.objectId == "crate");

    const auto tiff = openScan(dir / "single.tiff");
    CHECK(tiff.views.front().planes.front().kind == PlaneKind::Single);
    CHECK(tiff.views.front().planes.front().pixels.at<std::uint16_t>(0, 0) == 30000);
}

TEST_CASE("two copies of one image count once; the opened copy wins", "[decode][scan]") {
    test::TempDir dir;
    writeDualEnergy(dir.path(), "1.2.826.0.1.3680043.9.7431.8.4");
    std::filesystem::copy_file(dir / "high-1.dcs", dir / "a-copy-of-high.dcs");
    const auto scan = openScan(dir / "high-1.dcs");
    CHECK(scan.planeCount() == 2);
    CHECK(scan.views.front().planes.front().sourceFile.filename() == "high-1.dcs");
    REQUIRE(scan.warnings.size() == 1);
    CHECK_THAT(scan.warnings.front(), Catch::Contains("another copy of image"));
}

TEST_CASE("a sibling for a view and plane the opened file already fills is named, not merged",
          "[decode][scan]") {
    test::TempDir dir;
    writeDualEnergy(dir.path(), "1.2.826.0.1.3680043.9.7431.8.5");
    // Another image of the same study, view and energy (say a re-scan): a second high plane.
    DxSpec again;
    again.studyUid = "1.2.826.0.1.3680043.9.7431.8.5";
    again.instanceUid = "1.2.826.0.1.3680043.9.7431.8.5.1.7";
    again.view = 1;
    again.pixels = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
    test::dicosDx(again).write(dir / "a-rescan.dcs");

    const auto scan = openScan(dir / "high-1.dcs");
    CHECK(scan.planeCount() == 2);
    CHECK(scan.views.front().planes.front().sourceFile.filename() == "high-1.dcs");
    REQUIRE(scan.warnings.size() == 1);
    CHECK_THAT(scan.warnings.front(),
               Catch::Contains("a-rescan.dcs skipped") &&
                   Catch::Contains("view 1 already has its HIGH ENERGY plane from high-1.dcs"));

    // Opened itself, the re-scan is the one shown; the low plane still joins it.
    const auto rescan = openScan(dir / "a-rescan.dcs");
    CHECK(rescan.planeCount() == 2);
    CHECK(rescan.views.front().planes.front().pixels.at<std::uint16_t>(0, 0) == 7);

    // A folder keeps the first file of each view and plane in name order and lists the rest.
    const auto contents = openFolder(dir.path());
    REQUIRE(contents.scans.size() == 1);
    CHECK(contents.scans.front().planeCount() == 2);
    REQUIRE(contents.skipped.size() == 1);
    CHECK(contents.skipped.front().file.filename() == "high-1.dcs");
}

namespace {

// A plain DICOM DX image (no DICOS Series View): its views are told apart by View Position and
// series, as medical and NDE scanners write them.
test::DicomBytes plainDx(const std::string& study, const std::string& series,
                         const std::string& instance, const std::string& viewPosition) {
    const std::string sopClass = "1.2.840.10008.5.1.4.1.1.1.1"; // Digital X-Ray, for presentation
    test::DicomBytes file(sopClass, instance, test::kExplicitVrLittleEndian);
    const auto us = [](int v) {
        return test::DicomBytes::uint16le(static_cast<std::uint16_t>(v));
    };
    std::string pixels;
    for (int i = 0; i < 12; ++i)
        pixels += test::DicomBytes::uint16le(static_cast<std::uint16_t>(100 + i));
    file.explicitShort(0x0008, 0x0008, "CS", "ORIGINAL\\PRIMARY")
        .explicitShort(0x0008, 0x0016, "UI", sopClass + '\0')
        .explicitShort(0x0008, 0x0018, "UI", instance)
        .explicitShort(0x0008, 0x0060, "CS", "DX")
        .explicitShort(0x0018, 0x5101, "CS", viewPosition)
        .explicitShort(0x0020, 0x000D, "UI", study)
        .explicitShort(0x0020, 0x000E, "UI", series)
        .explicitShort(0x0028, 0x0002, "US", us(1))
        .explicitShort(0x0028, 0x0004, "CS", "MONOCHROME2")
        .explicitShort(0x0028, 0x0010, "US", us(3))
        .explicitShort(0x0028, 0x0011, "US", us(4))
        .explicitShort(0x0028, 0x0100, "US", us(16))
        .explicitShort(0x0028, 0x0101, "US", us(16))
        .explicitShort(0x0028, 0x0102, "US", us(15))
        .explicitShort(0x0028, 0x0103, "US", us(0))
        .explicitShort(0x7FE0, 0x0010, "OW", pixels);
    return file;
}

} // namespace

TEST_CASE("plain DICOM views of one study (no Series View) still join; a re-encoding does not",
          "[decode][scan]") {
    test::TempDir dir;
    const std::string study = "1.2.826.0.1.3680043.9.7431.8.6";
    plainDx(study, study + ".1", study + ".1.1", "AP").write(dir / "ap.dcm");
    plainDx(study, study + ".2", study + ".2.1", "LAT").write(dir / "lat.dcm");
    // The AP image again, re-encoded: same series and view position, another instance UID.
    plainDx(study, study + ".1", study + ".1.9", "AP").write(dir / "ap-again.dcm");

    const auto scan = openScan(dir / "ap.dcm");
    CHECK(scan.planeCount() == 2); // AP and LAT
    CHECK(scan.files.size() == 2);
    int skipped = 0;
    for (const auto& warning : scan.warnings)
        skipped += warning.find("ap-again.dcm skipped") != std::string::npos &&
                   warning.find("plane from ap.dcm") != std::string::npos;
    CHECK(skipped == 1);
}

TEST_CASE("Pixel Intensity Relationship and its sign reach the plane", "[decode][scan]") {
    test::TempDir dir;
    const auto open = [&](const std::string& relationship, int sign, const std::string& name) {
        DxSpec spec;
        spec.studyUid = "1.2.826.0.1.3680043.9.7431.7.9." + name;
        spec.instanceUid = spec.studyUid + ".1";
        spec.intensityRelationship = relationship;
        spec.intensitySign = sign;
        test::dicosDx(spec).write(dir.path() / (name + ".dcs"));
        OpenOptions options;
        options.findSiblings = false;
        return std::move(
            openScan(dir.path() / (name + ".dcs"), options).views.front().planes.front());
    };
    const auto lin = open("LIN", 1, "lin");
    CHECK(lin.intensityRelationship == IntensityRelationship::Linear);
    CHECK(lin.intensitySign == 1);
    const auto log = open("LOG", -1, "log");
    CHECK(log.intensityRelationship == IntensityRelationship::Logarithmic);
    CHECK(log.intensitySign == -1);
    CHECK(open("", 0, "absent").intensityRelationship == IntensityRelationship::Unspecified);
    CHECK(open("OTHER", 0, "other").intensityRelationship == IntensityRelationship::Other);
}
