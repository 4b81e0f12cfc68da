#include "../args.h"
#include "../commands.h"
#include "../site.h"

#include <prescreen/core/import.h>
#include <prescreen/error.h>
#include <prescreen/imaging/materials/profile.h>

#include <fstream>
#include <ostream>
#include <sstream>

namespace prescreen::cli {
namespace {

core::RuleSet loadRules(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::NotFound, "cannot read rules file " + file);
    std::ostringstream text;
    text << in.rdbuf();
    return core::RuleSet::parse(text.str(), file);
}

} // namespace

int importCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
    const Args parsed(args, {"--manifest", "--db", "--rules"}, {});
    const auto manifest = parsed.value("--manifest");
    if (!manifest)
        throw UsageError("--manifest FILE is required (JSON or CSV, see docs/manifest.md)");
    std::vector<std::filesystem::path> scans(parsed.positionals().begin(),
                                             parsed.positionals().end());
    std::optional<core::RuleSet> custom;
    if (const auto rules = parsed.value("--rules"))
        custom = loadRules(*rules);
    const auto& rules = custom ? *custom : core::RuleSet::builtin();

    Site site(parsed);
    const auto batch = core::readManifestFile(*manifest);
    // A site's own calibration profiles live beside its database (docs/materials.md).
    const auto profiles = imaging::materials::loadProfiles(
        std::filesystem::path(site.store.file()).parent_path() / "calibration");
    const auto report = core::importShipments(site.service, batch, scans, rules, profiles);
    for (const auto& item : report.created)
        out << "created case " << item.id << "  " << item.cargoControlNumber << "  risk "
            << (item.risk ? std::to_string(item.risk->score) + " " +
                                std::string(core::riskLevelName(item.risk->level))
                          : std::string("-"))
            << '\n';
    for (const auto& warning : report.warnings)
        err << "warning: " << warning << '\n';
    for (const auto& problem : report.problems)
        err << "error: " << problem.toString() << '\n';
    out << report.manifestsRead << " manifest record(s) read, " << report.casesCreated
        << " case(s) created, " << report.scansAttached << " scan(s) attached, "
        << report.machineReports << " scanner report(s), " << report.problems.size()
        << " error(s), rules " << rules.version() << '\n';
    return report.problems.empty() ? 0 : 1;
}

} // namespace prescreen::cli
