#include <prescreen/core/role_policy.h>
#include <prescreen/error.h>

#include <array>
#include <string>

namespace prescreen::core {
namespace {

constexpr Roles kOfficer = Role::Officer;
constexpr Roles kSupervisor = Role::Supervisor;
constexpr Roles kTrainer = Role::Trainer;
constexpr Roles kAdmin = Role::Admin;

// THE table. Change a rule here and the workstation, HQ and the shell follow; test_role_policy
// walks it against the services and HQ's push rules.
constexpr std::array kRules{
    PolicyRule{Permission::ClaimCases, "claim-cases", kOfficer},
    PolicyRule{Permission::DecideCases, "decide-cases", kOfficer},
    PolicyRule{Permission::AnnotateCases, "annotate-cases", kOfficer},
    PolicyRule{Permission::AnnotateForReview, "annotate-for-review", kSupervisor | kTrainer},
    PolicyRule{Permission::ReviewAllCases, "review-all-cases", kSupervisor | kTrainer | kAdmin},
    PolicyRule{Permission::AssignCases, "assign-cases", kSupervisor},
    PolicyRule{Permission::OverrideDecisions, "override-decisions", kSupervisor},
    PolicyRule{Permission::RecordExaminations, "record-examinations", kSupervisor},
    PolicyRule{Permission::ExportAnyDecision, "export-any-decision", kSupervisor},
    PolicyRule{Permission::VerifyAudit, "verify-audit", kSupervisor | kAdmin},
    PolicyRule{Permission::ManageTraining, "manage-training", kTrainer},
    PolicyRule{Permission::ListOfficers, "list-officers", kSupervisor | kAdmin},
    PolicyRule{Permission::ManageOfficers, "manage-officers", kAdmin},
    // A supervisor keeps the screening mode: it is where they review cases read-only and
    // assign them, until the audit mode takes that over.
    PolicyRule{Permission::UseScreeningMode, "use-screening-mode", kOfficer | kSupervisor},
    PolicyRule{Permission::UseAuditMode, "use-audit-mode", kSupervisor},
    PolicyRule{Permission::UseTrainingMode, "use-training-mode", kTrainer},
};

constexpr bool inEnumOrder() {
    for (std::size_t i = 0; i < kRules.size(); ++i)
        if (static_cast<std::size_t>(kRules[i].permission) != i)
            return false;
    return true;
}
static_assert(inEnumOrder(), "one rule per Permission, in the enum's order");

} // namespace

std::span<const PolicyRule> rolePolicy() {
    return kRules;
}

const PolicyRule& policyRule(Permission permission) {
    const auto index = static_cast<std::size_t>(permission);
    if (index >= kRules.size())
        throw Error(ErrorCode::InvalidArgument,
                    "role policy: no rule for permission " + std::to_string(index));
    return kRules[index];
}

bool allows(Roles roles, Permission permission) {
    return (roles.bits() & policyRule(permission).roles.bits()) != 0;
}

std::string describeRoles(Permission permission) {
    const Roles roles = policyRule(permission).roles;
    std::string text;
    const Role order[] = {Role::Officer, Role::Supervisor, Role::Trainer, Role::Admin};
    int count = 0;
    for (Role role : order)
        if (roles.has(role))
            ++count;
    int written = 0;
    for (Role role : order) {
        if (!roles.has(role))
            continue;
        if (written > 0)
            text += written + 1 == count ? " or " : ", ";
        text += roleName(role);
        ++written;
    }
    return text;
}

Permission modePermission(Mode mode) {
    switch (mode) {
    case Mode::Screening:
        return Permission::UseScreeningMode;
    case Mode::Audit:
        return Permission::UseAuditMode;
    case Mode::Training:
        return Permission::UseTrainingMode;
    }
    throw Error(ErrorCode::InvalidArgument, "role policy: unknown mode");
}

std::string_view workstationModeName(Mode mode) {
    switch (mode) {
    case Mode::Screening:
        return "screening";
    case Mode::Audit:
        return "audit";
    case Mode::Training:
        return "training";
    }
    return "unknown";
}

std::optional<Mode> parseWorkstationMode(std::string_view name) {
    for (Mode mode : kModes)
        if (workstationModeName(mode) == name)
            return mode;
    return std::nullopt;
}

} // namespace prescreen::core
