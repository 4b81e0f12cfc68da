#pragma once
// Request parsing shared by the protocol handler's translation units.

#include <prescreen/hq/protocol.h>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace prescreen::core::hq::detail {

/// The header's value (first occurrence, name compared without case); nullopt if absent.
std::optional<std::string> headerValue(const HqRequest& request, std::string_view name);

/// The push body as items, or a response refusing it (400 / 413) that says what and where.
std::variant<std::vector<PushItem>, HqResponse> parsePushBody(const std::string& body,
                                                              const ProtocolLimits& limits);

} // namespace prescreen::core::hq::detail
