#include <prescreen/core/model.h>
#include <prescreen/error.h>

#include <algorithm>
#include <array>
#include <utility>

namespace prescreen::core {
namespace {

// One table per enum: the stored / printed name of each value, in declaration order.
template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [candidate, name] : table)
        if (candidate == value)
            return name;
    return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const std::array<std::pair<Enum, std::string_view>, N>& table,
                          std::string_view name) {
    for (const auto& [value, candidate] : table)
        if (candidate == name)
            return value;
    return std::nullopt;
}

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoles{{
    {Role::Officer, "officer"},
    {Role::Supervisor, "supervisor"},
    {Role::Trainer, "trainer"},
    {Role::Admin, "admin"},
}};

constexpr std::array<std::pair<TransportMode, std::string_view>, 5> kModes{{
    {TransportMode::Courier, "courier"},
    {TransportMode::Air, "air"},
    {TransportMode::Rail, "rail"},
    {TransportMode::Truck, "truck"},
    {TransportMode::Marine, "marine"},
}};

constexpr std::array<std::pair<RiskLevel, std::string_view>, 3> kLevels{{
    {RiskLevel::Low, "low"},
    {RiskLevel::Medium, "medium"},
    {RiskLevel::High, "high"},
}};

constexpr std::array<std::pair<CaseStatus, std::string_view>, 3> kStatuses{{
    {CaseStatus::Queued, "queued"},
    {CaseStatus::Open, "open"},
    {CaseStatus::Decided, "decided"},
}};

constexpr std::array<std::pair<Shape, std::string_view>, 3> kShapes{{
    {Shape::Rectangle, "rectangle"},
    {Shape::Ellipse, "ellipse"},
    {Shape::Polygon, "polygon"},
}};

constexpr std::array<std::pair<Outcome, std::string_view>, 2> kOutcomes{{
    {Outcome::Release, "release"},
    {Outcome::Refer, "refer"},
}};

constexpr std::array<std::pair<DecisionKind, std::string_view>, 3> kKinds{{
    {DecisionKind::Initial, "initial"},
    {DecisionKind::Correction, "correction"},
    {DecisionKind::Override, "override"},
}};

constexpr std::array<std::pair<ExaminationOutcome, std::string_view>, 3> kExaminations{{
    {ExaminationOutcome::NoDiscrepancy, "no_discrepancy"},
    {ExaminationOutcome::Discrepancy, "discrepancy"},
    {ExaminationOutcome::Seizure, "seizure"},
}};

} // namespace

std::string_view roleName(Role role) {
    return nameOf(kRoles, role);
}
std::optional<Role> parseRole(std::string_view name) {
    return parse(kRoles, name);
}

std::string formatRoles(Roles roles) {
    std::string text;
    for (const auto& [role, name] : kRoles) {
        if (!roles.has(role))
            continue;
        if (!text.empty())
            text += ',';
        text += name;
    }
    return text;
}

Roles parseRoles(std::string_view list) {
    Roles roles;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto item = list.substr(0, comma);
        const auto role = parseRole(item);
        if (!role)
            throw Error(ErrorCode::InvalidArgument,
                        "unknown role \"" + std::string(item) +
                            "\" (expected officer, supervisor, trainer or admin)");
        roles = roles | *role;
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    return roles;
}

std::string_view modeName(TransportMode mode) {
    return nameOf(kModes, mode);
}
std::optional<TransportMode> parseMode(std::string_view name) {
    return parse(kModes, name);
}

double Manifest::declaredWeightKg() const {
    double total = 0;
    for (const auto& line : lines)
        total += line.weightKg;
    return total;
}

double Manifest::declaredValue() const {
    double total = 0;
    for (const auto& line : lines)
        total += line.value;
    return total;
}

std::string_view riskLevelName(RiskLevel level) {
    return nameOf(kLevels, level);
}
std::optional<RiskLevel> parseRiskLevel(std::string_view name) {
    return parse(kLevels, name);
}

std::string_view caseStatusName(CaseStatus status) {
    return nameOf(kStatuses, status);
}
std::optional<CaseStatus> parseCaseStatus(std::string_view name) {
    return parse(kStatuses, name);
}

std::string_view shapeName(Shape shape) {
    return nameOf(kShapes, shape);
}
std::optional<Shape> parseShape(std::string_view name) {
    return parse(kShapes, name);
}

const std::vector<std::string>& annotationCategories() {
    static const std::vector<std::string> categories = {
        "weapon",  "explosive",        "narcotics",   "pharmaceutical", "currency", "tobacco",
        "alcohol", "undeclared_goods", "concealment", "electronics",    "anomaly",  "other",
    };
    return categories;
}

bool isAnnotationCategory(std::string_view category) {
    const auto& all = annotationCategories();
    return std::find(all.begin(), all.end(), category) != all.end();
}

std::string_view outcomeName(Outcome outcome) {
    return nameOf(kOutcomes, outcome);
}
std::optional<Outcome> parseOutcome(std::string_view name) {
    return parse(kOutcomes, name);
}

std::string_view decisionKindName(DecisionKind kind) {
    return nameOf(kKinds, kind);
}
std::optional<DecisionKind> parseDecisionKind(std::string_view name) {
    return parse(kKinds, name);
}

const std::vector<std::string>& referReasonCodes() {
    static const std::vector<std::string> codes = {
        "manifest_mismatch",     "weight_discrepancy",
        "concealment_suspected", "dense_region",
        "prohibited_item",       "undeclared_goods",
        "high_risk_score",       "intelligence",
        "random_examination",    "other",
    };
    return codes;
}

const std::vector<std::string>& releaseReasonCodes() {
    static const std::vector<std::string> codes = {
        "consistent_with_manifest", "low_risk", "trusted_trader", "explained_anomaly", "other",
    };
    return codes;
}

std::string_view examinationOutcomeName(ExaminationOutcome outcome) {
    return nameOf(kExaminations, outcome);
}
std::optional<ExaminationOutcome> parseExaminationOutcome(std::string_view name) {
    return parse(kExaminations, name);
}

} // namespace prescreen::core
