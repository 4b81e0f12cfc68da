#include "../args.h"
#include "../commands.h"

#include <prescreen/core/demo_site.h>

#include <ostream>

namespace prescreen::cli {

int demoSiteCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
    const Args parsed(args, {"--cases", "--seed"}, {"--fast-passwords"});
    parsed.expectPositionals(1, 1, "exactly one DIR (the new site's data folder)");
    core::DemoSiteOptions options;
    options.cases = static_cast<int>(parsed.integer("--cases", options.cases));
    const auto seed = parsed.integer("--seed", 1);
    if (seed < 0)
        throw UsageError("--seed must not be negative");
    options.seed = static_cast<unsigned long>(seed);
    options.fastPasswords = parsed.has("--fast-passwords");
    const auto report = core::buildDemoSite(parsed.positionals().front(), options);
    for (const auto& problem : report.problems)
        err << "error: " << problem << '\n';
    out << "demo site " << report.database.string() << ": " << report.casesCreated
        << " case(s), risk high " << report.high << ", medium " << report.medium << ", low "
        << report.low << "\nOfficers (demo passwords, also in DEMO-CREDENTIALS.txt):\n";
    for (const auto& credential : report.credentials)
        out << "  " << credential.badge << "  (" << credential.roles << ")  " << credential.password
            << '\n';
    return report.problems.empty() ? 0 : 1;
}

} // namespace prescreen::cli
