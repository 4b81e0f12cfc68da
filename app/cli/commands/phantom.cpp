#include "../args.h"
#include "../commands.h"

#include <prescreen/imaging/dictionary.h>
#include <prescreen/imaging/materials/phantom.h>
#include <prescreen/imaging/tdr/tdr.h>

#include <array>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <string_view>
#include <tuple>

namespace prescreen::cli {
namespace {

// "WxH" with both parts positive integers.
std::pair<int, int> parseSize(const std::string& text) {
    const auto x = text.find('x');
    int width = 0, height = 0;
    const auto parse = [](std::string_view part, int& value) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        return ec == std::errc() && end == part.data() + part.size() && value > 0;
    };
    if (x == std::string::npos || !parse(std::string_view(text).substr(0, x), width) ||
        !parse(std::string_view(text).substr(x + 1), height))
        throw UsageError("--size '" + text + "' is not WIDTHxHEIGHT (e.g. 2000x1000)");
    return {width, height};
}

// What a scanner's detection algorithm might send with the phantom: a MACHINE report flagging the
// phantom's first two objects (their bounding boxes) with a category and a probability.
imaging::tdr::Report simulatedMachineReport(const imaging::materials::Phantom& phantom) {
    const auto& truth = phantom.truth;
    imaging::tdr::Report report;
    report.tdrType = "MACHINE";
    report.alarmDecision = "ALARM";
    report.alarmDecisionTime = "20260115083005+0000";
    report.algorithm = "Prescreen phantom ATR 1.0";
    report.studyInstanceUid = truth.scanInstanceUid;
    report.ooiId = truth.objectId;
    report.totalProcessingTimeMs = 850;
    for (const auto& plane : phantom.scan.views.front().planes)
        report.images.push_back({"1.2.840.10008.5.1.4.1.1.501.2.2", plane.sopInstanceUid});
    const std::array<std::pair<const char*, double>, 2> flagged = {
        {{"ANOMALY", 0.82}, {"CONTRABAND", 0.35}}};
    for (std::size_t i = 0; i < flagged.size() && i < truth.objects.size(); ++i) {
        const auto& box = truth.objects[i].box;
        imaging::tdr::ThreatObject pto;
        pto.id = static_cast<int>(i) + 1;
        pto.category = flagged[i].first;
        pto.assessmentFlag = "THREAT";
        pto.probability = flagged[i].second;
        pto.description = "simulated: phantom object " + std::to_string(truth.objects[i].id);
        pto.boundingPolygon = {{double(box.x), double(box.y)},
                               {double(box.x + box.width), double(box.y)},
                               {double(box.x + box.width), double(box.y + box.height)},
                               {double(box.x), double(box.y + box.height)}};
        pto.images = {report.images.front()};
        report.threats.push_back(std::move(pto));
    }
    return report;
}

} // namespace

int phantomCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {"--seed", "--kind", "--size", "--profile"}, {"--machine-tdr"});
    parsed.expectPositionals(1, 1, "exactly one OUTDIR");
    if (!parsed.has("--seed"))
        throw UsageError("--seed N is required (the same seed gives identical pixels)");
    const long long seed = parsed.integer("--seed", 0);
    if (seed < 0)
        throw UsageError("--seed must not be negative");

    imaging::materials::PhantomOptions options;
    options.seed = static_cast<std::uint64_t>(seed);
    const std::string kindName = parsed.value("--kind", "parcel");
    const auto kind = imaging::materials::parsePhantomKind(kindName);
    if (!kind)
        throw UsageError("--kind '" + kindName + "' is not parcel, pallet, container or cargo");
    options.kind = *kind;
    if (const auto size = parsed.value("--size"))
        std::tie(options.width, options.height) = parseSize(*size);

    imaging::initialise();
    const auto phantom =
        imaging::materials::generatePhantom(options, parsed.value("--profile", "parcel-160kv"));
    const auto files = imaging::materials::writePhantom(phantom, parsed.positionals().front());
    const auto& truth = phantom.truth;
    if (parsed.has("--machine-tdr")) {
        const auto tdr = std::filesystem::path(parsed.positionals().front()) /
                         (std::string(imaging::materials::phantomKindName(truth.kind)) + "-" +
                          std::to_string(truth.seed) + "-machine-tdr.dcm");
        imaging::tdr::writeReport(simulatedMachineReport(phantom), tdr);
        out << "machine TDR: " << tdr.string() << '\n';
    }
    out << "high:  " << files.high.string() << '\n'
        << "low:   " << files.low.string() << '\n'
        << "truth: " << files.truth.string() << '\n'
        << "scan " << truth.scanInstanceUid << " (" << truth.profile << " physics), "
        << truth.objects.size() << " objects, " << std::fixed << std::setprecision(2)
        << truth.totalMassKg << " kg in total\n";
    return 0;
}

} // namespace prescreen::cli
