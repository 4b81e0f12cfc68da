#pragma once
// Text that enters the system from outside (command lines, files, the network) is checked at the
// edge: well-formed UTF-8 and no NUL character, else an error that names the field and the byte.
// SQLite stores what it is given and nlohmann-json throws (type_error 316) on serialising invalid
// UTF-8, so a bad byte let in would fail later, far from where it came in.

#include <cstddef>
#include <string>
#include <string_view>

namespace prescreen::core {

/// Byte offset of the first byte that does not start a well-formed UTF-8 sequence (overlong
/// forms, surrogates and code points past U+10FFFF are ill-formed); npos when all is well.
std::size_t firstInvalidUtf8(std::string_view text);
inline bool isUtf8(std::string_view text) {
    return firstInvalidUtf8(text) == std::string_view::npos;
}

/// Throws prescreen::Error (InvalidArgument) "FIELD is not valid UTF-8 (byte N)" or "FIELD
/// contains a NUL character (byte N)"; `field` names what the user gave, e.g. "--comment".
void requireText(std::string_view text, std::string_view field);

/// At most `maxBytes` of `text`, cut before a UTF-8 sequence rather than inside one and with any
/// ill-formed byte replaced by U+FFFD: safe to quote in a message or a JSON document.
std::string quotable(std::string_view text, std::size_t maxBytes);

} // namespace prescreen::core
