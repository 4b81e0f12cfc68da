#include "../args.h"
#include "../commands.h"
#include "../site.h"

#include <ostream>

namespace prescreen::cli {

int auditCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
    const Args parsed(args, {"--db", "--after", "--limit"}, {});
    parsed.expectPositionals(1, 1, "one action: verify or list");
    const auto& action = parsed.positionals().front();
    Site site(parsed);
    core::AuditLog log(site.store.connection(), core::systemClock());
    if (action == "verify") {
        // Read-only: checking the chain must not add to it.
        const auto report = log.verify();
        for (const auto& problem : report.problems)
            err << "event " << problem.seq << ": " << problem.message << '\n';
        out << report.eventsChecked << " event(s) checked: "
            << (report.ok() ? "the chain verifies"
                            : std::to_string(report.problems.size()) + " problem(s)")
            << '\n';
        return report.ok() ? 0 : 1;
    }
    if (action == "list") {
        const auto after = parsed.integer("--after", 0);
        const auto limit = parsed.integer("--limit", 100);
        if (limit <= 0 || limit > 100000)
            throw UsageError("--limit must be 1 to 100000");
        for (const auto& event : log.events(after, static_cast<int>(limit)))
            out << event.seq << '\t' << event.at << '\t'
                << (event.actor.empty() ? "(workstation)" : event.actor) << '\t' << event.action
                << '\t' << event.subject << '\t' << event.details << '\n';
        return 0;
    }
    throw UsageError("unknown audit action '" + action + "' (verify or list)");
}

} // namespace prescreen::cli
