#include <prescreen/core/decision_rules.h>
#include <prescreen/core/role_policy.h>

namespace prescreen::core {

std::optional<std::string> fourEyesRefusal(std::string_view overrider, std::string_view author,
                                           std::string_view who) {
    if (overrider != author)
        return std::nullopt;
    return std::string(who) +
           " made the decision being overridden: four eyes — another supervisor must override it";
}

std::optional<std::string> decisionRoleRefusal(DecisionKind kind, Roles roles,
                                               std::string_view who) {
    // The role policy decides; this only words the refusal with the decision's kind.
    const bool override = kind == DecisionKind::Override;
    if (allows(roles, override ? Permission::OverrideDecisions : Permission::DecideCases))
        return std::nullopt;
    return std::string(who) + " (" + formatRoles(roles) + ") may not make an " +
           (override ? "override: needs supervisor" : "officer's decision: needs officer") +
           " (kind " + std::string(decisionKindName(kind)) + ")";
}

} // namespace prescreen::core
