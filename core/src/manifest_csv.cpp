// The CSV batch form (docs/manifest.md): a header of named columns, one row per declared line,
// rows with the same cargo_control_number make one manifest. Each manifest is turned into the
// JSON record form and checked by the same schema, so both forms share one set of rules.
//
// Two passes keep memory near the file's size: the first reads every row once to group rows by
// cargo control number (keeping only offsets), the second re-reads one manifest's rows at a time.
#include "manifest_csv_columns.h"
#include "manifest_csv_reader.h"
#include "manifest_record.h"

#include <prescreen/core/manifest.h>
#include <prescreen/core/text.h>

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace prescreen::core {
namespace {

using nlohmann::json;
using namespace manifest_detail;

constexpr std::size_t kMaxColumns = 64;
constexpr std::size_t kMaxRows = 1'000'000;

std::string where(std::size_t line, std::string_view column) {
    std::string out = "line " + std::to_string(line);
    if (!column.empty())
        out += ", column " + std::string(column);
    return out;
}

struct RowRef {
    std::size_t offset;
    std::size_t line;
};

/// The rows of one cargo control number, in file order.
struct Group {
    std::string label;
    std::vector<RowRef> rows;
    bool broken = false;
};

class CsvImport {
public:
    CsvImport(std::string_view text, ProblemSink& problems, ManifestBatch& batch)
        : reader_(text), problems_(problems), batch_(batch) {}

    void run() {
        if (!readHeader() || !groupRows())
            return;
        for (const auto& group : groups_)
            importGroup(group);
    }

private:
    bool readHeader() {
        CsvRow header;
        while (reader_.next(header, kMaxColumns + 1) && header.blank()) {
        }
        if (header.cells.empty() || header.blank()) {
            problems_.add("", "", "the CSV text has no header row");
            return false;
        }
        if (!header.error.empty() || header.cellCount > kMaxColumns) {
            problems_.add("", where(header.line, ""),
                          header.error.empty() ? "the header has more than " +
                                                     std::to_string(kMaxColumns) + " columns"
                                               : header.error);
            return false;
        }
        bool ok = true;
        const auto columns = csvColumns();
        std::vector<bool> seen(columns.size(), false);
        for (const auto& cell : header.cells) {
            const std::string name = lowerAscii(trimmed(cell));
            const auto found =
                std::find_if(columns.begin(), columns.end(),
                             [&](const ColumnSpec& spec) { return spec.name == name; });
            if (name.empty()) {
                problems_.add("", where(header.line, ""), "a column has no name");
                ok = false;
                continue;
            }
            if (found == columns.end()) {
                problems_.add("", where(header.line, printable(name, 40)),
                              "unknown column (docs/manifest.md lists the columns)");
                ok = false;
                continue;
            }
            const auto index = static_cast<std::size_t>(found - columns.begin());
            if (seen[index]) {
                problems_.add("", where(header.line, name), "the column appears twice");
                ok = false;
            }
            seen[index] = true;
            columns_.push_back(index);
        }
        if (ok && !seen[kCcnColumn]) {
            problems_.add("", where(header.line, ""),
                          "the header has no cargo_control_number column");
            ok = false;
        }
        if (!ok)
            problems_.add("", "", "nothing is imported until the header is corrected");
        return ok;
    }

    /// First pass: which rows belong to which cargo control number.
    bool groupRows() {
        const auto ccnAt = static_cast<std::size_t>(
            std::find(columns_.begin(), columns_.end(), kCcnColumn) - columns_.begin());
        std::unordered_map<std::string, std::size_t> groupOf;
        std::size_t rows = 0;
        CsvRow row;
        while (reader_.next(row, columns_.size())) {
            if (row.blank() && row.cellCount <= columns_.size())
                continue;
            if (++rows > kMaxRows) {
                problems_.add("", "",
                              "more than " + std::to_string(kMaxRows) +
                                  " data rows; nothing is imported");
                return false;
            }
            const std::string ccn(ccnAt < row.cells.size() ? trimmed(row.cells[ccnAt]) : "");
            if (ccn.empty()) {
                problems_.add("", where(row.line, "cargo_control_number"),
                              "is empty, so the row belongs to no manifest; it is not imported");
                continue;
            }
            auto [found, added] = groupOf.emplace(ccn, groups_.size());
            if (added) {
                if (groups_.size() == kMaxRecords) {
                    problems_.add("", "",
                                  "more than " + std::to_string(kMaxRecords) +
                                      " manifests; nothing is imported");
                    return false;
                }
                groups_.push_back(
                    {recordLabel(groups_.size() + 1, json{{"cargoControlNumber", ccn}}), {}});
            }
            Group& group = groups_[found->second];
            if (!row.error.empty() || row.cellCount != columns_.size()) {
                problems_.add(group.label, where(row.line, ""),
                              !row.error.empty() ? row.error
                                                 : "the row has " + std::to_string(row.cellCount) +
                                                       " cells; the header has " +
                                                       std::to_string(columns_.size()));
                group.broken = true;
                continue;
            }
            group.rows.push_back({row.offset, row.line});
        }
        return true;
    }

    /// Second pass over one group: the record as JSON, checked and imported.
    void importGroup(const Group& group) {
        if (group.broken) {
            problems_.add(group.label, "", "not imported, because a row of it is malformed");
            return;
        }
        json record = json::object();
        json lines = json::array();
        std::vector<std::string> first; // the first row's cells, for the agreement check
        bool ok = true;
        CsvRow row;
        for (const auto& ref : group.rows) {
            reader_.seek(ref.offset, ref.line);
            reader_.next(row, columns_.size());
            json line = json::object();
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                const ColumnSpec& spec = csvColumns()[columns_[i]];
                const std::string_view text = trimmed(row.cells[i]);
                if (!isUtf8(text) || text.find('\0') != std::string_view::npos) {
                    problems_.add(group.label, where(row.line, spec.name),
                                  isUtf8(text) ? "contains a NUL character (U+0000)"
                                               : "is not valid UTF-8");
                    ok = false;
                    continue;
                }
                if (spec.level == Level::Line) {
                    if (!text.empty())
                        line[json::json_pointer(std::string(spec.pointer))] = cellValue(spec, text);
                } else if (first.empty()) {
                    if (!text.empty())
                        record[json::json_pointer(std::string(spec.pointer))] =
                            cellValue(spec, text);
                } else if (text != first[i]) {
                    problems_.add(group.label, where(row.line, spec.name),
                                  "\"" + printable(text, 40) + "\" differs from \"" +
                                      printable(first[i], 40) + "\" on line " +
                                      std::to_string(group.rows.front().line) +
                                      "; the rows of one cargo control number must agree on "
                                      "every shipment column");
                    ok = false;
                }
            }
            if (first.empty())
                for (const auto& cell : row.cells)
                    first.emplace_back(trimmed(cell));
            lines.push_back(std::move(line));
        }
        if (!ok)
            return;
        record["lines"] = std::move(lines);
        std::string formatVersion(kManifestFormatVersion);
        if (const auto version = record.find("formatVersion"); version != record.end()) {
            if (auto problem = formatVersionProblem(*version)) {
                problems_.add(group.label, where(group.rows.front().line, "format_version"),
                              *problem);
                return;
            }
            formatVersion = version->get<std::string>();
        }
        const FieldNamer fieldOf = [&group](const std::string& pointer) {
            std::string_view rest = pointer;
            if (rest.substr(0, 7) != "/lines/")
                return where(group.rows.front().line, columnFor(rest, Level::Shipment));
            rest.remove_prefix(7);
            std::size_t index = 0;
            const auto [end, error] =
                std::from_chars(rest.data(), rest.data() + rest.size(), index);
            if (error != std::errc() || index >= group.rows.size())
                return where(group.rows.front().line, "");
            rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
            return where(group.rows[index].line, columnFor(rest, Level::Line));
        };
        importRecord(record, group.label, formatVersion, fieldOf, problems_, batch_.records);
    }

    CsvReader reader_;
    ProblemSink& problems_;
    ManifestBatch& batch_;
    std::vector<std::size_t> columns_; ///< per header position, the index into csvColumns()
    std::vector<Group> groups_;
};

} // namespace

ManifestBatch parseManifestCsv(std::string_view text, const std::string& file) {
    ManifestBatch batch;
    ProblemSink problems(batch, file);
    if (problems.refuseOversized(text))
        return batch;
    CsvImport(stripBom(text), problems, batch).run();
    return batch;
}

} // namespace prescreen::core
