#pragma once
// What a Prescreen TDR holds, shared by the writer and the reader: the attributes DCMTK has no
// constant for, the defined terms we accept and the bounds we enforce on hostile input.

#include <dcmtk/dcmdata/dctagkey.h>

#include <array>
#include <cstddef>
#include <string_view>

namespace prescreen::imaging::tdr::schema {

inline constexpr const char* kTdrSopClassUid = "1.2.840.10008.5.1.4.1.1.501.3";

// Per-PTO processing times (DICOS V03): named by resources/dicos.dic, not by DCMTK 3.6.7.
inline const DcmTagKey kPtoProcessingStartTime(0x4010, 0x1080);
inline const DcmTagKey kPtoProcessingEndTime(0x4010, 0x1081);
inline const DcmTagKey kPtoTotalProcessingTime(0x4010, 0x1082);

inline constexpr std::array<std::string_view, 7> kThreatCategories = {
    "EXPLOSIVE", "PI", "CONTRABAND", "ANOMALY", "LAPTOP", "OTHER", "PHARMACEUTICAL"};
inline constexpr std::array<std::string_view, 4> kAssessmentFlags = {"HIGH_THREAT", "THREAT",
                                                                     "NO_THREAT", "UNKNOWN"};
inline constexpr std::array<std::string_view, 3> kAlarmDecisions = {"ALARM", "CLEAR", "UNKNOWN"};
/// TDR types Prescreen writes: an officer's decision, a trainer's answer key, and (for test
/// fixtures and scanner simulators) a machine's report.
inline constexpr std::array<std::string_view, 3> kWritableTdrTypes = {"OPERATOR", "GROUND TRUTH",
                                                                      "MACHINE"};

// Bounds on what we write and what we accept when reading.
inline constexpr std::size_t kMaxThreats = 10000;
inline constexpr std::size_t kMaxPolygonVertices = 100000; ///< read (implicit VR has room)
/// Written: explicit VR gives FL a 16-bit length, 65534 bytes = 5461 (x, y, z) triplets.
inline constexpr std::size_t kMaxWrittenPolygonVertices = 5461;
inline constexpr std::size_t kMaxImageReferences = 10000; ///< per PTO, and for the report
inline constexpr std::size_t kMaxFileBytes = 64u << 20;
inline constexpr std::size_t kMaxLongTextChars = 10240; ///< LT

template <std::size_t N>
bool isOneOf(const std::array<std::string_view, N>& terms, std::string_view value) {
    for (const auto term : terms)
        if (term == value)
            return true;
    return false;
}

} // namespace prescreen::imaging::tdr::schema
