#include <prescreen/core/store.h>

namespace prescreen::core {

// Append new steps at the end; never change a released one (tests migrate from every version).
const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps = {
        {1, "workstation settings",
         R"SQL(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
)SQL"},
    };
    return steps;
}

} // namespace prescreen::core
