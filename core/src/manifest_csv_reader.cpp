// RFC 4180 reading for the CSV manifest form (manifest_csv.cpp).
#include "manifest_csv_reader.h"

#include <algorithm>

namespace prescreen::core::manifest_detail {

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

bool CsvRow::blank() const {
    return std::all_of(cells.begin(), cells.end(),
                       [](const std::string& cell) { return trimmed(cell).empty(); });
}

bool CsvReader::atRowEnd() const {
    return pos_ >= text_.size() || text_[pos_] == '\n' ||
           (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
}

void CsvReader::quotedField(std::string& cell, CsvRow& row) {
    const std::size_t openedOn = line_;
    ++pos_;
    while (true) {
        if (pos_ >= text_.size()) {
            row.error =
                "a quoted field opened on line " + std::to_string(openedOn) + " is never closed";
            return;
        }
        const char c = text_[pos_];
        if (c == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                cell += '"';
                pos_ += 2;
                continue;
            }
            ++pos_;
            break;
        }
        if (c == '\n')
            ++line_;
        cell += c;
        ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && !atRowEnd()) {
        if (row.error.empty())
            row.error =
                "text follows the closing quote of a field on line " + std::to_string(line_);
        plainField(cell, row);
    }
}

void CsvReader::plainField(std::string& cell, CsvRow& row) {
    while (pos_ < text_.size() && text_[pos_] != ',' && !atRowEnd()) {
        if (text_[pos_] == '"' && row.error.empty())
            row.error = "a quote inside an unquoted field on line " + std::to_string(line_) +
                        " (quote the whole field and double the quote)";
        cell += text_[pos_];
        ++pos_;
    }
}

bool CsvReader::next(CsvRow& row, std::size_t maxCells) {
    row.cells.clear();
    row.cellCount = 0;
    row.error.clear();
    row.line = line_;
    row.offset = pos_;
    if (pos_ >= text_.size())
        return false;
    std::string cell;
    while (true) {
        cell.clear();
        if (pos_ < text_.size() && text_[pos_] == '"')
            quotedField(cell, row);
        else
            plainField(cell, row);
        if (row.cellCount++ < maxCells)
            row.cells.push_back(cell);
        if (pos_ < text_.size() && text_[pos_] == ',') {
            ++pos_;
            continue;
        }
        break;
    }
    if (pos_ < text_.size()) {
        pos_ += text_[pos_] == '\r' ? 2 : 1;
        ++line_;
    }
    return true;
}

} // namespace prescreen::core::manifest_detail
