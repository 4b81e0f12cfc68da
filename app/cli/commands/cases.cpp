#include "../args.h"
#include "../commands.h"
#include "../site.h"

#include <prescreen/core/model_json.h>

#include <iomanip>
#include <ostream>

namespace prescreen::cli {
namespace {

core::CaseQuery queryFrom(const Args& parsed) {
    core::CaseQuery query;
    if (const auto status = parsed.value("--status")) {
        const auto value = core::parseCaseStatus(*status);
        if (!value)
            throw UsageError("--status '" + *status + "' is not queued, open or decided");
        query.statuses = {*value};
    }
    if (const auto level = parsed.value("--min-level")) {
        const auto value = core::parseRiskLevel(*level);
        if (!value)
            throw UsageError("--min-level '" + *level + "' is not low, medium or high");
        query.minimumLevel = value;
    }
    if (const auto mode = parsed.value("--mode")) {
        const auto value = core::parseMode(*mode);
        if (!value)
            throw UsageError("--mode '" + *mode + "' is not courier, air, rail, truck or marine");
        query.mode = value;
    }
    const auto sort = parsed.value("--sort", "risk");
    if (sort == "risk")
        query.sort = core::CaseQuery::Sort::RiskDescending;
    else if (sort == "oldest")
        query.sort = core::CaseQuery::Sort::OldestFirst;
    else if (sort == "newest")
        query.sort = core::CaseQuery::Sort::NewestFirst;
    else if (sort == "ccn")
        query.sort = core::CaseQuery::Sort::CargoControlNumber;
    else
        throw UsageError("--sort '" + sort + "' is not risk, oldest, newest or ccn");
    query.limit = static_cast<int>(parsed.integer("--limit", 0));
    return query;
}

} // namespace

int casesCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(
        args, {"--db", "--status", "--min-level", "--mode", "--sort", "--limit", "--officer"},
        {"--json"});
    parsed.expectPositionals(0, 0, "no positional arguments");
    Site site(parsed);
    const auto query = queryFrom(parsed);
    // With --officer the list is what that officer's queue shows; without, the site's view.
    const auto cases =
        parsed.has("--officer")
            ? site.service.queue(signIn(site.service, *parsed.value("--officer")), query)
            : site.service.siteQueue(query);
    if (parsed.has("--json")) {
        auto array = nlohmann::json::array();
        for (const auto& item : cases)
            array.push_back(core::toJson(item));
        out << array.dump(2) << '\n';
        return 0;
    }
    out << std::left << std::setw(38) << "CASE" << std::setw(24) << "CARGO CONTROL NUMBER"
        << std::setw(9) << "MODE" << std::setw(7) << "ORIGIN" << std::setw(9) << "STATUS"
        << "RISK\n";
    for (const auto& item : cases) {
        out << std::setw(38) << item.id << std::setw(24) << item.cargoControlNumber << std::setw(9)
            << core::modeName(item.mode) << std::setw(7) << item.origin << std::setw(9)
            << core::caseStatusName(item.status);
        if (item.risk)
            out << item.risk->score << ' ' << core::riskLevelName(item.risk->level);
        else
            out << '-';
        out << '\n';
    }
    out << cases.size() << " case(s)\n";
    return 0;
}

} // namespace prescreen::cli
