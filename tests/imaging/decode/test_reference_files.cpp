// Decoding against files written by others: the WG-04 md5 oracle, the Stratovan DICOS set and
// pydicom's edge cases (../shared/data).
#include "md5.h"
#include "test_support.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace prescreen;
using namespace prescreen::imaging;

namespace {

const Plane& onlyPlane(const Scan& scan) {
    REQUIRE(scan.views.size() == 1);
    REQUIRE(scan.views.front().planes.size() == 1);
    return scan.views.front().planes.front();
}

} // namespace

TEST_CASE("every WG-04 encoding decodes to the md5 oracle", "[decode][shared-data]") {
    const auto folder = test::requireSharedData("dicom/wg04");
    std::ifstream oracle(folder / "decoded_pixel_md5.txt");
    REQUIRE(oracle);
    // Lossy encodings must decode; their md5 is the reference decoder's, which ours matches too.
    const std::set<std::string> lossy = {"RG2_J2KI.dcm", "RG2_JLSN.dcm", "RG2_JPLY.dcm"};
    std::string line;
    int checked = 0;
    while (std::getline(oracle, line)) {
        if (line.empty() || line.front() == '#')
            continue;
        std::istringstream fields(line);
        std::string file;
        fields >> file;
        const std::string md5 = line.substr(line.find_last_of(' ') + 1);
        DYNAMIC_SECTION(file) {
            const auto scan = readScanFile(folder / file);
            const auto& plane = onlyPlane(scan);
            CHECK(plane.pixels.format() == PixelFormat::Gray16);
            const auto actual = test::md5OfPixels(plane.pixels);
            if (lossy.count(file) != 0) {
                CHECK(plane.pixels.width() > 0);
                if (actual != md5)
                    WARN(file << ": lossy decode differs from the reference decoder");
            } else {
                CHECK(actual == md5);
            }
        }
        ++checked;
    }
    CHECK(checked == 10);
}

TEST_CASE("opening one WG-04 file shows that file, not another encoding of its study",
          "[decode][shared-data]") {
    // The seven RG2 files are one image in seven encodings, sharing a Study Instance UID: the
    // sibling search must name the others and leave them undecoded.
    const auto folder = test::requireSharedData("dicom/wg04");
    const auto scan = openScan(folder / "RG2_UNC.dcm");
    REQUIRE(scan.planeCount() == 1);
    CHECK(scan.views.front().planes.front().sourceFile.filename() == "RG2_UNC.dcm");
    CHECK(scan.files.size() == 1);
    int skipped = 0;
    for (const auto& warning : scan.warnings)
        skipped +=
            warning.find("already has its SINGLE plane from RG2_UNC.dcm") != std::string::npos;
    CHECK(skipped == 6);
}

TEST_CASE("pydicom's MR_small decodes identically in all eight encodings",
          "[decode][shared-data]") {
    const auto folder = test::requireSharedData("dicom/pydicom");
    const auto reference =
        test::md5OfPixels(onlyPlane(readScanFile(folder / "MR_small.dcm")).pixels);
    for (const char* name : {"MR_small_RLE.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm",
                             "MR_small_implicit.dcm", "MR_small_jp2klossless.dcm",
                             "MR_small_jpeg_ls_lossless.dcm", "MR_small_padded.dcm"}) {
        INFO(name);
        const auto scan = readScanFile(folder / name);
        const auto& plane = onlyPlane(scan);
        CHECK(plane.signedPixels);
        CHECK(test::md5OfPixels(plane.pixels) == reference);
    }
}

TEST_CASE("colour encodings of one image agree on its luminance", "[decode][shared-data]") {
    const auto folder = test::requireSharedData("dicom/pydicom");
    // Planar RLE, interleaved JPEG lossless and 2 frames of RLE: one image.
    const auto reference =
        test::md5OfPixels(onlyPlane(readScanFile(folder / "SC_rgb_rle.dcm")).pixels);
    for (const char* name :
         {"SC_rgb_jpeg_gdcm.dcm", "SC_rgb_rle_2frame.dcm", "SC_rgb_gdcm_KY.dcm"}) {
        INFO(name);
        CHECK(test::md5OfPixels(onlyPlane(readScanFile(folder / name)).pixels) == reference);
    }
    const auto scan = readScanFile(folder / "SC_ybr_full_422_uncompressed.dcm");
    CHECK(onlyPlane(scan).pixels.width() == 100);
    CHECK_FALSE(scan.warnings.empty()); // says the colour image is shown as luminance
}

