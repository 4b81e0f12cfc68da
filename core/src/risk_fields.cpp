#include "risk_fields.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

namespace prescreen::core::risk {
namespace {

/// Field indices; the order of kFields below.
enum class Id : std::size_t {
    Mode,
    Origin,
    Route,
    RouteCount,
    Carrier,
    CargoControlNumber,
    ShipperName,
    ShipperCountry,
    ConsigneeName,
    ConsigneeCountry,
    ImporterName,
    ImporterBusinessNumber,
    ImporterCountry,
    ImporterPreviousShipments,
    TrustedTrader,
    TrustedTraderCount,
    LowValueShipment,
    LineCount,
    HsChapter,
    HsHeading,
    HsCode,
    DeclaredWeightKg,
    Currency,
    DeclaredValue,
    ValuePerKg,
    ScanDualEnergy,
    ScanEstimatedMassKg,
    ScanMassUncertaintyKg,
    ScanMassLowerBoundOnly,
    ScanMassEstimate,
    ScanMassRatio,
    ScanMassExcessSigma,
    ScanOrganicFraction,
    ScanInorganicFraction,
    ScanMetalFraction,
    ScanImpenetrableFraction,
    ScanImpenetrableRegions,
    ScanLargestImpenetrableAreaMm2,
    ScanCalibrationProfile,
    ScanUndecidedFraction,
    Count_,
};

using T = FieldType;
using K = ValueKind;
using F = Format;

const std::array<FieldInfo, static_cast<std::size_t>(Id::Count_)> kFields = {{
    {"mode", T::Text, K::Mode, F::Count, false, false},
    {"origin", T::Text, K::Country, F::Count, false, false},
    {"route", T::List, K::Country, F::Count, true, false},
    {"routeCount", T::Number, K::Any, F::Count, false, false},
    {"carrier", T::Text, K::Any, F::Count, false, false},
    {"cargoControlNumber", T::Text, K::Any, F::Count, false, false},
    {"shipper.name", T::Text, K::Any, F::Count, false, false},
    {"shipper.country", T::Text, K::Country, F::Count, false, false},
    {"consignee.name", T::Text, K::Any, F::Count, false, false},
    {"consignee.country", T::Text, K::Country, F::Count, false, false},
    {"importer.name", T::Text, K::Any, F::Count, false, false},
    {"importer.businessNumber", T::Text, K::Any, F::Count, false, false},
    {"importer.country", T::Text, K::Country, F::Count, false, false},
    {"importer.previousShipments", T::Number, K::Any, F::Count, false, false},
    {"trustedTrader", T::List, K::Membership, F::Count, false, false},
    {"trustedTraderCount", T::Number, K::Any, F::Count, false, false},
    {"lowValueShipment", T::Flag, K::Any, F::Count, false, false},
    {"lineCount", T::Number, K::Any, F::Count, false, false},
    {"lines.hsChapter", T::List, K::HsChapter, F::Count, false, true},
    {"lines.hsHeading", T::List, K::HsHeading, F::Count, false, true},
    {"lines.hsCode", T::List, K::HsCode, F::Count, false, true},
    {"declaredWeightKg", T::Number, K::Any, F::Mass, false, false},
    {"currency", T::Text, K::Currency, F::Count, false, false},
    {"declaredValue", T::Number, K::Any, F::Money, false, false},
    {"valuePerKg", T::Number, K::Any, F::Money, false, false},
    {"scan.dualEnergy", T::Flag, K::Any, F::Count, false, false},
    {"scan.estimatedMassKg", T::Number, K::Any, F::Mass, false, false},
    {"scan.massUncertaintyKg", T::Number, K::Any, F::Mass, false, false},
    {"scan.massLowerBoundOnly", T::Flag, K::Any, F::Count, false, false},
    {"scan.massEstimate", T::Display, K::Any, F::Count, false, false},
    {"scan.massRatio", T::Number, K::Any, F::Ratio, false, false},
    {"scan.massExcessSigma", T::Number, K::Any, F::Sigma, false, false},
    {"scan.organicFraction", T::Number, K::Any, F::Percent, false, false},
    {"scan.inorganicFraction", T::Number, K::Any, F::Percent, false, false},
    {"scan.metalFraction", T::Number, K::Any, F::Percent, false, false},
    {"scan.impenetrableFraction", T::Number, K::Any, F::Percent, false, false},
    {"scan.impenetrableRegions", T::Number, K::Any, F::Count, false, false},
    {"scan.largestImpenetrableAreaMm2", T::Number, K::Any, F::Area, false, false},
    {"scan.calibrationProfile", T::Text, K::Any, F::Count, false, false},
    {"scan.undecidedFraction", T::Number, K::Any, F::Percent, false, false},
}};

/// Sum independent of the order of the terms, so that reordered manifest lines give the same
/// total to the last bit. NaN (unknown) if a term is not finite.
double orderFreeSum(std::vector<double> terms) {
    if (!std::all_of(terms.begin(), terms.end(), [](double t) { return std::isfinite(t); }))
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(terms.begin(), terms.end());
    double total = 0;
    for (const double term : terms)
        total += term;
    return total;
}

bool allDigits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool allUpper(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

/// Locale-independent fixed-point text (the GUI sets a locale; evidence must not follow it).
std::string fixed(double value, int decimals) {
    std::array<char, 400> buffer{}; // the longest double in fixed notation with 2 decimals fits
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      std::chars_format::fixed, decimals);
    return result.ec == std::errc() ? std::string(buffer.data(), result.ptr) : std::string("?");
}

/// "12.50" → "12.5", "12.0" → "12".
std::string trimZeros(std::string text) {
    if (text.find('.') == std::string::npos)
        return text;
    while (text.back() == '0')
        text.pop_back();
    if (text.back() == '.')
        text.pop_back();
    return text;
}

/// "1250400.5" → "1,250,400.5" (the sign kept in front).
std::string groupThousands(const std::string& text) {
    const std::size_t start = !text.empty() && text.front() == '-' ? 1 : 0;
    const std::size_t end = std::min(text.find('.'), text.size());
    std::string result = text.substr(0, start);
    for (std::size_t i = start; i < end; ++i) {
        if (i > start && (end - i) % 3 == 0)
            result += ',';
        result += text[i];
    }
    return result + text.substr(end);
}

/// "-0" and "-0.0" read as zero.
std::string withoutNegativeZero(std::string text) {
    if (!text.empty() && text.front() == '-' &&
        text.find_first_not_of("0.", 1) == std::string::npos)
        text.erase(0, 1);
    return text;
}

/// Decimals that mean something for a mass of this size (kilograms).
int massDecimals(double kg) {
    const double magnitude = std::abs(kg);
    return magnitude >= 10 ? 0 : magnitude >= 1 ? 1 : 2;
}

/// "410 ± 60 kg", "17.7 ± 1.1 kg", "40 ± 5 kg": the uncertainty to one significant digit (two
/// when it starts with 1 or 2), the estimate to the same decimals, at most two.
std::string massWithUncertainty(double kg, double sigmaKg) {
    int decimals = massDecimals(kg);
    if (sigmaKg > 0) {
        const int exponent = static_cast<int>(std::floor(std::log10(sigmaKg)));
        const double leading = sigmaKg / std::pow(10.0, exponent);
        const int significant = leading >= 3 ? 1 : 2;
        decimals = std::clamp(significant - 1 - exponent, 0, 2);
    }
    return withoutNegativeZero(groupThousands(fixed(kg, decimals))) + " ± " +
           groupThousands(fixed(sigmaKg, decimals)) + " kg";
}

} // namespace

const std::vector<FieldInfo>& fieldCatalogue() {
    static const std::vector<FieldInfo> catalogue(kFields.begin(), kFields.end());
    return catalogue;
}

std::optional<std::size_t> findField(std::string_view name) {
    for (std::size_t i = 0; i < kFields.size(); ++i) {
        if (kFields[i].name == name)
            return i;
    }
    return std::nullopt;
}

Facts::Facts(const RiskInput& input) : manifest_(&input.manifest), values_(kFields.size()) {
    const auto set = [this](Id id, Value value) {
        if (const auto* number = std::get_if<double>(&value); number && !std::isfinite(*number))
            return; // a broken number is no evidence
        if (const auto* text = std::get_if<std::string>(&value); text && text->empty())
            return;
        values_[static_cast<std::size_t>(id)] = std::move(value);
    };
    const Manifest& m = input.manifest;
    set(Id::Mode, std::string(modeName(m.mode)));
    set(Id::Origin, m.origin);
    set(Id::Route, m.route);
    set(Id::RouteCount, static_cast<double>(m.route.size()));
    set(Id::Carrier, m.carrier);
    set(Id::CargoControlNumber, m.cargoControlNumber);
    set(Id::ShipperName, m.shipper.name);
    set(Id::ShipperCountry, m.shipper.country);
    set(Id::ConsigneeName, m.consignee.name);
    set(Id::ConsigneeCountry, m.consignee.country);
    set(Id::ImporterName, m.importer.name);
    set(Id::ImporterBusinessNumber, m.importer.businessNumber);
    set(Id::ImporterCountry, m.importer.country);
    set(Id::ImporterPreviousShipments, static_cast<double>(input.importer.previousShipments));
    set(Id::TrustedTrader, m.trustedTrader);
    const std::set<std::string> memberships(m.trustedTrader.begin(), m.trustedTrader.end());
    set(Id::TrustedTraderCount, static_cast<double>(memberships.size()));
    set(Id::LowValueShipment, m.lowValueShipment);
    set(Id::LineCount, static_cast<double>(m.lines.size()));

    std::vector<std::string> chapters, headings, codes;
    std::vector<double> weights, values;
    std::set<std::string> currencies;
    for (const auto& line : m.lines) {
        chapters.push_back(line.hsCode.substr(0, 2));
        headings.push_back(line.hsCode.substr(0, 4));
        codes.push_back(line.hsCode);
        weights.push_back(line.weightKg);
        values.push_back(line.value);
        currencies.insert(line.currency);
    }
    set(Id::HsChapter, std::move(chapters));
    set(Id::HsHeading, std::move(headings));
    set(Id::HsCode, std::move(codes));
    const double weightKg = orderFreeSum(weights);
    set(Id::DeclaredWeightKg, weightKg);
    // Values in different currencies do not add up: without one currency there is no total.
    if (currencies.size() == 1) {
        set(Id::Currency, *currencies.begin());
        const double value = orderFreeSum(values);
        set(Id::DeclaredValue, value);
        if (weightKg > 0)
            set(Id::ValuePerKg, value / weightKg);
    }

    if (!input.scan)
        return;
    const ScanEvidence& s = *input.scan;
    set(Id::ScanDualEnergy, s.dualEnergy);
    set(Id::ScanImpenetrableRegions, static_cast<double>(s.impenetrableRegions));
    set(Id::ScanLargestImpenetrableAreaMm2, s.largestImpenetrableAreaMm2);
    if (!s.calibrationProfile.empty())
        set(Id::ScanCalibrationProfile, s.calibrationProfile);
    if (!s.dualEnergy)
        return; // greyscale says nothing of mass or material
    set(Id::ScanEstimatedMassKg, s.estimatedMassKg);
    set(Id::ScanMassUncertaintyKg, s.massUncertaintyKg);
    set(Id::ScanMassLowerBoundOnly, s.massLowerBoundOnly);
    if (std::isfinite(s.estimatedMassKg) && std::isfinite(s.massUncertaintyKg))
        set(Id::ScanMassEstimate,
            s.massLowerBoundOnly
                ? "at least " + formatNumber(s.estimatedMassKg, Format::Mass) + " kg"
                : massWithUncertainty(s.estimatedMassKg, s.massUncertaintyKg));
    if (weightKg > 0) {
        set(Id::ScanMassRatio, s.estimatedMassKg / weightKg);
        if (s.massUncertaintyKg > 0)
            set(Id::ScanMassExcessSigma, (s.estimatedMassKg - weightKg) / s.massUncertaintyKg);
    }
    set(Id::ScanOrganicFraction, s.organicFraction);
    set(Id::ScanInorganicFraction, s.inorganicFraction);
    set(Id::ScanMetalFraction, s.metalFraction);
    set(Id::ScanImpenetrableFraction, s.impenetrableFraction);
    set(Id::ScanUndecidedFraction, s.undecidedFraction);
}

std::string formatNumber(double value, Format format) {
    if (!std::isfinite(value))
        return "unknown";
    const double magnitude = std::abs(value);
    switch (format) {
    case Format::Mass:
        return withoutNegativeZero(groupThousands(trimZeros(fixed(value, massDecimals(value)))));
    case Format::Money:
        return withoutNegativeZero(groupThousands(fixed(value, magnitude >= 100 ? 0 : 2)));
    case Format::Percent: {
        const double percent = value * 100;
        std::string text = withoutNegativeZero(fixed(percent, 0));
        if (text == "0" && percent > 0)
            text = "<1";
        else if (text == "100" && percent < 100)
            text = ">99";
        return text + "%";
    }
    case Format::Ratio:
        return withoutNegativeZero(fixed(value, magnitude >= 10 ? 0 : magnitude >= 1 ? 1 : 2));
    case Format::Sigma:
        return withoutNegativeZero(fixed(value, 1));
    case Format::Count:
    case Format::Area:
        return withoutNegativeZero(groupThousands(fixed(value, 0)));
    }
    return fixed(value, 2);
}

std::string formatValue(const FieldInfo& field, const Value& value) {
    if (const auto* number = std::get_if<double>(&value))
        return formatNumber(*number, field.format);
    if (const auto* flag = std::get_if<bool>(&value))
        return *flag ? "yes" : "no";
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    auto items = std::get<std::vector<std::string>>(value);
    if (!field.sequence) {
        std::sort(items.begin(), items.end());
        items.erase(std::unique(items.begin(), items.end()), items.end());
    }
    if (items.empty())
        return "none";
    std::string joined;
    for (const auto& item : items)
        joined += (joined.empty() ? "" : field.sequence ? " → " : ", ") + item;
    return joined;
}

std::optional<std::string> literalProblem(ValueKind kind, std::string_view literal) {
    switch (kind) {
    case ValueKind::Any:
        return std::nullopt;
    case ValueKind::Country:
        if (literal.size() == 2 && allUpper(literal))
            return std::nullopt;
        return "is not an ISO 3166-1 alpha-2 country code (two capital letters)";
    case ValueKind::Currency:
        if (literal.size() == 3 && allUpper(literal))
            return std::nullopt;
        return "is not an ISO 4217 currency code (three capital letters)";
    case ValueKind::HsChapter:
        if (literal.size() == 2 && allDigits(literal) && literal != "00")
            return std::nullopt;
        return "is not an HS chapter (two digits, 01 to 99)";
    case ValueKind::HsHeading:
        if (literal.size() == 4 && allDigits(literal))
            return std::nullopt;
        return "is not an HS heading (four digits)";
    case ValueKind::HsCode:
        if (literal.size() >= 6 && literal.size() <= 10 && allDigits(literal))
            return std::nullopt;
        return "is not an HS code (6 to 10 digits)";
    case ValueKind::Mode:
        if (parseMode(literal))
            return std::nullopt;
        return "is not a transport mode (courier, air, rail, truck, marine)";
    case ValueKind::Membership:
        if (literal == "PIP" || literal == "C-TPAT" || literal == "FAST" || literal == "AEO")
            return std::nullopt;
        return "is not a trusted-trader programme (PIP, C-TPAT, FAST, AEO)";
    }
    return std::nullopt;
}

} // namespace prescreen::core::risk
