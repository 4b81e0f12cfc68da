#include "../args.h"
#include "../commands.h"
#include "../site.h"

#include <prescreen/error.h>

#include <cstdio>
#include <ostream>
#include <set>

namespace prescreen::cli {
namespace {

// "1,3" -> {1, 3}.
std::vector<int> ptoIds(const std::string& text, const char* option) {
    std::vector<int> ids;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const std::string item =
            text.substr(start, comma == std::string::npos ? comma : comma - start);
        std::size_t used = 0;
        int value = -1;
        try {
            value = std::stoi(item, &used);
        } catch (const std::exception&) {
        }
        if (item.empty() || used != item.size() || value < 0 || value > 65535)
            throw UsageError(std::string(option) + " '" + text +
                             "' is not a list of object ids (0 to 65535, comma-separated)");
        ids.push_back(value);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return ids;
}

void print(const core::MachineAlarm& alarm, std::ostream& out) {
    char probability[32] = "-";
    if (alarm.probability)
        std::snprintf(probability, sizeof probability, "%.2f", *alarm.probability);
    out << "  object " << alarm.ptoId << "  " << alarm.category << "  " << alarm.assessmentFlag
        << "  probability " << probability << "  outline";
    for (const auto& p : alarm.outline)
        out << " (" << p.x << "," << p.y << ")";
    out << "  verdict "
        << (alarm.verdict ? std::string(core::alarmVerdictName(*alarm.verdict)) : "none") << '\n';
}

} // namespace

int alarmsCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {"--db", "--officer", "--confirm", "--dismiss", "--report"}, {});
    parsed.expectPositionals(1, 1, "exactly one CASE (id or cargo control number)");
    const auto confirm = parsed.value("--confirm");
    const auto dismiss = parsed.value("--dismiss");
    const bool judging = confirm || dismiss;
    const auto badge = parsed.value("--officer");
    if (judging && !badge)
        throw UsageError("--officer BADGE is required to confirm or dismiss (password from "
                         "PRESCREEN_PASSWORD or stdin)");

    Site site(parsed);
    const auto caseId = resolveCase(site.store, parsed.positionals().front());
    std::optional<core::Session> session;
    if (badge)
        session = signIn(site.service, *badge);
    auto detail = session ? (judging ? site.service.openCase(*session, caseId)
                                     : site.service.caseDetail(*session, caseId))
                          : site.service.siteCaseDetail(caseId);
    if (judging) {
        std::set<std::string> reports;
        for (const auto& alarm : detail.machineAlarms)
            reports.insert(alarm.tdrSopInstanceUid);
        const auto report = parsed.value("--report");
        if (!report && reports.size() > 1)
            throw UsageError("the case has " + std::to_string(reports.size()) +
                             " scanner reports: say which with --report UID");
        if (reports.empty())
            throw Error(ErrorCode::NotFound, "case " + detail.summary.cargoControlNumber +
                                                 " has no scanner (MACHINE) report");
        const std::string uid = report ? *report : *reports.begin();
        for (const auto& [option, verdict] : {std::pair{confirm, core::AlarmVerdict::Confirmed},
                                              std::pair{dismiss, core::AlarmVerdict::Dismissed}}) {
            if (!option)
                continue;
            for (const int id :
                 ptoIds(*option,
                        verdict == core::AlarmVerdict::Confirmed ? "--confirm" : "--dismiss")) {
                // Printed after each verdict has committed.
                const auto judged =
                    site.service.judgeMachineAlarm(*session, caseId, uid, id, verdict);
                out << core::alarmVerdictName(verdict) << " scanner object " << judged.ptoId << " ("
                    << judged.category << ") of report " << uid << '\n';
            }
        }
        detail = site.service.caseDetail(*session, caseId);
    }
    out << "case " << detail.summary.cargoControlNumber << ": " << detail.machineAlarms.size()
        << " scanner object(s)\n";
    std::string report;
    for (const auto& alarm : detail.machineAlarms) {
        if (alarm.tdrSopInstanceUid != report) {
            report = alarm.tdrSopInstanceUid;
            out << "report " << report << " by " << alarm.algorithm << '\n';
        }
        print(alarm, out);
    }
    return 0;
}

} // namespace prescreen::cli
