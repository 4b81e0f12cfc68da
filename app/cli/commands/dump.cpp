#include "../args.h"
#include "../commands.h"

#include <prescreen/imaging/dicom_header.h>
#include <prescreen/imaging/dictionary.h>

#include <cstdio>
#include <ostream>

namespace prescreen::cli {
namespace {

std::string hex4(unsigned value) {
    char text[5];
    std::snprintf(text, sizeof text, "%04X", value & 0xFFFFu);
    return text;
}

void printAttributes(const std::vector<imaging::DicomAttribute>& attributes, std::ostream& out) {
    for (const auto& a : attributes) {
        out << '(' << hex4(a.group) << ',' << hex4(a.element) << ") " << a.vr << ' '
            << (a.keyword.empty() ? std::string("?") : a.keyword) << " = " << a.value << '\n';
    }
}

} // namespace

int dumpCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {}, {});
    parsed.expectPositionals(1, 1, "exactly one PATH");
    const auto header = imaging::readDicomHeader(parsed.positionals().front());
    out << "# transfer syntax: " << header.transferSyntaxName << " (" << header.transferSyntaxUid
        << ")\n";
    printAttributes(header.meta, out);
    printAttributes(header.dataset, out);
    return 0;
}

int dictionaryCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    Args(args, {}, {}).expectPositionals(0, 0, "no arguments");
    out << imaging::supplementaryDictionaryText();
    return 0;
}

} // namespace prescreen::cli
