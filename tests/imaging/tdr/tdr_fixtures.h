#pragma once
// Reports and raw DICOM bytes for the TDR tests.

#include <prescreen/imaging/tdr/tdr.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

namespace prescreen::test::tdr {

namespace tdr = prescreen::imaging::tdr;

inline constexpr const char* kDxForProcessing = "1.2.840.10008.5.1.4.1.1.501.2.2";
inline constexpr const char* kTdrClass = "1.2.840.10008.5.1.4.1.1.501.3";

/// An OPERATOR ALARM report with two PTOs on two views; every coordinate is exact in float.
inline tdr::Report sampleReport() {
    tdr::Report report;
    report.tdrType = "OPERATOR";
    report.alarmDecision = "ALARM";
    report.alarmDecisionTime = "20261122091502.123+0000";
    report.operatorId = "B1234";
    report.operatorName = "Gagnon^Émilie";
    report.studyInstanceUid = "1.2.826.0.1.3680043.10.1.1";
    report.ooiId = "CCN-8XYZ-000123";
    report.sopInstanceUid = "1.2.826.0.1.3680043.10.1.2";
    report.seriesInstanceUid = "1.2.826.0.1.3680043.10.1.3";
    report.contentDescription = "refer (initial); reasons: manifest_mismatch, dense_region;\n"
                                "comment: Dense mass behind the textiles \\ pallet 3.";
    report.totalProcessingTimeMs = 48250;
    const tdr::ImageReference top{kDxForProcessing, "1.2.826.0.1.3680043.10.1.10"};
    const tdr::ImageReference topLow{kDxForProcessing, "1.2.826.0.1.3680043.10.1.11"};
    const tdr::ImageReference side{kDxForProcessing, "1.2.826.0.1.3680043.10.1.20"};
    report.images = {top, topLow, side};
    tdr::ThreatObject weapon;
    weapon.id = 1;
    weapon.category = "PI";
    weapon.assessmentFlag = "THREAT";
    weapon.description = "weapon: long gun shape in crate 2";
    weapon.boundingPolygon = {{10.5, 20.25}, {300.75, 20.25}, {300.75, 140.0}, {10.5, 140.0}};
    weapon.images = {top, topLow};
    tdr::ThreatObject organic;
    organic.id = 2;
    organic.category = "CONTRABAND";
    organic.assessmentFlag = "THREAT";
    organic.description = "narcotics";
    organic.boundingPolygon = {{1000.125, 50.5}, {1200.0, 75.0}, {1100.5, 400.25}};
    organic.images = {side};
    report.threats = {weapon, organic};
    return report;
}

inline void requireSameImages(const std::vector<tdr::ImageReference>& a,
                              const std::vector<tdr::ImageReference>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].sopClassUid == b[i].sopClassUid);
        CHECK(a[i].sopInstanceUid == b[i].sopInstanceUid);
    }
}

inline void requireSamePolygon(const std::vector<tdr::Point2>& a,
                               const std::vector<tdr::Point2>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].x == b[i].x);
        CHECK(a[i].y == b[i].y);
    }
}

/// Field-by-field equality of two reports, polygons exactly.
inline void requireSameReport(const tdr::Report& a, const tdr::Report& b) {
    CHECK(a.tdrType == b.tdrType);
    CHECK(a.alarmDecision == b.alarmDecision);
    CHECK(a.alarmDecisionTime == b.alarmDecisionTime);
    CHECK(a.operatorId == b.operatorId);
    CHECK(a.operatorName == b.operatorName);
    CHECK(a.studyInstanceUid == b.studyInstanceUid);
    CHECK(a.ooiId == b.ooiId);
    CHECK(a.sopInstanceUid == b.sopInstanceUid);
    CHECK(a.seriesInstanceUid == b.seriesInstanceUid);
    CHECK(a.contentDescription == b.contentDescription);
    CHECK(a.totalProcessingTimeMs == b.totalProcessingTimeMs);
    requireSameImages(a.images, b.images);
    REQUIRE(a.threats.size() == b.threats.size());
    for (std::size_t i = 0; i < a.threats.size(); ++i) {
        INFO("PTO " << i + 1);
        CHECK(a.threats[i].id == b.threats[i].id);
        CHECK(a.threats[i].category == b.threats[i].category);
        CHECK(a.threats[i].assessmentFlag == b.threats[i].assessmentFlag);
        CHECK(a.threats[i].description == b.threats[i].description);
        requireSamePolygon(a.threats[i].boundingPolygon, b.threats[i].boundingPolygon);
        requireSameImages(a.threats[i].images, b.threats[i].images);
    }
}

// Raw implicit-VR little-endian encodings, for files no writer would produce.
inline std::string le16(std::uint16_t v) {
    return {static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)};
}
inline std::string le32(std::uint32_t v) {
    return le16(static_cast<std::uint16_t>(v & 0xFFFF)) + le16(static_cast<std::uint16_t>(v >> 16));
}
inline std::string implicitElement(std::uint16_t group, std::uint16_t element,
                                   const std::string& value) {
    return le16(group) + le16(element) + le32(static_cast<std::uint32_t>(value.size())) + value;
}
inline std::string item(const std::string& content) {
    return le16(0xFFFE) + le16(0xE000) + le32(static_cast<std::uint32_t>(content.size())) + content;
}

} // namespace prescreen::test::tdr
