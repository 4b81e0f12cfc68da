#include "builtin_data.h"
#include "json_fields.h"

#include <prescreen/imaging/materials/calibration.h>

#include <algorithm>

namespace prescreen::imaging::materials {
namespace {

constexpr std::array<MaterialClass, 3> kMassClasses = {
    MaterialClass::Organic, MaterialClass::Inorganic, MaterialClass::Metal};

// Index of the last sample with aHigh <= value (0 if none), for interpolation.
std::size_t segment(const std::vector<CalibrationSample>& samples, double aHigh) {
    const auto it =
        std::upper_bound(samples.begin(), samples.end(), aHigh,
                         [](double v, const CalibrationSample& s) { return v < s.aHigh; });
    const auto index = static_cast<std::size_t>(it - samples.begin());
    return std::clamp<std::size_t>(index == 0 ? 0 : index - 1, 0, samples.size() - 2);
}

ReferenceCurve parseReference(const nlohmann::json& json, const std::string& where) {
    ReferenceCurve curve;
    curve.name = detail::text(json, "name", where);
    const std::string here = where + " ('" + curve.name + "')";
    curve.zEff = detail::positive(json, "zEff", here);
    const auto& samples = detail::array(json, "samples", here);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto& s = samples[i];
        const std::string at = here + ", samples[" + std::to_string(i) + "]";
        if (!s.is_array() || s.size() != 3 || !s[0].is_number() || !s[1].is_number() ||
            !s[2].is_number())
            detail::badField(at, "is not [massThicknessGcm2, aHigh, aLow]");
        curve.samples.push_back({s[0].get<double>(), s[1].get<double>(), s[2].get<double>()});
    }
    return curve;
}

} // namespace

double ReferenceCurve::ratioAt(double aHigh) const noexcept {
    if (samples.size() < 2)
        return samples.empty() ? 1.0 : samples.front().aLow / samples.front().aHigh;
    if (aHigh <= samples.front().aHigh)
        return samples.front().aLow / samples.front().aHigh;
    if (aHigh >= samples.back().aHigh)
        return samples.back().aLow / samples.back().aHigh;
    const auto i = segment(samples, aHigh);
    const auto& a = samples[i];
    const auto& b = samples[i + 1];
    const double f = (aHigh - a.aHigh) / (b.aHigh - a.aHigh);
    return (a.aLow + f * (b.aLow - a.aLow)) / aHigh;
}

double ReferenceCurve::massThicknessAt(double aHigh) const noexcept {
    if (samples.size() < 2 || aHigh <= 0)
        return 0;
    const auto& first = samples.front();
    if (aHigh <= first.aHigh)
        return first.aHigh > 0 ? first.massThicknessGcm2 * aHigh / first.aHigh : 0;
    const auto i = segment(samples, aHigh);
    const auto& a = samples[i];
    const auto& b = samples[i + 1];
    const double f = (aHigh - a.aHigh) / (b.aHigh - a.aHigh);
    return a.massThicknessGcm2 + f * (b.massThicknessGcm2 - a.massThicknessGcm2);
}

double Calibration::boundaryRatio(double z, double aHigh) const noexcept {
    if (references.empty())
        return 1.0;
    if (z <= references.front().zEff)
        return references.front().ratioAt(aHigh);
    for (std::size_t i = 0; i + 1 < references.size(); ++i) {
        const auto& a = references[i];
        const auto& b = references[i + 1];
        if (z <= b.zEff) {
            const double f = (z - a.zEff) / (b.zEff - a.zEff);
            return a.ratioAt(aHigh) + f * (b.ratioAt(aHigh) - a.ratioAt(aHigh));
        }
    }
    return references.back().ratioAt(aHigh);
}

MaterialClass Calibration::classify(double aHigh, double aLow) const noexcept {
    if (aLow < airAttenuation && aHigh < airAttenuation)
        return MaterialClass::Background;
    if (aHigh >= impenetrableAttenuation)
        return MaterialClass::Impenetrable;
    const double h = std::max(aHigh, 1e-3);
    return classifyRatio(h, aLow / h);
}

MaterialClass Calibration::classifyRatio(double h, double r) const noexcept {
    const double lower = boundaryRatio(organicInorganicZ, h);
    const double upper = boundaryRatio(inorganicMetalZ, h);
    if (upper >= lower) { // photoelectric regime: R rises with Z
        if (r < lower)
            return MaterialClass::Organic;
        return r < upper ? MaterialClass::Inorganic : MaterialClass::Metal;
    }
    if (r > lower) // pair-production regime (MeV): R falls with Z
        return MaterialClass::Organic;
    return r > upper ? MaterialClass::Inorganic : MaterialClass::Metal;
}

const ReferenceCurve& Calibration::reference(std::string_view name) const {
    for (const auto& curve : references) {
        if (curve.name == name)
            return curve;
    }
    throw Error(ErrorCode::NotFound, "calibration has no reference '" + std::string(name) + "'");
}

const ReferenceCurve& Calibration::massReference(MaterialClass value) const {
    const auto& model = massModels[static_cast<std::size_t>(value)];
    if (model.reference.empty())
        throw Error(ErrorCode::InvalidArgument,
                    std::string("no mass model for class ") + materialClassName(value));
    return reference(model.reference);
}

