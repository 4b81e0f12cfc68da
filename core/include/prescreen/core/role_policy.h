#pragma once
// The role policy: which role may do what, in one table. The workstation's services check it
// before every change, HQ's push rules check it for every record a workstation sends, and the
// workstation's shell offers the modes it allows. docs/security.md#roles explains each rule.

#include <prescreen/core/model.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace prescreen::core {

enum class Permission {
    ClaimCases,         ///< open a case of the shared queue, which assigns it to oneself
    DecideCases,        ///< decide (and correct one's own decision on) a case one holds
    AnnotateCases,      ///< mark up the scan of a case one holds (claimed or assigned)
    AnnotateForReview,  ///< marks made in the audit and training modes (HQ accepts them; the
                        ///< workstation has no such call yet)
    ReviewAllCases,     ///< see every case of the site, read-only
    AssignCases,        ///< give a case to an officer, or back to the shared queue
    OverrideDecisions,  ///< supersede another officer's decision
    RecordExaminations, ///< record what the physical examination found
    ExportAnyDecision,  ///< export a decision that is not one's own
    VerifyAudit,        ///< check the audit trail's hash chain
    ManageTraining,     ///< build training sets
    ListOfficers,       ///< see the site's officers
    ManageOfficers,     ///< add officers, (de)activate them
    UseScreeningMode,   ///< the workstation's screening mode (queue, case, decision)
    UseAuditMode,       ///< the workstation's audit mode
    UseTrainingMode,    ///< the workstation's training mode
};

struct PolicyRule {
    Permission permission;
    std::string_view name; ///< "decide-cases": for messages, logs and docs
    Roles roles;           ///< any one of these roles grants the permission
};

/// Every rule, one per Permission, in the enum's order.
std::span<const PolicyRule> rolePolicy();
const PolicyRule& policyRule(Permission permission);
/// Whether any of `roles` grants `permission`.
bool allows(Roles roles, Permission permission);
/// "officer or supervisor": the roles that grant `permission`, for refusal messages.
std::string describeRoles(Permission permission);

/// The workstation's modes, in the order of their shortcuts (Ctrl+1, Ctrl+2, Ctrl+3).
enum class Mode { Screening, Audit, Training };
inline constexpr Mode kModes[] = {Mode::Screening, Mode::Audit, Mode::Training};
/// The permission that opens a mode.
Permission modePermission(Mode mode);
/// "screening", "audit", "training" (settings keys, command-line values).
std::string_view workstationModeName(Mode mode);
std::optional<Mode> parseWorkstationMode(std::string_view name);

} // namespace prescreen::core
