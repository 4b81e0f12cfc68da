#include "dicom_bytes.h"

#include <fstream>
#include <stdexcept>

namespace prescreen::test {
namespace {

std::string padEven(std::string value, char pad) {
    if (value.size() % 2 != 0)
        value += pad;
    return value;
}

std::string explicitElement(std::uint16_t group, std::uint16_t element, const std::string& vr,
                            const std::string& value) {
    std::string out = DicomBytes::uint16le(group) + DicomBytes::uint16le(element) + vr;
    if (vr == "OB" || vr == "OW" || vr == "SQ" || vr == "UN" || vr == "UT")
        out +=
            std::string(2, '\0') + DicomBytes::uint32le(static_cast<std::uint32_t>(value.size()));
    else
        out += DicomBytes::uint16le(static_cast<std::uint16_t>(value.size()));
    return out + value;
}

} // namespace

std::string DicomBytes::uint16le(std::uint16_t value) {
    return {static_cast<char>(value & 0xFF), static_cast<char>(value >> 8)};
}

std::string DicomBytes::uint32le(std::uint32_t value) {
    return uint16le(static_cast<std::uint16_t>(value & 0xFFFF)) +
           uint16le(static_cast<std::uint16_t>(value >> 16));
}

DicomBytes::DicomBytes(const std::string& sopClassUid, const std::string& sopInstanceUid,
                       const std::string& transferSyntaxUid) {
    std::string meta;
    meta += explicitElement(0x0002, 0x0001, "OB", std::string("\0\1", 2));
    meta += explicitElement(0x0002, 0x0002, "UI", padEven(sopClassUid, '\0'));
    meta += explicitElement(0x0002, 0x0003, "UI", padEven(sopInstanceUid, '\0'));
    meta += explicitElement(0x0002, 0x0010, "UI", padEven(transferSyntaxUid, '\0'));
    bytes_ = std::string(128, '\0') + "DICM";
    bytes_ +=
        explicitElement(0x0002, 0x0000, "UL", uint32le(static_cast<std::uint32_t>(meta.size())));
    bytes_ += meta;
}

DicomBytes& DicomBytes::implicit(std::uint16_t group, std::uint16_t element, std::string value) {
    value = padEven(std::move(value), ' ');
    bytes_ += uint16le(group) + uint16le(element) +
              uint32le(static_cast<std::uint32_t>(value.size())) + value;
    return *this;
}

DicomBytes& DicomBytes::explicitShort(std::uint16_t group, std::uint16_t element, const char* vr,
                                      std::string value) {
    bytes_ += explicitElement(group, element, vr, padEven(std::move(value), ' '));
    return *this;
}

DicomBytes& DicomBytes::raw(const std::string& bytes) {
    bytes_ += bytes;
    return *this;
}

void DicomBytes::write(const std::filesystem::path& file) const {
    std::ofstream out(file, std::ios::binary);
    out.write(bytes_.data(), static_cast<std::streamsize>(bytes_.size()));
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

} // namespace prescreen::test
