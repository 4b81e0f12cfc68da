#include <prescreen/core/text.h>
#include <prescreen/error.h>

namespace prescreen::core {
namespace {

/// Length of the well-formed UTF-8 sequence at `i`, or 0 if the bytes there are not one.
std::size_t sequenceAt(std::string_view text, std::size_t i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80)
        return 1;
    std::size_t extra = 0;
    unsigned min = 0, code = 0;
    if ((byte & 0xE0u) == 0xC0u)
        extra = 1, min = 0x80, code = byte & 0x1Fu;
    else if ((byte & 0xF0u) == 0xE0u)
        extra = 2, min = 0x800, code = byte & 0x0Fu;
    else if ((byte & 0xF8u) == 0xF0u)
        extra = 3, min = 0x10000, code = byte & 0x07u;
    else
        return 0;
    if (i + extra >= text.size())
        return 0;
    for (std::size_t k = 1; k <= extra; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0u) != 0x80u)
            return 0;
        code = (code << 6) | (next & 0x3Fu);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return 0;
    return extra + 1;
}

} // namespace

std::size_t firstInvalidUtf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto length = sequenceAt(text, i);
        if (length == 0)
            return i;
        i += length;
    }
    return std::string_view::npos;
}

void requireText(std::string_view text, std::string_view field) {
    if (const auto bad = firstInvalidUtf8(text); bad != std::string_view::npos)
        throw Error(ErrorCode::InvalidArgument,
                    std::string(field) + " is not valid UTF-8 (byte " + std::to_string(bad) + ")");
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        throw Error(ErrorCode::InvalidArgument, std::string(field) +
                                                    " contains a NUL character (byte " +
                                                    std::to_string(nul) + ")");
}

std::string quotable(std::string_view text, std::size_t maxBytes) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto length = sequenceAt(text, i);
        const std::string_view piece = length == 0 ? "\xEF\xBF\xBD" : text.substr(i, length);
        if (out.size() + piece.size() > maxBytes)
            break;
        out += piece;
        i += length == 0 ? 1 : length;
    }
    return out;
}

} // namespace prescreen::core
