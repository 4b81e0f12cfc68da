#include "../args.h"
#include "../commands.h"
#include "../site.h"

#include <prescreen/core/model_json.h>
#include <prescreen/error.h>

#include <iomanip>
#include <ostream>

namespace prescreen::cli {
namespace {

int addOfficer(const Args& parsed, std::ostream& out) {
    parsed.expectPositionals(2, 2, "officer add BADGE");
    const auto name = parsed.value("--name");
    const auto roles = parsed.value("--roles");
    if (!name || !roles)
        throw UsageError("officer add needs --name NAME and --roles ROLE[,ROLE]");
    Site site(parsed);
    core::NewOfficer request{parsed.positionals()[1], *name, core::parseRoles(*roles), ""};
    if (site.service.officerCount() == 0) {
        // An empty site: the first officer is its administrator, added without a sign-in.
        request.password = readPassword("PRESCREEN_NEW_PASSWORD", request.badge);
        const auto officer = site.service.bootstrapAdmin(request);
        out << "added " << officer.badge << " (" << core::formatRoles(officer.roles)
            << "), the site's first administrator\n";
        return 0;
    }
    const auto admin = parsed.value("--admin");
    if (!admin)
        throw UsageError("--admin BADGE is required: an administrator adds officers "
                         "(their password from PRESCREEN_PASSWORD or stdin)");
    const auto session = signIn(site.service, *admin);
    request.password = readPassword("PRESCREEN_NEW_PASSWORD", request.badge);
    const auto officer = site.service.addOfficer(session, request);
    out << "added " << officer.badge << " (" << core::formatRoles(officer.roles) << ")\n";
    return 0;
}

int listOfficers(const Args& parsed, std::ostream& out) {
    parsed.expectPositionals(1, 1, "officer list");
    Site site(parsed);
    auto query = site.store.connection().prepare(
        "SELECT badge, name, roles, active FROM officers ORDER BY badge");
    auto array = nlohmann::json::array();
    std::vector<core::Officer> officers;
    while (query.step())
        officers.push_back({"", query.columnText(0), query.columnText(1),
                            core::Roles::fromBits(static_cast<unsigned>(query.columnInt64(2))),
                            query.columnInt64(3) != 0});
    if (parsed.has("--json")) {
        for (auto& officer : officers) {
            auto value = core::toJson(officer);
            value.erase("id");
            array.push_back(std::move(value));
        }
        out << array.dump(2) << '\n';
        return 0;
    }
    for (const auto& officer : officers)
        out << std::left << std::setw(12) << officer.badge << std::setw(28) << officer.name
            << std::setw(34) << core::formatRoles(officer.roles)
            << (officer.active ? "active" : "inactive") << '\n';
    return 0;
}

} // namespace

int officerCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {"--db", "--name", "--roles", "--admin"}, {"--json"});
    if (parsed.positionals().empty())
        throw UsageError("officer add|list");
    const auto& action = parsed.positionals().front();
    if (action == "add")
        return addOfficer(parsed, out);
    if (action == "list")
        return listOfficers(parsed, out);
    throw UsageError("unknown officer action '" + action + "' (add or list)");
}

} // namespace prescreen::cli
