#include <prescreen/error.h>
#include <prescreen/imaging/dictionary.h>

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace prescreen;
using namespace prescreen::imaging;

TEST_CASE("every line of the shipped DICOS dictionary parses", "[dictionary]") {
    const std::string_view text = supplementaryDictionaryText();
    REQUIRE_FALSE(text.empty());
    std::set<std::pair<int, int>> tags;
    int lineNumber = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        ++lineNumber;
        const auto end = text.find('\n', start);
        const auto line = text.substr(start, end == std::string_view::npos ? end : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        if (line.empty() || line.front() == '#')
            continue;
        const auto entry = parseDictionaryLine(line, lineNumber);
        INFO("line " << lineNumber << ": " << line);
        CHECK(tags.insert({entry.group, entry.element}).second); // no duplicates
    }
    // The attributes ../shared/DICOS.md lists as missing from DCMTK 3.6.7.
    for (const auto& [group, element] : std::set<std::pair<int, int>>{{0x6100, 0x0024},
                                                                      {0x6100, 0x0026},
                                                                      {0x6100, 0x0028},
                                                                      {0x6100, 0x0030},
                                                                      {0x6100, 0x0031},
                                                                      {0x6100, 0x0032},
                                                                      {0x4010, 0x0003},
                                                                      {0x4010, 0x0005},
                                                                      {0x4010, 0x0006},
                                                                      {0x4010, 0x0007},
                                                                      {0x4010, 0x2041},
                                                                      {0x4010, 0x2043},
                                                                      {0x4010, 0x2045},
                                                                      {0x4010, 0x1080},
                                                                      {0x4010, 0x1081},
                                                                      {0x4010, 0x1082},
                                                                      {0x4010, 0x1022}}) {
        INFO("tag " << std::hex << group << "," << element);
        CHECK(tags.count({group, element}) == 1);
    }
}

TEST_CASE("the DICOS attributes are in the combined dictionary with name and VR", "[dictionary]") {
    initialise();
    const auto energy = lookupTag(0x6100, 0x0030);
    REQUIRE(energy);
    CHECK(energy->keyword == "SeriesEnergy");
    CHECK(energy->vr == "US");
    CHECK(energy->vm == "1");

    const auto view = lookupTag(0x6100, 0x0026);
    REQUIRE(view);
    CHECK(view->keyword == "SeriesViewDescription");
    CHECK(view->vr == "LO");

    const auto tip = lookupTag(0x4010, 0x2043);
    REQUIRE(tip);
    CHECK(tip->keyword == "TIPLibraryDate");
    CHECK(tip->vr == "DT");
}

TEST_CASE("the supplement never overrides DCMTK's own entries", "[dictionary]") {
    const auto polygon = lookupTag(0x4010, 0x101D);
    REQUIRE(polygon);
    CHECK(polygon->keyword == "BoundingPolygon");
    CHECK(polygon->vr == "FL");
    CHECK(polygon->vm == "6-n");

    const auto pixels = lookupTag(0x7FE0, 0x0010);
    REQUIRE(pixels);
    CHECK(pixels->keyword == "PixelData");
}

TEST_CASE("unknown tags are reported as unknown", "[dictionary]") {
    CHECK_FALSE(lookupTag(0x6100, 0x9000));
}

TEST_CASE("malformed dictionary lines say which line and what is wrong", "[dictionary]") {
    auto failure = [](std::string_view line) {
        try {
            parseDictionaryLine(line, 7);
        } catch (const Error& error) {
            CHECK(error.code() == ErrorCode::BadFormat);
            return std::string(error.what());
        }
        FAIL("no error for: " << line);
        return std::string();
    };
    CHECK_THAT(failure("(6100,0030)\tUS\tSeriesEnergy\t1"),
               Catch::Contains("line 7") && Catch::Contains("5 tab-separated fields"));
    CHECK_THAT(failure("(6100,003)\tUS\tSeriesEnergy\t1\tDICOS"), Catch::Contains("(gggg,eeee)"));
    CHECK_THAT(failure("(61G0,0030)\tUS\tSeriesEnergy\t1\tDICOS"),
               Catch::Contains("four hex digits"));
    CHECK_THAT(failure("(6100,0030)\tXX\tSeriesEnergy\t1\tDICOS"),
               Catch::Contains("'XX' is not a DICOM VR"));
    CHECK_THAT(failure("(6100,0030)\tUS\t\t1\tDICOS"), Catch::Contains("keyword is empty"));
    CHECK_THAT(failure("(6100,0030)\tUS\tSeriesEnergy\tone\tDICOS"),
               Catch::Contains("not a multiplicity"));
    CHECK_THAT(failure("(6100,0030)\tUS\tSeriesEnergy\t3-2\tDICOS"),
               Catch::Contains("not a multiplicity"));
}

TEST_CASE("value multiplicities parse as DCMTK writes them", "[dictionary]") {
    const auto one = parseDictionaryLine("(0008,0008)\tCS\tImageType\t2-n\tDICOM", 1);
    CHECK(one.vmMin == 2);
    CHECK(one.vmMax == -1);
    const auto pair = parseDictionaryLine("(0028,0030)\tDS\tPixelSpacing\t2\tDICOM", 1);
    CHECK(pair.vmMin == 2);
    CHECK(pair.vmMax == 2);
    const auto range = parseDictionaryLine("(0018,1149)\tIS\tFieldOfViewDimensions\t1-2\tDICOM", 1);
    CHECK(range.vmMin == 1);
    CHECK(range.vmMax == 2);
    const auto evenN = parseDictionaryLine("(0070,0022)\tFL\tGraphicData\t2-2n\tDICOM", 1);
    CHECK(evenN.vmMax == -1);
}
