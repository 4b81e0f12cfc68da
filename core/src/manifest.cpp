// Manifest import entry points shared by both forms: reading a file, writing the JSON form,
// the compiled-in schema.
#include "builtin_resources.h"
#include "manifest_record.h"

#include <prescreen/core/manifest.h>

#include <fstream>
#include <system_error>

namespace prescreen::core {
namespace {

using nlohmann::json;

json partyToJson(const Party& party) {
    json object = {{"name", party.name}};
    if (!party.businessNumber.empty())
        object["businessNumber"] = party.businessNumber;
    if (!party.country.empty())
        object["country"] = party.country;
    if (!party.address.empty())
        object["address"] = party.address;
    return object;
}

} // namespace

std::string ManifestProblem::toString() const {
    std::string out = file;
    for (const auto* part : {&record, &field, &message}) {
        if (part->empty())
            continue;
        out += out.empty() ? "" : ": ";
        out += *part;
    }
    return out;
}

ManifestBatch readManifestFile(const std::filesystem::path& file) {
    ManifestBatch batch;
    const std::string name = file.string();
    manifest_detail::ProblemSink problems(batch, name);
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) {
        problems.add("", "", "cannot read the file: " + error.message());
        return batch;
    }
    if (size > manifest_detail::kMaxFileBytes) {
        problems.add("", "",
                     "the file is " + std::to_string(size) + " bytes; at most " +
                         std::to_string(manifest_detail::kMaxFileBytes) + " are accepted");
        return batch;
    }
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        problems.add("", "", "cannot open the file for reading");
        return batch;
    }
    // Read at most one byte more than the limit, in case the file grew since file_size().
    std::string text(static_cast<std::size_t>(size) + 1, '\0');
    stream.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (stream.bad()) {
        problems.add("", "", "reading the file failed");
        return batch;
    }
    text.resize(static_cast<std::size_t>(stream.gcount()));
    if (text.size() > manifest_detail::kMaxFileBytes) {
        problems.add("", "",
                     "the file grew beyond " + std::to_string(manifest_detail::kMaxFileBytes) +
                         " bytes");
        return batch;
    }
    const auto body = manifest_detail::stripBom(text);
    const auto first = body.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        problems.add("", "", "the file is empty");
        return batch;
    }
    // '[' is not a manifest form, but the JSON parser says so more clearly than the CSV one; a
    // file named .json is JSON whatever it starts with (a bare string or number is no CSV).
    auto extension = file.extension().string();
    for (auto& c : extension)
        c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    if (body[first] == '{' || body[first] == '[' || extension == ".json")
        return parseManifestJson(text, name);
    return parseManifestCsv(text, name);
}

json manifestToJson(const Manifest& manifest) {
    json lines = json::array();
    for (const auto& line : manifest.lines)
        lines.push_back({{"hsCode", line.hsCode},
                         {"description", line.description},
                         {"quantity", line.quantity},
                         {"unit", line.unit},
                         {"weightKg", line.weightKg},
                         {"value", line.value},
                         {"currency", line.currency}});
    json object = {{"formatVersion", std::string(kManifestFormatVersion)},
                   {"cargoControlNumber", manifest.cargoControlNumber},
                   {"mode", std::string(modeName(manifest.mode))},
                   {"carrier", manifest.carrier},
                   {"shipper", partyToJson(manifest.shipper)},
                   {"consignee", partyToJson(manifest.consignee)},
                   {"importer", partyToJson(manifest.importer)},
                   {"origin", manifest.origin},
                   {"route", manifest.route},
                   {"lines", std::move(lines)},
                   {"trustedTrader", manifest.trustedTrader},
                   {"lowValueShipment", manifest.lowValueShipment},
                   {"scanLinkId", manifest.scanLinkId}};
    if (!manifest.expectedArrival.empty())
        object["expectedArrival"] = manifest.expectedArrival;
    return object;
}

std::string_view manifestSchemaText() {
    return detail::builtinManifestSchema();
}

} // namespace prescreen::core
