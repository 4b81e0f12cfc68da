#include "cli.h"

#include <prescreen/error.h>
#include <prescreen/imaging/dicom_header.h>
#include <prescreen/imaging/dictionary.h>
#include <prescreen/version.h>

#include <cstdio>
#include <ostream>

namespace prescreen::cli {
namespace {

constexpr const char* kUsage = R"(Usage: prescreen-cli [--help] [--version] COMMAND [ARGS...]

Headless tools of the Prescreen cargo pre-screening workstation.

Commands:
  dump PATH     list the attributes of a DICOM / DICOS / DICONDE file with their names,
                using DCMTK's dictionary plus Prescreen's DICOS supplement
  dictionary    print the supplementary DICOS dictionary (DCMTK .dic format)

Exit status: 0 success, 1 the command failed, 2 usage error.
)";

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

int dump(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.size() != 2) {
        err << "prescreen-cli dump: expects exactly one PATH\n";
        return 2;
    }
    const auto header = imaging::readDicomHeader(args[1]);
    out << "# transfer syntax: " << header.transferSyntaxName << " (" << header.transferSyntaxUid
        << ")\n";
    printAttributes(header.meta, out);
    printAttributes(header.dataset, out);
    return 0;
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    imaging::initialise();
    if (args.empty()) {
        err << kUsage;
        return 2;
    }
    const std::string& command = args.front();
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            out << kUsage;
            return 0;
        }
        if (command == "--version") {
            out << "prescreen-cli " << kVersion << '\n';
            return 0;
        }
        if (command == "dump")
            return dump(args, out, err);
        if (command == "dictionary") {
            out << imaging::supplementaryDictionaryText();
            return 0;
        }
    } catch (const Error& error) {
        err << "prescreen-cli " << command << ": " << error.what() << '\n';
        return 1;
    }
    err << "prescreen-cli: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
}

} // namespace prescreen::cli
