#pragma once
// Builds DICOM Part 10 files byte by byte for tests, independent of DCMTK and of any dictionary:
// what a test writes here is exactly what is on disk, broken on purpose or not.

#include <cstdint>
#include <filesystem>
#include <string>

namespace prescreen::test {

inline constexpr const char* kImplicitVrLittleEndian = "1.2.840.10008.1.2";
inline constexpr const char* kExplicitVrLittleEndian = "1.2.840.10008.1.2.1";
inline constexpr const char* kDicosDxForPresentation = "1.2.840.10008.5.1.4.1.1.501.2.1";

class DicomBytes {
public:
    /// Starts a file with preamble, "DICM" and a meta header naming the SOP class, instance and
    /// transfer syntax; the data set that follows is encoded by the add* calls.
    DicomBytes(const std::string& sopClassUid, const std::string& sopInstanceUid,
               const std::string& transferSyntaxUid);

    /// Implicit VR little endian element: tag, 32-bit length, value (padded to even length).
    DicomBytes& implicit(std::uint16_t group, std::uint16_t element, std::string value);
    /// Explicit VR little endian element with a 16-bit length (short VRs).
    DicomBytes& explicitShort(std::uint16_t group, std::uint16_t element, const char* vr,
                              std::string value);
    /// Raw bytes appended as they are (for broken files).
    DicomBytes& raw(const std::string& bytes);

    static std::string uint16le(std::uint16_t value);
    static std::string uint32le(std::uint32_t value);

    const std::string& bytes() const { return bytes_; }
    void write(const std::filesystem::path& file) const;

private:
    std::string bytes_;
};

} // namespace prescreen::test
