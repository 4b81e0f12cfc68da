#include "risk_ruleset.h"

#include <algorithm>
#include <cmath>

namespace prescreen::core {
namespace {

/// Whether a condition tests anything measured in the scan (a "scan." field).
bool usesScan(const risk::Condition& condition) {
    if (condition.kind != risk::Condition::Kind::Compare)
        return std::any_of(condition.children.begin(), condition.children.end(), usesScan);
    return risk::fieldCatalogue().at(condition.field).name.starts_with("scan.");
}

} // namespace

RiskAssessment RuleSet::assess(const RiskInput& input) const {
    const risk::Facts facts(input);
    RiskAssessment result;
    result.rulesVersion = impl_->version;
    // Summed in rule-file order, so the total is the same to the last bit on every run.
    double total = impl_->baseScore;
    for (const auto& rule : impl_->rules) {
        risk::Matches matches;
        if (risk::evaluate(rule.condition, facts, matches) != risk::Truth::True)
            continue;
        total += rule.weight;
        auto evidence = risk::render(rule.evidence, facts, matches);
        // A factor built on scan evidence says which calibration produced it.
        if (input.scan && !input.scan->calibrationProfile.empty() && usesScan(rule.condition) &&
            evidence.find(input.scan->calibrationProfile) == std::string::npos)
            evidence += " (calibration: " + input.scan->calibrationProfile + ")";
        result.factors.push_back({rule.id, rule.description, rule.weight, std::move(evidence)});
    }
    result.score = static_cast<int>(std::clamp(std::round(total), 0.0, 100.0));
    result.level = result.score >= impl_->highFrom     ? RiskLevel::High
                   : result.score >= impl_->mediumFrom ? RiskLevel::Medium
                                                       : RiskLevel::Low;
    return result;
}

} // namespace prescreen::core
