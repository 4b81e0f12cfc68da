#pragma once
// What a loaded rules file is, shared by the loader (risk_rules.cpp) and the engine
// (risk_engine.cpp).

#include "risk_condition.h"
#include "risk_template.h"

#include <prescreen/core/risk.h>

#include <string>
#include <vector>

namespace prescreen::core {

namespace risk {

struct Rule {
    std::string id;
    std::string description;
    Condition condition;
    double weight = 0; ///< points, may be negative
    Template evidence;
};

} // namespace risk

struct RuleSet::Impl {
    std::string version;
    double baseScore = 0;
    int mediumFrom = 0;            ///< a score at or above this is medium
    int highFrom = 0;              ///< a score at or above this is high
    std::vector<risk::Rule> rules; ///< in file order
};

} // namespace prescreen::core
