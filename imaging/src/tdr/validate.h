#pragma once
// The checks a Report must pass before it is written, so that every file Prescreen writes is a
// valid DICOS TDR whose values read back unchanged (no value split at a backslash, no string
// longer than its VR allows, no coordinate a 32-bit float cannot hold).

#include <prescreen/imaging/tdr/tdr.h>

#include <string_view>

namespace prescreen::imaging::tdr {

/// Throws prescreen::Error (InvalidArgument) naming the first field that is not writable.
void validateForWriting(const Report& report);

/// True for a DICOM DT of at least second precision: "YYYYMMDDHHMMSS[.F{1,6}][+-ZZXX]".
bool isDateTimeToSecond(std::string_view text);

} // namespace prescreen::imaging::tdr
