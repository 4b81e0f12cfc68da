// Scanner alarms: the objects of MACHINE TDRs stored with a case's scan files, and officers'
// verdicts on them (docs/tdr.md, "Scanner alarms").
#include <prescreen/core/service.h>
#include <prescreen/error.h>
#include <prescreen/imaging/tdr/tdr.h>

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <utility>

namespace prescreen::core {
namespace {

constexpr const char* kTdrSopClass = "1.2.840.10008.5.1.4.1.1.501.3";
constexpr std::array<std::string_view, 2> kVerdictNames = {"confirmed", "dismissed"};

} // namespace

std::string_view alarmVerdictName(AlarmVerdict verdict) {
    return kVerdictNames[static_cast<std::size_t>(verdict)];
}

std::optional<AlarmVerdict> parseAlarmVerdict(std::string_view name) {
    for (std::size_t i = 0; i < kVerdictNames.size(); ++i)
        if (kVerdictNames[i] == name)
            return static_cast<AlarmVerdict>(i);
    return std::nullopt;
}

std::vector<MachineAlarm> Service::loadMachineAlarms(const std::string& caseId,
                                                     const std::vector<ScanFile>& scans) {
    std::vector<MachineAlarm> alarms;
    for (const auto& file : scans) {
        if (file.sopClassUid != kTdrSopClass)
            continue;
        // A report that no longer reads (cache damage) is an error the caller reports: the
        // officer must not silently lose the scanner's alarms.
        const auto report = imaging::tdr::readReport(cache_.verifiedPath(file.sha256));
        if (report.tdrType != "MACHINE")
            continue;
        for (const auto& pto : report.threats) {
            MachineAlarm alarm;
            alarm.tdrSopInstanceUid = report.sopInstanceUid;
            alarm.algorithm = report.algorithm;
            alarm.ptoId = pto.id;
            alarm.category = pto.category;
            alarm.assessmentFlag = pto.assessmentFlag;
            alarm.description = pto.description;
            alarm.probability = pto.probability;
            for (const auto& p : pto.boundingPolygon)
                alarm.outline.push_back({p.x, p.y});
            for (const auto& image : pto.images)
                alarm.imageSopInstanceUids.push_back(image.sopInstanceUid);
            alarms.push_back(std::move(alarm));
        }
    }
    if (alarms.empty())
        return alarms;
    auto query = store_.connection().prepare(
        "SELECT tdr_uid, pto_id, verdict, officer_id, decided_at FROM machine_alarm_verdicts "
        "WHERE case_id = ?1 ORDER BY decided_at, rowid");
    query.bind(1, caseId);
    while (query.step()) {
        for (auto& alarm : alarms) {
            if (alarm.tdrSopInstanceUid != query.columnText(0) ||
                alarm.ptoId != static_cast<int>(query.columnInt64(1)))
                continue;
            alarm.verdict = parseAlarmVerdict(query.columnText(2));
            alarm.verdictOfficerId = query.columnText(3);
            alarm.verdictAt = query.columnText(4);
        }
    }
    return alarms;
}

MachineAlarm Service::judgeMachineAlarm(const Session& session, const std::string& caseId,
                                        const std::string& tdrSopInstanceUid, int ptoId,
                                        AlarmVerdict verdict) {
    if (!session.has(Role::Officer))
        throw Error(ErrorCode::PermissionDenied,
                    "only a screening officer confirms or dismisses a scanner's alarms");
    auto& db = store_.connection();
    sqlite::Transaction transaction(db);
    const auto item = loadCase(caseId);
    if (item.assignedOfficerId != session.officer().id)
        throw Error(ErrorCode::PermissionDenied, "case " + item.cargoControlNumber +
                                                     " is not assigned to " +
                                                     session.officer().badge + ": open it first");
    auto alarms = loadMachineAlarms(caseId, loadScans(caseId));
    MachineAlarm* alarm = nullptr;
    for (auto& candidate : alarms)
        if (candidate.tdrSopInstanceUid == tdrSopInstanceUid && candidate.ptoId == ptoId)
            alarm = &candidate;
    if (alarm == nullptr)
        throw Error(ErrorCode::NotFound, "case " + item.cargoControlNumber +
                                             " has no scanner object " + std::to_string(ptoId) +
                                             " in report " + tdrSopInstanceUid);
    alarm->verdict = verdict;
    alarm->verdictOfficerId = session.officer().id;
    alarm->verdictAt = now();
    db.prepare("INSERT INTO machine_alarm_verdicts(id, case_id, tdr_uid, pto_id, verdict, "
               "officer_id, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, newUuid())
        .bind(2, caseId)
        .bind(3, tdrSopInstanceUid)
        .bind(4, static_cast<std::int64_t>(ptoId))
        .bind(5, std::string(alarmVerdictName(verdict)))
        .bind(6, alarm->verdictOfficerId)
        .bind(7, alarm->verdictAt)
        .run();
    audit(session.officer().badge, "machine_alarm_verdict", caseId,
          {{"tdr", tdrSopInstanceUid},
           {"pto", ptoId},
           {"category", alarm->category},
           {"verdict", std::string(alarmVerdictName(verdict))}});
    transaction.commit();
    return *alarm;
}

} // namespace prescreen::core
