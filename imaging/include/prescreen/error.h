#pragma once
// The one exception type of the non-UI layers (imaging and core), see docs/architecture.md.
// Unexpected failures throw prescreen::Error; expected outcomes (a file that is not DICOM, a case
// that does not exist) are values (std::optional, result structs) instead.

#include <stdexcept>
#include <string>

namespace prescreen {

enum class ErrorCode {
    InvalidArgument,      ///< a caller passed something unusable
    NotFound,             ///< a file, record or key that must exist does not
    Io,                   ///< the operating system refused a read or write
    BadFormat,            ///< input is malformed: says what and where
    Unsupported,          ///< well-formed input we cannot handle (yet)
    Database,             ///< SQLite reported an error
    PermissionDenied,     ///< the acting user's role does not allow this
    AuthenticationFailed, ///< wrong credentials, locked account
    Conflict,             ///< a concurrent change won
    Network,              ///< a peer failed or misbehaved
    Internal,             ///< a broken invariant: a bug
};

/// Stable lower-case name of a code, for messages and logs ("bad-format").
const char* errorCodeName(ErrorCode code) noexcept;

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message);

    ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

} // namespace prescreen
