#include <prescreen/error.h>

namespace prescreen {

const char* errorCodeName(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::InvalidArgument:
        return "invalid-argument";
    case ErrorCode::NotFound:
        return "not-found";
    case ErrorCode::Io:
        return "io";
    case ErrorCode::BadFormat:
        return "bad-format";
    case ErrorCode::Unsupported:
        return "unsupported";
    case ErrorCode::Database:
        return "database";
    case ErrorCode::PermissionDenied:
        return "permission-denied";
    case ErrorCode::AuthenticationFailed:
        return "authentication-failed";
    case ErrorCode::Conflict:
        return "conflict";
    case ErrorCode::Network:
        return "network";
    case ErrorCode::Internal:
        return "internal";
    }
    return "unknown";
}

Error::Error(ErrorCode code, const std::string& message)
    : std::runtime_error(message), code_(code) {}

} // namespace prescreen
