#pragma once
// A decision as a DICOS OPERATOR Threat Detection Report: ALARM for refer, CLEAR for release, the
// officer in Operator Identification, one potential threat object per annotation (bounding
// polygon, category), references to the scan's image instances. imaging/ writes the DICOM.

#include <prescreen/core/model.h>
#include <prescreen/imaging/tdr/tdr.h>

#include <vector>

namespace prescreen::core {

struct TdrInput {
    const Decision& decision;
    const Officer& officer;
    const std::vector<Annotation>& annotations; ///< the case's current ones (deleted excluded)
    const std::vector<ScanFile>& scans;
    std::string ooiId; ///< the manifest's scan link id
};

/// DICOS Threat Category for an annotation category ("narcotics" -> "CONTRABAND").
std::string threatCategoryFor(const std::string& annotationCategory);

/// Maps a decision to a report. Ellipses become 32-vertex polygons, rectangles 4 vertices.
imaging::tdr::Report makeTdr(const TdrInput& input);

/// The same, and one object per judged scanner object (MachineAlarm with a verdict): its
/// category and outline, assessment THREAT / HIGH_THREAT when confirmed and NO_THREAT when
/// dismissed, and a Referenced PTO Sequence naming the MACHINE report and its object.
imaging::tdr::Report makeTdr(const TdrInput& input, const std::vector<MachineAlarm>& machineAlarms);

/// The decision outcome a report states (ALARM -> refer, CLEAR -> release); nullopt otherwise.
std::optional<Outcome> outcomeFromTdr(const imaging::tdr::Report& report);

} // namespace prescreen::core
