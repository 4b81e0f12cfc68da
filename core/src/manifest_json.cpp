// The JSON manifest format: one manifest object, or a batch {"formatVersion", "manifests": [...]}.
// See docs/manifest.md.
#include "manifest_record.h"

#include <prescreen/core/manifest.h>

#include <map>
#include <set>
#include <vector>

namespace prescreen::core {
namespace {

using nlohmann::json;
using namespace manifest_detail;

/// The 0-based byte offset at which brackets first nest deeper than kMaxJsonNesting, if they do.
/// Strings are skipped, so brackets inside them do not count. Checked before parsing, so a hostile
/// file of "[[[[..." never becomes a deep tree.
std::optional<std::size_t> tooDeepAt(std::string_view text) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonNesting)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

/// The JSON Pointer of the first string (value or key) in `value` that holds a NUL character.
std::optional<std::string> nulAt(const json& value, const std::string& pointer) {
    if (value.is_string())
        return value.get_ref<const std::string&>().find('\0') == std::string::npos
                   ? std::nullopt
                   : std::optional<std::string>(pointer);
    if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            if (auto at = nulAt(value[i], pointer + "/" + std::to_string(i)))
                return at;
    } else if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            std::string path = pointer + "/";
            for (const char c : key)
                path += c == '~'   ? std::string("~0")
                        : c == '/' ? std::string("~1")
                                   : std::string(1, c);
            if (key.find('\0') != std::string::npos)
                return path;
            if (auto at = nulAt(member, path))
                return at;
        }
    }
    return std::nullopt;
}

/// Thrown from the parse callback at the first key an object names twice.
struct DuplicateKey {
    std::string key;
};

/// nlohmann's parse error as "line L, column C: what went wrong", printable.
std::string parseErrorText(const json::parse_error& error) {
    std::string text = error.what();
    const auto start = text.find("parse error");
    if (start != std::string::npos)
        text = text.substr(start);
    return printable(text, 300);
}

/// Imports the records of one file in order, refusing a second record with a CCN already seen.
class RecordImporter {
public:
    RecordImporter(std::string formatVersion, ProblemSink& problems, ManifestBatch& batch)
        : formatVersion_(std::move(formatVersion)), problems_(problems), batch_(batch) {}

    void operator()(const json& record) {
        ++ordinal_;
        const std::string label = recordLabel(ordinal_, record);
        if (record.is_object() && record.contains("cargoControlNumber") &&
            record.at("cargoControlNumber").is_string()) {
            const auto& ccn = record.at("cargoControlNumber").get_ref<const std::string&>();
            const auto [first, inserted] = firstRecordOf_.emplace(ccn, ordinal_);
            if (!inserted) {
                problems_.add(label, "/cargoControlNumber",
                              "duplicate cargo control number: record " +
                                  std::to_string(first->second) +
                                  " of this batch has it already; this record is not imported");
                return;
            }
        }
        if (const auto at = nulAt(record, "")) {
            problems_.add(label, *at,
                          "contains a NUL character (U+0000); this record is not imported");
            return;
        }
        const FieldNamer pointerIsField = [](const std::string& pointer) {
            return pointer;
        };
        importRecord(record, label, formatVersion_, pointerIsField, problems_, batch_.records);
    }

private:
    std::string formatVersion_;
    ProblemSink& problems_;
    ManifestBatch& batch_;
    std::size_t ordinal_ = 0;
    std::map<std::string, std::size_t> firstRecordOf_; // CCN -> 1-based record number
};

void importDocument(const json& document, ProblemSink& problems, ManifestBatch& batch) {
    if (!document.is_object()) {
        problems.add("", "",
                     std::string("not a manifest: the top level must be a JSON object (it is ") +
                         (document.is_array() ? "an array" : document.type_name()) +
                         "): one manifest, or a batch {\"formatVersion\", \"manifests\": [...]}");
        return;
    }
    const auto version = document.find("formatVersion");
    if (version == document.end()) {
        problems.add("", "/formatVersion",
                     "formatVersion is missing; this build reads versions 1.x");
        return;
    }
    if (auto problem = formatVersionProblem(*version)) {
        problems.add("", "/formatVersion", *problem);
        return;
    }
    RecordImporter importer(version->get<std::string>(), problems, batch);
    const auto manifests = document.find("manifests");
    if (manifests == document.end()) {
        importer(document);
        return;
    }
    for (const auto& [key, value] : document.items())
        if (key != "formatVersion" && key != "manifests")
            problems.add("", "/" + key,
                         "unknown property of a batch (it has only formatVersion and manifests)");
    if (!manifests->is_array()) {
        problems.add("", "/manifests", "manifests must be an array of manifest objects");
        return;
    }
    if (manifests->size() > kMaxRecords) {
        problems.add("", "/manifests",
                     "the batch has " + std::to_string(manifests->size()) + " manifests; at most " +
                         std::to_string(kMaxRecords) +
                         " per file are accepted, so none is imported");
        return;
    }
    for (const auto& record : *manifests)
        importer(record);
}

} // namespace

ManifestBatch parseManifestJson(std::string_view text, const std::string& file) {
    ManifestBatch batch;
    ProblemSink problems(batch, file);
    if (problems.refuseOversized(text))
        return batch;
    // nlohmann skips a byte order mark itself, and then counts it in its byte positions.
    if (const auto at = tooDeepAt(text)) {
        problems.add("", "",
                     "not a manifest: values nest deeper than " + std::to_string(kMaxJsonNesting) +
                         " levels (at byte " + std::to_string(*at + 1) + ")");
        return batch;
    }
    json document;
    // Each object names each key once: nlohmann would keep the last of two "origin"s silently.
    std::vector<std::set<std::string>> keys;
    const auto callback = [&keys](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start)
            keys.emplace_back();
        else if (event == json::parse_event_t::object_end && !keys.empty())
            keys.pop_back();
        else if (event == json::parse_event_t::key && !keys.empty() &&
                 !keys.back().insert(parsed.get<std::string>()).second)
            throw DuplicateKey{parsed.get<std::string>()};
        return true;
    };
    try {
        document = json::parse(text, callback);
    } catch (const DuplicateKey& duplicate) {
        problems.add("", "",
                     "not a manifest: an object names the key \"" + printable(duplicate.key, 60) +
                         "\" twice (which one would be meant?)");
        return batch;
    } catch (const json::parse_error& error) {
        problems.add("", "",
                     "not valid JSON (at byte " + std::to_string(error.byte) +
                         "): " + parseErrorText(error));
        return batch;
    } catch (const json::exception& error) {
        problems.add("", "", std::string("not valid JSON: ") + printable(error.what(), 300));
        return batch;
    }
    importDocument(document, problems, batch);
    return batch;
}

} // namespace prescreen::core
