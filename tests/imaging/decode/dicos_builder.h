#pragma once
// Small DICOS DX files written byte by byte (explicit VR little endian) for decoder tests.

#include "dicom_bytes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace prescreen::test {

struct DxSpec {
    std::string studyUid = "1.2.826.0.1.3680043.9.7431.7.1";
    std::string instanceUid = "1.2.826.0.1.3680043.9.7431.7.1.1";
    std::string imageType = "ORIGINAL\\HIGH ENERGY";
    int width = 4;
    int height = 3;
    int bitsAllocated = 16;
    int bitsStored = 16;
    int view = 1;
    std::vector<std::uint16_t> pixels; ///< width × height values; empty: a ramp
    std::size_t pixelBytes = 0;        ///< 0: exactly the pixels; else this many bytes (lying)
    std::string intensityRelationship; ///< Pixel Intensity Relationship (0028,1040); "": absent
    int intensitySign = 0;             ///< its sign (0028,1041); 0: absent
};

inline DicomBytes dicosDx(const DxSpec& spec) {
    const std::string sopClass = "1.2.840.10008.5.1.4.1.1.501.2.2";
    DicomBytes file(sopClass, spec.instanceUid, kExplicitVrLittleEndian);
    std::string pixels(spec.pixelBytes, '\1');
    for (int i = 0; spec.pixelBytes == 0 && i < spec.width * spec.height; ++i) {
        const auto v = spec.pixels.empty() ? static_cast<std::uint16_t>(1000 + 10 * i)
                                           : spec.pixels[static_cast<std::size_t>(i)];
        pixels += DicomBytes::uint16le(v);
    }
    const auto us = [](int v) {
        return DicomBytes::uint16le(static_cast<std::uint16_t>(v));
    };
    file.explicitShort(0x0008, 0x0008, "CS", spec.imageType)
        .explicitShort(0x0008, 0x0016, "UI", sopClass + '\0')
        .explicitShort(0x0008, 0x0018, "UI", spec.instanceUid)
        .explicitShort(0x0008, 0x0060, "CS", "DX")
        .explicitShort(0x0010, 0x0020, "LO", "OOI-0042")
        .explicitShort(0x0018, 0x0060, "DS", "160")
        .explicitShort(0x0020, 0x000D, "UI", spec.studyUid)
        .explicitShort(0x0028, 0x0002, "US", us(1))
        .explicitShort(0x0028, 0x0004, "CS", "MONOCHROME2")
        .explicitShort(0x0028, 0x0010, "US", us(spec.height))
        .explicitShort(0x0028, 0x0011, "US", us(spec.width))
        .explicitShort(0x0028, 0x0030, "DS", "0.5\\0.5")
        .explicitShort(0x0028, 0x0100, "US", us(spec.bitsAllocated))
        .explicitShort(0x0028, 0x0101, "US", us(spec.bitsStored))
        .explicitShort(0x0028, 0x0102, "US", us(spec.bitsStored - 1))
        .explicitShort(0x0028, 0x0103, "US", us(0));
    if (!spec.intensityRelationship.empty())
        file.explicitShort(0x0028, 0x1040, "CS", spec.intensityRelationship);
    if (spec.intensitySign != 0)
        file.explicitShort(0x0028, 0x1041, "SS", us(spec.intensitySign));
    file.explicitShort(0x4010, 0x1051, "LO", "ITIN-7")
        .explicitShort(0x6100, 0x0024, "US", us(spec.view))
        .explicitShort(0x7FE0, 0x0010, "OW", pixels);
    return file;
}

} // namespace prescreen::test
