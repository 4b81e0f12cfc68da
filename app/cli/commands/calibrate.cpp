#include "../args.h"
#include "../commands.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>
#include <prescreen/imaging/materials/calibrate.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <ostream>

namespace prescreen::cli {
namespace {

namespace materials = imaging::materials;

std::string format(const char* pattern, double a, double b = 0, double c = 0) {
    char text[160];
    std::snprintf(text, sizeof text, pattern, a, b, c);
    return text;
}

std::vector<materials::Measurement> stepWedge(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::Io, file + ": cannot be read");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto wedge = materials::parseStepWedge(text, file);
    return materials::measureStepWedge(wedge, imaging::openScan(wedge.scan));
}

} // namespace

int calibrateCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args,
                      {"--semiz", "--step-wedge", "--id", "--name", "--manufacturer", "--model",
                       "--high-kev", "--low-kev", "-o", "--output", "--min-separation"},
                      {});
    parsed.expectPositionals(0, 0, "no positional arguments");
    const auto semiz = parsed.value("--semiz");
    const auto wedge = parsed.value("--step-wedge");
    if (semiz.has_value() == wedge.has_value())
        throw UsageError("give the measurements: --semiz DIR or --step-wedge FILE (one of them)");
    materials::FitOptions options;
    options.profile.id = parsed.value("--id", "");
    options.profile.name = parsed.value("--name", "");
    if (options.profile.id.empty() || options.profile.name.empty())
        throw UsageError("--id and --name are required: how the profile is known and shown");
    options.profile.manufacturer = parsed.value("--manufacturer", "");
    options.profile.model = parsed.value("--model", "");
    options.profile.highEnergyKeV = parsed.number("--high-kev", 0);
    options.profile.lowEnergyKeV = parsed.number("--low-kev", options.profile.highEnergyKeV);
    if (!(options.profile.highEnergyKeV > 0) || !(options.profile.lowEnergyKeV > 0))
        throw UsageError("--high-kev is required (the tube kVp or the linac endpoint in keV)");
    options.minSeparation = parsed.number("--min-separation", options.minSeparation);

    const auto measurements = semiz ? materials::semiZMeasurements(*semiz) : stepWedge(*wedge);
    const auto fit = materials::fitCalibration(measurements, options);

    out << "profile " << options.profile.id << " (" << options.profile.name
        << "): " << measurements.size() << " measurements of " << fit.references.size()
        << " references\n";
    for (const auto& r : fit.references)
        out << "  " << r.name << format("  Z %.1f  n %.0f", r.zEff, r.measurements)
            << format("  residual R rms %.5f  max %.5f\n", r.rmsResidual, r.maxResidual);
    out << format("worst class separation %.1f residuals", fit.worstSeparation) << " ("
        << fit.worstPair << ")\n";
    out << "reproduced " << fit.reproduced << " of " << fit.total
        << " measurements in the class their Z implies\n";
    if (const auto output = parsed.value("-o") ? parsed.value("-o") : parsed.value("--output")) {
        std::ofstream file(*output, std::ios::binary | std::ios::trunc);
        file << materials::calibrationToJson(fit.calibration);
        if (!file.flush())
            throw Error(ErrorCode::Io, *output + ": cannot be written");
        out << "wrote " << *output
            << " (copy it to <data directory>/calibration/ to use it on this site)\n";
    }
    return 0;
}

} // namespace prescreen::cli
