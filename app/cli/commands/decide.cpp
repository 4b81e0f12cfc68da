#include "../args.h"
#include "../commands.h"
#include "../site.h"

#include <ostream>

namespace prescreen::cli {
namespace {

std::vector<std::string> splitCodes(const std::string& list) {
    std::vector<std::string> codes;
    std::size_t start = 0;
    while (start <= list.size()) {
        const auto comma = list.find(',', start);
        const auto code = list.substr(start, comma - start);
        if (!code.empty())
            codes.push_back(code);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return codes;
}

} // namespace

int decideCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {"--db", "--reason", "--officer", "--comment", "--time-on-task"},
                      {"--release", "--refer", "--override"});
    parsed.expectPositionals(1, 1, "exactly one CASE (id or cargo control number)");
    if (parsed.has("--release") == parsed.has("--refer"))
        throw UsageError("give exactly one of --release and --refer");
    const auto badge = parsed.value("--officer");
    if (!badge)
        throw UsageError("--officer BADGE is required (password from PRESCREEN_PASSWORD or stdin)");
    const double seconds = parsed.number("--time-on-task", 0);
    if (seconds < 0 || seconds > 86400)
        throw UsageError("--time-on-task must be 0 to 86400 seconds");

    Site site(parsed);
    const auto session = signIn(site.service, *badge);
    core::DecisionRequest request;
    request.caseId = resolveCase(site.store, parsed.positionals().front());
    request.outcome = parsed.has("--refer") ? core::Outcome::Refer : core::Outcome::Release;
    request.reasonCodes = splitCodes(parsed.value("--reason", ""));
    request.comment = parsed.value("--comment", "");
    request.timeOnTaskMs = static_cast<std::int64_t>(seconds * 1000);
    const auto decision = parsed.has("--override") ? site.service.overrideDecision(session, request)
                                                   : site.service.decide(session, request);
    // Printed only now: decide() returns after the transaction has committed durably.
    out << "saved " << core::decisionKindName(decision.kind) << " decision " << decision.id << ": "
        << core::outcomeName(decision.outcome) << " case " << decision.caseId << " by " << *badge
        << " at " << decision.decidedAt << '\n';
    return 0;
}

} // namespace prescreen::cli
