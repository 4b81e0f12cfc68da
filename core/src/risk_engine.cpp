#include "risk_ruleset.h"

#include <algorithm>
#include <cmath>

namespace prescreen::core {

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
        result.factors.push_back(
            {rule.id, rule.description, rule.weight, risk::render(rule.evidence, facts, matches)});
    }
    result.score = static_cast<int>(std::clamp(std::round(total), 0.0, 100.0));
    result.level = result.score >= impl_->highFrom     ? RiskLevel::High
                   : result.score >= impl_->mediumFrom ? RiskLevel::Medium
                                                       : RiskLevel::Low;
    return result;
}

} // namespace prescreen::core
