#include "cli.h"

#include "args.h"
#include "commands.h"

#include <prescreen/error.h>
#include <prescreen/imaging/dictionary.h>
#include <prescreen/version.h>

#include <ostream>

namespace prescreen::cli {
namespace {

struct Command {
    const char* name;
    const char* synopsis;
    const char* summary;
    int (*run)(const CommandArgs&, std::ostream&, std::ostream&);
};

// Every command, in the order --help lists them.
const Command kCommands[] = {
    {"info", "info PATH [--json] [--no-siblings]",
     "what a scan file or folder holds: views, planes, sizes, energies, ids; or the error",
     infoCommand},
    {"pixels", "pixels PATH --md5 [--no-siblings]",
     "md5 of each plane's stored values (little-endian uint16, before rescale / VOI)",
     pixelsCommand},
    {"render",
     "render PATH -o OUT.png [--mode grey|material|organic|inorganic] [--window C,W] "
     "[--display attenuation|hdr|linear] [--smooth] [--gamma G] [--invert] [--clahe] [--edge] "
     "[--zoom F] [--slice LO,HI] [--view N] [--plane KIND]",
     "render a scan view to PNG: greyscale (transmission in attenuation by default; window C,W "
     "then in -ln T), or dual-energy material colour",
     renderCommand},
    {"phantom",
     "phantom OUTDIR --seed N [--kind parcel|pallet|container|cargo] [--size WxH] "
     "[--profile parcel-160kv|linac-6-4mev|linac-9-6mev] [--machine-tdr]",
     "write a dual-energy DICOS phantom scan (two files) and its ground-truth JSON; with "
     "--machine-tdr also a scanner's MACHINE TDR flagging its first two objects",
     phantomCommand},
    {"calibrate",
     "calibrate (--semiz DIR | --step-wedge FILE) --id ID --name NAME --high-kev E "
     "[--low-kev E] [--manufacturer M] [--model M] [-o PROFILE.json] [--min-separation S]",
     "build a calibration profile from measurements of known materials; reports the fit "
     "residuals and refuses one whose classes cannot be separated",
     calibrateCommand},
    {"bench",
     "bench [--size WxH] [--repeat N] [--cargo-only] [--dicom FILE --self PATH-TO-prescreen-cli]",
     "imaging speed as ratios to memcpy (and to dcm2pnm with --dicom), measured in this run; "
     "--cargo-only: only the attenuation / HDR display rows",
     benchCommand},
    {"bench-store", "bench-store [--decisions N] [--cases N] [--dir PATH] [--repeat N]",
     "store speed: decisions vs raw SQLite inserts, queue over many cases (WAL, FULL sync)",
     benchStoreCommand},
    {"import", "import SCAN_PATH... --manifest FILE [--rules FILE] [--db PATH]",
     "create cases from a manifest (JSON or CSV) and the scans it links to; prints every error",
     importCommand},
    {"cases",
     "cases [--json] [--status S] [--min-level L] [--mode M] [--sort risk|oldest|newest|ccn] "
     "[--limit N] [--officer BADGE] [--db PATH]",
     "list cases, highest risk first (with --officer: that officer's queue)", casesCommand},
    {"decide",
     "decide CASE --release|--refer --reason CODE[,CODE] --officer BADGE [--comment TEXT] "
     "[--time-on-task SECONDS] [--override] [--db PATH]",
     "record a decision (password from PRESCREEN_PASSWORD or stdin); --override: supervisor",
     decideCommand},
    {"alarms",
     "alarms CASE [--confirm ID[,ID]] [--dismiss ID[,ID]] [--report UID] [--officer BADGE] "
     "[--db PATH]",
     "the scanner's own alarms (MACHINE TDR objects) of a case; an officer confirms or "
     "dismisses them",
     alarmsCommand},
    {"export-tdr", "export-tdr CASE -o FILE [--officer BADGE] [--db PATH]",
     "write the case's decision as a DICOS OPERATOR Threat Detection Report", exportTdrCommand},
    {"audit", "audit verify|list [--after SEQ] [--limit N] [--db PATH]",
     "verify the hash-chained audit trail (says which event is wrong), or list it", auditCommand},
    {"officer",
     "officer add BADGE --name NAME --roles ROLE[,ROLE] [--admin BADGE] | officer list [--json] "
     "[--db PATH]",
     "manage officers (new password from PRESCREEN_NEW_PASSWORD or stdin)", officerCommand},
    {"demo-site", "demo-site DIR [--cases N] [--seed N] [--fast-passwords]",
     "build a demo site: phantom scans, manifests, risk spread, officers of every role",
     demoSiteCommand},
    {"sync",
     "sync status [--json] | sync now [--json] | sync configure --hq https://HOST:PORT --ca FILE "
     "--cert FILE --key FILE [--crl FILE] [--interval SECONDS] [--db PATH]",
     "the HQ sync: its state, one round now (push, pull, scans), or where HQ is", syncCommand},
    {"dump", "dump PATH",
     "list a DICOM / DICOS / DICONDE file's attributes by name (DICOS supplement included)",
     dumpCommand},
    {"dictionary", "dictionary", "print the supplementary DICOS dictionary (DCMTK .dic format)",
     dictionaryCommand},
};

void printUsage(std::ostream& out) {
    out << "Usage: prescreen-cli [--help] [--version] COMMAND [ARGS...]\n\n"
           "Headless tools of the Prescreen cargo pre-screening workstation.\n\nCommands:\n";
    for (const auto& command : kCommands)
        out << "  " << command.synopsis << "\n      " << command.summary << '\n';
    out << "\nExit status: 0 success, 1 the command failed, 2 usage error.\n";
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    imaging::initialise();
    if (args.empty()) {
        printUsage(err);
        return 2;
    }
    const std::string& name = args.front();
    if (name == "--help" || name == "-h" || name == "help") {
        printUsage(out);
        return 0;
    }
    if (name == "--version") {
        out << "prescreen-cli " << kVersion << '\n';
        return 0;
    }
    for (const auto& command : kCommands) {
        if (name != command.name)
            continue;
        const CommandArgs rest(args.begin() + 1, args.end());
        try {
            return command.run(rest, out, err);
        } catch (const UsageError& error) {
            err << "prescreen-cli " << name << ": " << error.what() << "\nUsage: prescreen-cli "
                << command.synopsis << '\n';
            return 2;
        } catch (const Error& error) {
            err << "prescreen-cli " << name << ": " << error.what() << '\n';
            return 1;
        } catch (const std::exception& error) {
            // Not expected (input is checked at the edge), but never an abort.
            err << "prescreen-cli " << name << ": internal error: " << error.what() << '\n';
            return 1;
        }
    }
    err << "prescreen-cli: unknown command '" << name << "'\n\n";
    printUsage(err);
    return 2;
}

} // namespace prescreen::cli
