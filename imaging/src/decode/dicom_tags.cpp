#include "dicom_tags.h"

#include <dcmtk/dcmdata/dcelem.h>

#include <cmath>

namespace prescreen::imaging::decode {
namespace {

std::string trim(const OFString& value) {
    const std::string s = value.c_str();
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

} // namespace

std::string text(DcmItem& item, const DcmTagKey& tag, unsigned long index) {
    OFString value;
    if (item.findAndGetOFString(tag, value, index).bad())
        return {};
    return trim(value);
}

std::vector<std::string> texts(DcmItem& item, const DcmTagKey& tag) {
    std::vector<std::string> values;
    DcmElement* element = nullptr;
    if (item.findAndGetElement(tag, element).bad() || element == nullptr)
        return values;
    const unsigned long count = element->getVM();
    for (unsigned long i = 0; i < count && i < 64; ++i) {
        OFString value;
        if (element->getOFString(value, i).good())
            values.push_back(trim(value));
    }
    return values;
}

std::optional<double> number(DcmItem& item, const DcmTagKey& tag, unsigned long index, bool deep) {
    Float64 value = 0;
    if (item.findAndGetFloat64(tag, value, index, deep).good() && std::isfinite(value))
        return value;
    // Some writers put numbers in string VRs (e.g. CS, LO) or integers in US / SS.
    const std::string s = text(item, tag, index);
    if (!s.empty()) {
        char* end = nullptr;
        const double parsed = std::strtod(s.c_str(), &end);
        if (end != s.c_str() && std::isfinite(parsed))
            return parsed;
    }
    if (auto whole = integer(item, tag, index))
        return static_cast<double>(*whole);
    return std::nullopt;
}

std::vector<double> numbers(DcmItem& item, const DcmTagKey& tag, bool deep) {
    std::vector<double> values;
    DcmElement* element = nullptr;
    if (item.findAndGetElement(tag, element, deep).bad() || element == nullptr)
        return values;
    for (unsigned long i = 0; i < element->getVM() && i < 64; ++i) {
        Float64 value = 0;
        if (element->getFloat64(value, i).good() && std::isfinite(value))
            values.push_back(value);
    }
    return values;
}

std::optional<long> integer(DcmItem& item, const DcmTagKey& tag, unsigned long index) {
    Uint16 u16 = 0;
    if (item.findAndGetUint16(tag, u16, index).good())
        return u16;
    Sint16 s16 = 0;
    if (item.findAndGetSint16(tag, s16, index).good())
        return s16;
    Sint32 s32 = 0;
    if (item.findAndGetSint32(tag, s32, index).good())
        return s32;
    Uint32 u32 = 0;
    if (item.findAndGetUint32(tag, u32, index).good())
        return static_cast<long>(u32);
    Float64 f = 0;
    if (item.findAndGetFloat64(tag, f, index).good() && std::isfinite(f) && std::abs(f) < 1e15)
        return std::lround(f);
    return std::nullopt;
}

} // namespace prescreen::imaging::decode
