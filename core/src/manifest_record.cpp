// One manifest record from JSON to Manifest: the compiled-in schema decides validity, then the
// conversion reads only what the schema has guaranteed.
#include "manifest_record.h"

#include "builtin_resources.h"

#include <prescreen/error.h>

#include <cctype>

namespace prescreen::core::manifest_detail {
namespace {

using nlohmann::json;

std::string optionalText(const json& object, const char* key) {
    const auto found = object.find(key);
    return found == object.end() ? std::string() : found->get<std::string>();
}

Party partyFromJson(const json& object) {
    Party party;
    party.name = object.at("name").get<std::string>();
    party.businessNumber = optionalText(object, "businessNumber");
    party.country = optionalText(object, "country");
    party.address = optionalText(object, "address");
    return party;
}

ManifestLine lineFromJson(const json& object) {
    ManifestLine line;
    line.hsCode = object.at("hsCode").get<std::string>();
    line.description = object.at("description").get<std::string>();
    line.quantity = object.at("quantity").get<double>();
    line.unit = object.at("unit").get<std::string>();
    line.weightKg = object.at("weightKg").get<double>();
    line.value = object.at("value").get<double>();
    line.currency = object.at("currency").get<std::string>();
    return line;
}

/// Reads a record that recordSchema() accepted; throws json::exception or prescreen::Error if
/// the schema and this code disagree (a bug, reported as a problem by the caller).
Manifest manifestFromJson(const json& record, const std::string& formatVersion) {
    Manifest manifest;
    manifest.formatVersion = record.contains("formatVersion")
                                 ? record.at("formatVersion").get<std::string>()
                                 : formatVersion;
    manifest.cargoControlNumber = record.at("cargoControlNumber").get<std::string>();
    const auto mode = parseMode(record.at("mode").get<std::string>());
    if (!mode)
        throw Error(ErrorCode::Internal, "the schema allows a mode this build does not know");
    manifest.mode = *mode;
    manifest.carrier = record.at("carrier").get<std::string>();
    manifest.shipper = partyFromJson(record.at("shipper"));
    manifest.consignee = partyFromJson(record.at("consignee"));
    manifest.importer = partyFromJson(record.at("importer"));
    manifest.origin = record.at("origin").get<std::string>();
    if (record.contains("route"))
        manifest.route = record.at("route").get<std::vector<std::string>>();
    for (const auto& line : record.at("lines"))
        manifest.lines.push_back(lineFromJson(line));
    if (record.contains("trustedTrader"))
        manifest.trustedTrader = record.at("trustedTrader").get<std::vector<std::string>>();
    if (record.contains("lowValueShipment"))
        manifest.lowValueShipment = record.at("lowValueShipment").get<bool>();
    manifest.scanLinkId = record.at("scanLinkId").get<std::string>();
    manifest.expectedArrival = optionalText(record, "expectedArrival");
    return manifest;
}

} // namespace

bool ProblemSink::refuseOversized(std::string_view text) {
    if (text.size() <= kMaxFileBytes)
        return false;
    add("", "",
        "the text is " + std::to_string(text.size()) + " bytes; at most " +
            std::to_string(kMaxFileBytes) + " are accepted");
    return true;
}

void ProblemSink::add(std::string record, std::string field, std::string message) {
    ++count_;
    if (count_ <= kMaxProblems) {
        batch_.problems.push_back({file_, std::move(record), std::move(field), std::move(message)});
    } else if (count_ == kMaxProblems + 1) {
        batch_.problems.push_back(
            {file_, "", "",
             "more than " + std::to_string(kMaxProblems) + " problems; the rest are not listed"});
    }
}

std::string recordLabel(std::size_t ordinal, const json& record) {
    std::string label = "record " + std::to_string(ordinal);
    const auto ccn = record.is_object() ? record.find("cargoControlNumber") : record.end();
    if (!record.is_object() || ccn == record.end() || !ccn->is_string())
        return label;
    std::string kept;
    for (const char c : ccn->get_ref<const std::string&>()) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
            c == '/')
            kept += c;
        if (kept.size() >= 30)
            break;
    }
    return kept.empty() ? label : label + " (CCN " + kept + ")";
}

std::optional<std::string> formatVersionProblem(const json& value) {
    if (!value.is_string())
        return "formatVersion must be a string such as \"" + std::string(kManifestFormatVersion) +
               "\"";
    const auto& text = value.get_ref<const std::string&>();
    const auto dot = text.find('.');
    const auto digits = [](std::string_view part) {
        return !part.empty() && part.size() <= 4 &&
               part.find_first_not_of("0123456789") == std::string_view::npos;
    };
    if (dot == std::string::npos || !digits(std::string_view(text).substr(0, dot)) ||
        !digits(std::string_view(text).substr(dot + 1)))
        return "formatVersion \"" + printable(text, 20) + "\" is not MAJOR.MINOR such as \"" +
               std::string(kManifestFormatVersion) + "\"";
    if (text.substr(0, dot) != "1")
        return "format version " + text + " is not supported: this build reads versions 1.x";
    return std::nullopt;
}

const JsonSchema& recordSchema() {
    static const JsonSchema schema = [] {
        const auto document = json::parse(detail::builtinManifestSchema());
        json record = {{"$defs", document.at("$defs")}, {"$ref", "#/$defs/manifest"}};
        return JsonSchema(record, "resources/manifest/manifest.schema.json#/$defs/manifest");
    }();
    return schema;
}

bool importRecord(const json& record, const std::string& label, const std::string& formatVersion,
                  const FieldNamer& fieldOf, ProblemSink& problems,
                  std::vector<Manifest>& records) {
    const auto violations = recordSchema().validate(record);
    for (const auto& violation : violations)
        problems.add(label, fieldOf(violation.path), violation.message);
    if (!violations.empty())
        return false;
    try {
        records.push_back(manifestFromJson(record, formatVersion));
        return true;
    } catch (const std::exception& error) {
        problems.add(label, "",
                     std::string("passed the schema but could not be read: ") + error.what());
        return false;
    }
}

std::string_view stripBom(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    return text;
}

std::string printable(std::string_view text, std::size_t limit) {
    std::string out;
    for (const char c : text.substr(0, limit)) {
        const auto byte = static_cast<unsigned char>(c);
        out += (byte < 0x20 || byte >= 0x7F) ? '?' : c;
    }
    if (text.size() > limit)
        out += "...";
    return out;
}

} // namespace prescreen::core::manifest_detail
