#pragma once
// An independent second opinion for JsonSchema: python3-jsonschema (Draft202012Validator with its
// format checker) run on the same schema / instance pairs. Tests that use it are skipped (exit 77)
// when python3 or its jsonschema module is absent.

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <test_support.h>
#include <vector>

namespace prescreen::test {

struct SchemaCase {
    std::string name;
    nlohmann::json schema;
    nlohmann::json instance;
};

struct PythonVerdicts {
    bool checksDateTime = false;       ///< false: its format checker lacks date-time
    std::map<std::string, bool> valid; ///< by case name
};

/// Python's verdict on every case, run in one python process.
inline PythonVerdicts pythonVerdicts(const std::vector<SchemaCase>& cases) {
    if (std::system("python3 -c 'import jsonschema' >/dev/null 2>&1") != 0) {
        std::printf("SKIPPED: python3 with the jsonschema module is absent (Debian: "
                    "python3-jsonschema)\n");
        std::fflush(stdout);
        std::_Exit(kSkipExitCode);
    }
    TempDir dir;
    nlohmann::json all = nlohmann::json::array();
    for (const auto& c : cases)
        all.push_back({{"name", c.name}, {"schema", c.schema}, {"instance", c.instance}});
    std::ofstream(dir / "cases.json", std::ios::binary) << all.dump();
    std::ofstream(dir / "check.py") << R"PY(
import json, sys
import jsonschema
checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
print("date-time", "yes" if "date-time" in checker.checkers else "no")
for case in json.load(open(sys.argv[1], encoding="utf-8")):
    validator = jsonschema.Draft202012Validator(case["schema"], format_checker=checker)
    verdict = "valid" if validator.is_valid(case["instance"]) else "invalid"
    print(verdict, case["name"])
)PY";
    const std::string command =
        "python3 " + (dir / "check.py").string() + " " + (dir / "cases.json").string();
    PythonVerdicts verdicts;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe)
        return verdicts;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe.get())) {
        std::string line(buffer);
        if (!line.empty() && line.back() == '\n')
            line.pop_back();
        if (line.rfind("date-time ", 0) == 0)
            verdicts.checksDateTime = line == "date-time yes";
        else if (line.rfind("valid ", 0) == 0)
            verdicts.valid[line.substr(6)] = true;
        else if (line.rfind("invalid ", 0) == 0)
            verdicts.valid[line.substr(8)] = false;
    }
    return verdicts;
}

} // namespace prescreen::test