void validateCalibration(const Calibration& c, const std::string& where) {
    if (c.references.size() < 2)
        detail::badField(where, "needs at least two references");
    for (std::size_t r = 0; r < c.references.size(); ++r) {
        const auto& curve = c.references[r];
        const std::string here =
            where + ", references[" + std::to_string(r) + "] ('" + curve.name + "')";
        if (r > 0 && curve.zEff <= c.references[r - 1].zEff)
            detail::badField(here, "zEff must increase from one reference to the next");
        if (curve.samples.size() < 2)
            detail::badField(here, "needs at least two samples");
        for (std::size_t i = 0; i < curve.samples.size(); ++i) {
            const auto& s = curve.samples[i];
            const std::string at = here + ", samples[" + std::to_string(i) + "]";
            if (!(s.aHigh > 0) || !(s.aLow > 0) || !(s.massThicknessGcm2 > 0) ||
                !std::isfinite(s.aHigh) || !std::isfinite(s.aLow) ||
                !std::isfinite(s.massThicknessGcm2))
                detail::badField(at, "values must be positive and finite");
            if (i > 0 && (s.aHigh <= curve.samples[i - 1].aHigh ||
                          s.massThicknessGcm2 <= curve.samples[i - 1].massThicknessGcm2))
                detail::badField(at, "aHigh and massThicknessGcm2 must increase strictly");
        }
    }
    if (!(c.airAttenuation > 0) || !(c.impenetrableAttenuation > c.airAttenuation))
        detail::badField(where, "need 0 < airAttenuation < impenetrableAttenuation");
    const double zMin = c.references.front().zEff;
    const double zMax = c.references.back().zEff;
    if (!(c.organicInorganicZ < c.inorganicMetalZ) || c.organicInorganicZ < zMin ||
        c.inorganicMetalZ > zMax)
        detail::badField(where, "boundaries must satisfy " + std::to_string(zMin) +
                                    " <= organicInorganicZ < inorganicMetalZ <= " +
                                    std::to_string(zMax) + " (the references' Z range)");
    for (const auto value : kMassClasses) {
        const auto& model = c.massModels[static_cast<std::size_t>(value)];
        const std::string here = where + ", massModels." + materialClassName(value);
        if (model.reference.empty())
            detail::badField(here, "is missing");
        if (std::none_of(c.references.begin(), c.references.end(),
                         [&](const ReferenceCurve& r) { return r.name == model.reference; }))
            detail::badField(here,
                             "names reference '" + model.reference + "', which is not listed");
        if (!(model.relativeUncertainty >= 0) || model.relativeUncertainty > 10)
            detail::badField(here, "relativeUncertainty must be between 0 and 10");
    }
}

Calibration parseCalibration(std::string_view jsonText, const std::string& where) {
    const auto json = detail::parseJson(jsonText, where);
    Calibration c;
    c.version = detail::checkHeader(json, "prescreen-calibration", 1, where);
    c.source = detail::text(json, "source", where);
    if (const auto p = json.find("profile"); p != json.end()) {
        const std::string here = where + ", profile";
        if (!p->is_object())
            detail::badField(here, "is not an object");
        const auto optionalText = [&](const char* key) {
            const auto it = p->find(key);
            if (it == p->end())
                return std::string();
            if (!it->is_string())
                detail::badField(here, std::string("field '") + key + "' is not a string");
            return it->get<std::string>();
        };
        c.profile.id = detail::text(*p, "id", here);
        c.profile.name = detail::text(*p, "name", here);
        c.profile.manufacturer = optionalText("manufacturer");
        c.profile.model = optionalText("model");
        c.profile.highEnergyKeV = detail::positive(*p, "highEnergyKeV", here);
        c.profile.lowEnergyKeV = detail::positive(*p, "lowEnergyKeV", here);
    }
    c.airAttenuation = detail::positive(json, "airAttenuation", where);
    c.impenetrableAttenuation = detail::positive(json, "impenetrableAttenuation", where);
    const auto& boundaries = detail::field(json, "boundaries", where);
    c.organicInorganicZ = detail::positive(boundaries, "organicInorganicZ", where + ", boundaries");
    c.inorganicMetalZ = detail::positive(boundaries, "inorganicMetalZ", where + ", boundaries");
    const auto& models = detail::field(json, "massModels", where);
    for (const auto value : kMassClasses) {
        const std::string here = where + ", massModels." + materialClassName(value);
        const auto& model = detail::field(models, materialClassName(value), where + ", massModels");
        auto& target = c.massModels[static_cast<std::size_t>(value)];
        target.reference = detail::text(model, "reference", here);
        target.relativeUncertainty = detail::number(model, "relativeUncertainty", here);
    }
    const auto& references = detail::array(json, "references", where);
    for (std::size_t i = 0; i < references.size(); ++i)
        c.references.push_back(
            parseReference(references[i], where + ", references[" + std::to_string(i) + "]"));
    validateCalibration(c, where);
    return c;
}

const Calibration& builtinCalibration() {
    static const Calibration calibration =
        parseCalibration(detail::builtinCalibrationText(), "resources/materials/calibration.json");
    return calibration;
}

} // namespace prescreen::imaging::materials
