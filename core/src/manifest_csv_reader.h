#pragma once
// An RFC 4180 reader over text held by the caller: quoted fields with doubled quotes, embedded
// commas and line breaks, CRLF or LF line ends. Private to core (the CSV manifest form).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace prescreen::core::manifest_detail {

struct CsvRow {
    std::vector<std::string> cells; ///< at most the `maxCells` asked for
    std::size_t cellCount = 0;      ///< cells the row has, stored or not
    std::size_t line = 0;           ///< 1-based line on which the row starts
    std::size_t offset = 0;         ///< byte offset of the row's start, for seek()
    std::string error;              ///< a quoting problem, or empty
    bool blank() const;             ///< no cell has anything but spaces
};

class CsvReader {
public:
    explicit CsvReader(std::string_view text) : text_(text) {}

    /// Reads the next row; false at the end of the text. A quoting problem is reported in
    /// row.error and the row is read on as well as it can be.
    bool next(CsvRow& row, std::size_t maxCells);
    /// Continues reading at a row start that next() reported.
    void seek(std::size_t offset, std::size_t line) {
        pos_ = offset;
        line_ = line;
    }

private:
    bool atRowEnd() const;
    void quotedField(std::string& cell, CsvRow& row);
    void plainField(std::string& cell, CsvRow& row);

    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

/// `text` without leading and trailing spaces and tabs.
std::string_view trimmed(std::string_view text);

} // namespace prescreen::core::manifest_detail
