#include <prescreen/error.h>
#include <prescreen/imaging/materials/profile.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace prescreen::imaging::materials {
namespace {

/// MeV calibrations run to the top of the attenuation range: real loaded containers reach
/// T = 1e-4 (A ~ 9.2); the fixed impenetrable level is only used without a noise model.
constexpr ModelLevels kLinacLevels{0.01, 9.0, 9.5};

Calibration withProfile(Calibration calibration, ScannerProfile profile) {
    calibration.profile = std::move(profile);
    return calibration;
}

Calibration linac(double highKeV, double lowKeV, const char* id, const char* name) {
    auto spectrum = *builtinMevMaterialTable().beam.spectrum;
    spectrum.highEndpointKeV = highKeV;
    spectrum.lowEndpointKeV = lowKeV;
    const auto table = withBremsstrahlung(builtinMevMaterialTable(), spectrum);
    return withProfile(modelCalibration(table, kLinacLevels), {id, name, "", "", highKeV, lowKeV});
}

std::string normalised(const std::string& text) {
    std::string out;
    for (const char c : text)
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto first = out.find_first_not_of(" \t");
    const auto last = out.find_last_not_of(" \t");
    return first == std::string::npos ? std::string() : out.substr(first, last - first + 1);
}

/// How far a profile's energies are from the scan's, in |ln ratio|; infinite when unknown.
double energyDistance(const ScannerProfile& profile, const ScanEnergies& energies) {
    if (!(energies.highKeV > 0) || !(profile.highEnergyKeV > 0))
        return std::numeric_limits<double>::infinity();
    double distance = std::abs(std::log(energies.highKeV / profile.highEnergyKeV));
    if (energies.lowKeV > 0 && energies.lowKeV < energies.highKeV && profile.lowEnergyKeV > 0)
        distance += std::abs(std::log(energies.lowKeV / profile.lowEnergyKeV));
    return distance;
}

std::string keV(double value) {
    std::ostringstream out;
    out << value << " keV";
    return out.str();
}

} // namespace

const ProfileSet& builtinProfiles() {
    static const ProfileSet profiles = [] {
        ProfileSet set;
        set.push_back(
            withProfile(builtinCalibration(),
                        {"parcel-160kv", "Parcel / baggage 160 kV (modelled)", "", "", 160, 160}));
        set.push_back(linac(6000, 4000, "linac-6-4mev", "Linac cargo 6 / 4 MeV (modelled)"));
        set.push_back(linac(9000, 6000, "linac-9-6mev", "Linac cargo 9 / 6 MeV (modelled)"));
        return set;
    }();
    return profiles;
}

ProfileSet loadProfiles(const std::filesystem::path& folder) {
    ProfileSet set = builtinProfiles();
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error))
        return set;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error))
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            throw Error(ErrorCode::Io, file.string() + ": cannot be read");
        std::ostringstream text;
        text << in.rdbuf();
        auto calibration = parseCalibration(text.str(), file.string());
        if (calibration.profile.id.empty())
            throw Error(ErrorCode::BadFormat,
                        file.string() + ": a site calibration needs a \"profile\" object (id, "
                                        "name, highEnergyKeV, lowEnergyKeV)");
        const auto same = std::find_if(set.begin(), set.end(), [&](const Calibration& c) {
            return c.profile.id == calibration.profile.id;
        });
        if (same != set.end())
            *same = std::move(calibration);
        else
            set.push_back(std::move(calibration));
    }
    return set;
}

ScanEnergies scanEnergies(const Scan& scan) {
    ScanEnergies fromKvp, fromDetector;
    const auto widen = [](ScanEnergies& e, double keV) {
        if (!(keV > 0) || !std::isfinite(keV))
            return;
        e.highKeV = std::max(e.highKeV, keV);
        e.lowKeV = e.lowKeV > 0 ? std::min(e.lowKeV, keV) : keV;
    };
    for (const auto& view : scan.views)
        for (const auto& plane : view.planes) {
            if (plane.kvp)
                widen(fromKvp, *plane.kvp); // kV peak = keV endpoint
            if (plane.energyKeV)
                widen(fromDetector, *plane.energyKeV);
        }
    return fromKvp.highKeV > 0 ? fromKvp : fromDetector;
}

ProfileChoice selectProfile(const ProfileSet& profiles, const Scan& scan) {
    if (profiles.empty())
        throw Error(ErrorCode::InvalidArgument, "selectProfile: no calibration profiles");
    const auto energies = scanEnergies(scan);
    const std::string manufacturer = normalised(scan.metadata.manufacturer);
    const std::string model = normalised(scan.metadata.deviceModel);

    const Calibration* best = nullptr;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (const auto& c : profiles) {
        if (c.profile.manufacturer.empty() || normalised(c.profile.manufacturer) != manufacturer ||
            (!c.profile.model.empty() && normalised(c.profile.model) != model))
            continue;
        const double distance = energyDistance(c.profile, energies);
        if (best == nullptr || distance < bestDistance) {
            best = &c;
            bestDistance = distance;
        }
    }
    if (best != nullptr)
        return {best,
                "scanner " + scan.metadata.manufacturer +
                    (scan.metadata.deviceModel.empty() ? "" : " " + scan.metadata.deviceModel) +
                    " matches profile " + best->profile.id};

    for (const auto& c : profiles) {
        if (!c.profile.manufacturer.empty())
            continue;
        const double distance = energyDistance(c.profile, energies);
        if (distance < bestDistance) {
            best = &c;
            bestDistance = distance;
        }
    }
    if (best != nullptr && bestDistance <= std::log(1.5))
        return {best, "scan energies " + keV(energies.highKeV) + " / " + keV(energies.lowKeV) +
                          " are closest to profile " + best->profile.id};
    return {&profiles.front(),
            energies.highKeV > 0
                ? "no profile for scan energies " + keV(energies.highKeV) + " / " +
                      keV(energies.lowKeV) + "; assumed the default " + profiles.front().profile.id
                : "the scan states no energy or known scanner; assumed the default " +
                      profiles.front().profile.id};
}

} // namespace prescreen::imaging::materials
