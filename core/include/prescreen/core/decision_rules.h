#pragma once
// Who may make which kind of decision: small rules shared by the workstation's Service and HQ's
// push checks, so both refuse the same things with the same words (docs/security.md#four-eyes).
// Each returns why it refuses, or nullopt when the rule allows it.

#include <prescreen/core/model.h>

#include <optional>
#include <string>
#include <string_view>

namespace prescreen::core {

/// Four eyes: nobody overrides a decision they made themselves, whatever roles they hold.
/// `overrider` and `author` name people the same way (officer ids on the workstation, badges at
/// HQ); `who` is how the message names the overrider.
std::optional<std::string> fourEyesRefusal(std::string_view overrider, std::string_view author,
                                           std::string_view who);

/// The role a decision of `kind` needs: initial and correction an officer, override a supervisor.
std::optional<std::string> decisionRoleRefusal(DecisionKind kind, Roles roles,
                                               std::string_view who);

} // namespace prescreen::core