TEST_CASE("every Stratovan DICOS file loads or says clearly why not", "[decode][shared-data]") {
    const auto root = test::requireSharedData("dicos/stratovan/DataFiles");
    std::map<std::string, std::string> outcome;
    int images = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.path().extension() != ".dcs")
            continue;
        const auto relative = std::filesystem::relative(entry.path(), root).string();
        try {
            const auto scan = readScanFile(entry.path());
            REQUIRE(scan.planeCount() >= 1);
            CHECK(scan.metadata.isDicos);
            const auto& plane = scan.views.front().planes.front();
            CHECK(plane.pixels.width() > 0);
            outcome[relative] =
                "loaded: " + scan.metadata.modality + " " + std::to_string(plane.pixels.width()) +
                "x" + std::to_string(plane.pixels.height()) + " " + planeKindName(plane.kind);
            ++images;
        } catch (const Error& error) {
            // The reason names the file and what is wrong.
            CHECK_THAT(error.what(), Catch::Contains(entry.path().filename().string()));
            outcome[relative] = std::string("refused: ") + error.what();
        }
    }
    std::ostringstream table;
    for (const auto& [file, result] : outcome)
        table << file << " -> " << result << '\n';
    WARN("Stratovan DICOS files:\n" << table.str());
    CHECK(outcome.size() == 38);
    CHECK(images >= 25);
    // Every DX file loads with its plane; CT volumes load as projections; TDRs hold no image.
    for (const auto& [file, result] : outcome) {
        INFO(file << ": " << result);
        std::string name = std::filesystem::path(file).filename().string();
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (name.rfind("tdr", 0) == 0)
            CHECK_THAT(result, Catch::Contains("holds no image"));
        else if ((name.rfind("dx", 0) == 0 && name.find("unsigned64") == std::string::npos) ||
                 name.rfind("ct", 0) == 0)
            CHECK_THAT(result, Catch::StartsWith("loaded"));
    }
}

TEST_CASE("DICOS wide pixel variants load scaled to 16 bits, with rescale kept",
          "[decode][shared-data]") {
    const auto folder =
        test::requireSharedData("dicos/stratovan/DataFiles/V02A_Data/V02A_NewDataTypes/DX");
    for (const char* name : {"DX_float.dcs", "DX_unsigned32.dcs"}) {
        INFO(name);
        const auto scan = readScanFile(folder / name);
        const auto& plane = onlyPlane(scan);
        CHECK(plane.pixels.width() == 100);
        CHECK(plane.pixels.height() == 200);
        // Stored 0..65535 in the source: the rescaled range is preserved.
        const double top = 65535 * plane.rescaleSlope + plane.rescaleIntercept;
        CHECK(top == Approx(65535).epsilon(1e-6));
    }
    CHECK_THROWS_WITH(readScanFile(folder / "DX_unsigned64.dcs"),
                      Catch::Contains("DX_unsigned64.dcs") && Catch::Contains("holds 2 bytes"));
}

TEST_CASE("a DICOS CT volume is shown as its projection", "[decode][shared-data]") {
    const auto file =
        test::requireSharedData("dicos/stratovan/DataFiles/V03_Data/CT/CTUserAPI.dcs");
    const auto scan = readScanFile(file);
    const auto& view = scan.views.front();
    CHECK_THAT(view.description, Catch::Contains("PROJECTION"));
    const auto& plane = view.planes.front();
    CHECK(plane.pixels.width() == 100);
    REQUIRE(plane.pixelSpacingMm);
    CHECK((*plane.pixelSpacingMm)[0] == 1.0);
}

TEST_CASE("pydicom's broken files give clear errors naming the file", "[decode][shared-data]") {
    const auto folder = test::requireSharedData("dicom/pydicom");
    const std::map<std::string, std::string> broken = {
        {"MR_truncated.dcm", "premature end"},
        {"rtplan_truncated.dcm", ""},
        {"no_meta.dcm", "not a readable DICOM file"},
        {"SC_rgb_jpeg.dcm", "not a readable DICOM file"},
        {"JPEG2000-embedded-sequence-delimiter.dcm", "JPEG 2000"},
        {"liver_1frame.dcm", "Bits Allocated 1"},
        {"meta_missing_tsyntax.dcm", ""},
        {"rtstruct.dcm", "holds no image"},
        {"test-SR.dcm", "holds no image"},
    };
    for (const auto& [name, reason] : broken) {
        INFO(name);
        try {
            readScanFile(folder / name);
            FAIL("no error for " << name);
        } catch (const Error& error) {
            CHECK_THAT(error.what(), Catch::Contains(name) && Catch::Contains(reason));
        }
    }
    // Odd but valid: read, with what is odd said as a warning.
    const auto mismatch = readScanFile(folder / "J2K_pixelrep_mismatch.dcm");
    CHECK_THAT(mismatch.warnings.front(), Catch::Contains("Pixel Representation"));
    CHECK_NOTHROW(readScanFile(folder / "badVR.dcm"));
    CHECK_NOTHROW(readScanFile(folder / "image_dfl.dcm"));
}
