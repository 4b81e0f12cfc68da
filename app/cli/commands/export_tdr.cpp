#include "../args.h"
#include "../commands.h"
#include "../site.h"

#include <prescreen/core/tdr_export.h>
#include <prescreen/error.h>

#include <ostream>

namespace prescreen::cli {

int exportTdrCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {"--db", "-o", "--output", "--officer"}, {});
    parsed.expectPositionals(1, 1, "exactly one CASE (id or cargo control number)");
    const auto output = parsed.value("-o") ? parsed.value("-o") : parsed.value("--output");
    if (!output)
        throw UsageError("-o FILE is required");

    Site site(parsed);
    const auto caseId = resolveCase(site.store, parsed.positionals().front());
    std::optional<core::Session> session;
    if (const auto badge = parsed.value("--officer"))
        session = signIn(site.service, *badge);
    const auto detail =
        session ? site.service.caseDetail(*session, caseId) : site.service.siteCaseDetail(caseId);
    if (detail.decisions.empty())
        throw Error(ErrorCode::NotFound,
                    "case " + detail.summary.cargoControlNumber + " has no decision to export yet");
    const auto& decision = detail.decisions.back(); // the one in force
    const auto officer = site.service.findOfficerById(decision.officerId);
    if (!officer)
        throw Error(ErrorCode::Database, "decision " + decision.id + " names an unknown officer");
    const auto report = core::makeTdr(
        {decision, *officer, detail.annotations, detail.scans, detail.manifest.scanLinkId},
        detail.machineAlarms);
    // Audited before the file is written: a failed write leaves an event too, never the reverse.
    if (session)
        site.service.recordExport(*session, caseId, *output);
    else
        site.service.recordSiteExport(caseId, *output);
    imaging::tdr::writeReport(report, *output);
    out << "wrote " << *output << ": OPERATOR TDR, " << report.alarmDecision << ", "
        << report.threats.size() << " potential threat object(s), operator " << officer->badge
        << '\n';
    for (const auto& pto : report.threats)
        if (pto.judges)
            out << "  scanner object " << pto.judges->ptoId << " of "
                << pto.judges->tdrSopInstanceUid << ": "
                << (pto.assessmentFlag == "NO_THREAT" ? "dismissed" : "confirmed") << '\n';
    return 0;
}

} // namespace prescreen::cli
