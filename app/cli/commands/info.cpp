#include "../args.h"
#include "../commands.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/tdr/tdr.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>

namespace prescreen::cli {
namespace {

nlohmann::json planeJson(const imaging::Plane& plane) {
    nlohmann::json j = {
        {"kind", imaging::planeKindName(plane.kind)},
        {"width", plane.pixels.width()},
        {"height", plane.pixels.height()},
        {"bitsStored", plane.bitsStored},
        {"signed", plane.signedPixels},
        {"photometric", plane.photometric == imaging::Photometric::Monochrome1   ? "MONOCHROME1"
                        : plane.photometric == imaging::Photometric::Monochrome2 ? "MONOCHROME2"
                                                                                 : "PALETTE COLOR"},
        {"rescaleSlope", plane.rescaleSlope},
        {"rescaleIntercept", plane.rescaleIntercept},
        {"file", plane.sourceFile.string()},
    };
    if (plane.pixelSpacingMm)
        j["pixelSpacingMm"] = *plane.pixelSpacingMm;
    if (plane.kvp)
        j["kvp"] = *plane.kvp;
    if (plane.energyKeV)
        j["energyKeV"] = *plane.energyKeV;
    for (const auto& window : plane.windows)
        j["windows"].push_back({{"center", window.center}, {"width", window.width}});
    return j;
}

nlohmann::json scanJson(const imaging::Scan& scan) {
    const auto& m = scan.metadata;
    nlohmann::json j = {
        {"scanInstanceUid", m.scanInstanceUid},
        {"sopClassUid", m.sopClassUid},
        {"modality", m.modality},
        {"dicos", m.isDicos},
        {"diconde", m.isDiconde},
        {"objectId", m.objectId},
        {"objectType", m.objectType},
        {"itineraryId", m.itineraryId},
        {"carrierId", m.carrierId},
        {"scanDateTime", m.scanDateTime},
        {"manufacturer", m.manufacturer},
        {"deviceModel", m.deviceModel},
        {"views", nlohmann::json::array()},
        {"warnings", scan.warnings},
    };
    for (const auto& view : scan.views) {
        nlohmann::json v = {{"index", view.index},
                            {"description", view.description},
                            {"dualEnergy", view.isDualEnergy()},
                            {"planes", nlohmann::json::array()}};
        for (const auto& plane : view.planes)
            v["planes"].push_back(planeJson(plane));
        j["views"].push_back(std::move(v));
    }
    for (const auto& file : scan.files)
        j["files"].push_back(file.string());
    return j;
}

void printText(const imaging::Scan& scan, std::ostream& out) {
    const auto& m = scan.metadata;
    const char* object = m.isDiconde ? "component" : "object";
    out << "scan " << m.scanInstanceUid << "  (" << (m.isDicos ? "DICOS " : "")
        << (m.isDiconde ? "DICONDE " : "") << m.modality << ", " << scan.views.size()
        << " view(s), " << scan.planeCount() << " plane(s))\n";
    if (!m.objectId.empty())
        out << object << " id: " << m.objectId << '\n';
    if (!m.objectType.empty())
        out << object << " type: " << m.objectType << '\n';
    if (!m.itineraryId.empty())
        out << "itinerary: " << m.itineraryId << '\n';
    if (!m.carrierId.empty())
        out << "carrier: " << m.carrierId << '\n';
    if (!m.scanDateTime.empty())
        out << "scanned: " << m.scanDateTime << '\n';
    if (!m.manufacturer.empty() || !m.deviceModel.empty())
        out << "device: " << m.manufacturer << ' ' << m.deviceModel << '\n';
    for (const auto& view : scan.views) {
        out << "view " << view.index << (view.description.empty() ? "" : " " + view.description)
            << (view.isDualEnergy() ? " (dual energy)" : "") << ":\n";
        for (const auto& plane : view.planes) {
            out << "  " << imaging::planeKindName(plane.kind) << ' ' << plane.pixels.width() << 'x'
                << plane.pixels.height() << ' ' << plane.bitsStored << "-bit"
                << (plane.signedPixels ? " signed" : "");
            if (plane.pixelSpacingMm)
                out << ", " << (*plane.pixelSpacingMm)[1] << " x " << (*plane.pixelSpacingMm)[0]
                    << " mm/pixel";
            if (plane.kvp)
                out << ", " << *plane.kvp << " kVp";
            out << "  [" << plane.sourceFile.filename().string() << "]\n";
        }
    }
    for (const auto& warning : scan.warnings)
        out << "warning: " << warning << '\n';
}

nlohmann::json reportJson(const imaging::tdr::Report& r) {
    nlohmann::json threats = nlohmann::json::array();
    for (const auto& pto : r.threats) {
        nlohmann::json polygon = nlohmann::json::array();
        for (const auto& p : pto.boundingPolygon)
            polygon.push_back({p.x, p.y});
        nlohmann::json t = {{"id", pto.id},
                            {"category", pto.category},
                            {"assessment", pto.assessmentFlag},
                            {"description", pto.description},
                            {"polygon", polygon},
                            {"images", pto.images.size()}};
        if (pto.probability)
            t["probability"] = *pto.probability;
        if (pto.judges)
            t["judges"] = {{"pto", pto.judges->ptoId}, {"report", pto.judges->tdrSopInstanceUid}};
        threats.push_back(t);
    }
    return {{"kind", "threat detection report"},
            {"type", r.tdrType},
            {"decision", r.alarmDecision},
            {"decisionTime", r.alarmDecisionTime},
            {"operator", {{"id", r.operatorId}, {"name", r.operatorName}}},
            {"algorithm", r.algorithm},
            {"sopInstanceUid", r.sopInstanceUid},
            {"studyInstanceUid", r.studyInstanceUid},
            {"ooiId", r.ooiId},
            {"images", r.images.size()},
            {"objects", threats}};
}

void printReport(const imaging::tdr::Report& r, std::ostream& out) {
    out << "DICOS Threat Detection Report, type " << r.tdrType << ", decision " << r.alarmDecision
        << (r.alarmDecisionTime.empty() ? "" : " at " + r.alarmDecisionTime) << '\n';
    if (!r.operatorId.empty() || !r.operatorName.empty())
        out << "operator " << r.operatorId << " (" << r.operatorName << ")\n";
    if (!r.algorithm.empty())
        out << "algorithm " << r.algorithm << '\n';
    out << "report " << r.sopInstanceUid << ", scan " << r.studyInstanceUid << ", OOI " << r.ooiId
        << ", " << r.images.size() << " image(s) referenced\n";
    out << r.threats.size() << " potential threat object(s)\n";
    for (const auto& pto : r.threats) {
        out << "  object " << pto.id << "  " << pto.category << "  " << pto.assessmentFlag;
        if (pto.probability)
            out << "  probability " << *pto.probability;
        out << "  polygon";
        for (const auto& p : pto.boundingPolygon)
            out << " (" << p.x << "," << p.y << ")";
        if (pto.judges)
            out << "  judges object " << pto.judges->ptoId << " of report "
                << pto.judges->tdrSopInstanceUid;
        if (!pto.description.empty())
            out << "  \"" << pto.description << '"';
        out << '\n';
    }
}

/// The file read as a TDR, or nullopt when it is not one (an image, a folder, not DICOM).
std::optional<imaging::tdr::Report> asReport(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        return std::nullopt;
    try {
        return imaging::tdr::readReport(path);
    } catch (const Error& e) {
        const std::string what = e.what();
        if (what.find("not a DICOS Threat Detection Report") != std::string::npos ||
            what.find("not a readable DICOM file") != std::string::npos ||
            what.find("larger than a Threat Detection Report") != std::string::npos)
            return std::nullopt;
        throw; // a report, but a broken one: say why
    }
}

} // namespace

int infoCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {}, {"--json", "--no-siblings"});
    parsed.expectPositionals(1, 1, "exactly one PATH (a scan file or folder)");
    if (const auto report = asReport(parsed.positionals().front())) {
        if (parsed.has("--json"))
            out << reportJson(*report).dump(2) << '\n';
        else
            printReport(*report, out);
        return 0;
    }
    imaging::OpenOptions options;
    options.findSiblings = !parsed.has("--no-siblings");
    const auto scan = imaging::openScan(parsed.positionals().front(), options);
    if (parsed.has("--json"))
        out << scanJson(scan).dump(2) << '\n';
    else
        printText(scan, out);
    return 0;
}

} // namespace prescreen::cli
