// prescreen-hq: the headquarters sync server (docs/hq.md, docs/sync.md) and its admin commands.
#include "args.h"

#include <prescreen/core/model.h>
#include <prescreen/error.h>
#include <prescreen/hq/admin.h>
#include <prescreen/hq/bench.h>
#include <prescreen/hq/demo.h>
#include <prescreen/hq/server.h>
#include <prescreen/hq/sqlite_store.h>
#include <prescreen/imaging/dictionary.h>
#include <prescreen/version.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <pthread.h>
#include <set>
#include <signal.h>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace hq = prescreen::core::hq;
using prescreen::Error;
using prescreen::ErrorCode;

constexpr const char* kUsage = R"(Usage: prescreen-hq COMMAND [OPTIONS]

Headquarters server of Prescreen: receives the workstations' decisions, annotations and audit
events, and distributes cases, manifests, scans, rules and the officer directory (docs/hq.md).

  serve   --db FILE --cert FILE --key FILE --ca FILE [--crl FILE] [--listen ADDR:PORT]
          [--scans DIR] [--threads N]          serve sync protocol 1 over mutual TLS
  demo    DIR [--listen ADDR:PORT] [--no-serve]
                                               demo PKI, officers and cases in DIR, then serve
  import  --db FILE --site SITE|'*' [--scans DIR] MANIFESTS [SCAN-FILES-OR-FOLDERS...]
                                               add cases to the feed of a site (or every site)
  officer add --db FILE --badge B --name NAME --roles officer,supervisor,trainer,admin
          [--inactive]                         password from $PRESCREEN_NEW_PASSWORD or stdin
  officer list --db FILE
  rules publish --db FILE [--site SITE] FILE   publish a risk rules file after validating it
  audit   --db FILE [--action ACTION] [--limit N]
  bench   DIR [--clients 200] [--items 50] [--pushes 4] [--threads 2]
                                               simulated workstations pushing over real TLS

--listen defaults to 127.0.0.1:8443; --scans to hq-scans beside the database.
)";

// One command's arguments, parsed strictly by the parser prescreen-cli uses (app/cli/args.h):
// an unknown option or a missing value is a usage error (exit status 2).
class Args {
public:
    Args(int argc, char** argv, int first, const std::set<std::string>& valued,
         const std::set<std::string>& flags = {})
        : args_(std::vector<std::string>(argv + first, argv + argc), withDashes(valued),
                withDashes(flags)),
          positional(args_.positionals()) {}

    bool flag(const std::string& name) const { return args_.has("--" + name); }
    bool has(const std::string& name) const { return args_.has("--" + name); }
    std::string need(const std::string& name) const {
        const auto value = args_.value("--" + name);
        if (!value)
            throw Error(ErrorCode::InvalidArgument, "missing --" + name);
        return *value;
    }
    std::string get(const std::string& name, const std::string& fallback) const {
        return args_.value("--" + name, fallback);
    }

private:
    static std::set<std::string> withDashes(const std::set<std::string>& names) {
        std::set<std::string> options;
        for (const auto& name : names)
            options.insert("--" + name);
        return options;
    }
    prescreen::cli::Args args_;

public:
    const std::vector<std::string>& positional;
};

std::pair<std::string, unsigned short> parseListen(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos)
        throw Error(ErrorCode::InvalidArgument, "--listen '" + text + "' is not ADDRESS:PORT");
    auto address = text.substr(0, colon);
    if (address.size() > 2 && address.front() == '[' && address.back() == ']')
        address = address.substr(1, address.size() - 2);
    const auto portText = text.substr(colon + 1);
    char* end = nullptr;
    const long port = std::strtol(portText.c_str(), &end, 10);
    if (portText.empty() || *end != '\0' || port < 0 || port > 65535)
        throw Error(ErrorCode::InvalidArgument, "--listen port '" + portText + "' is not 0-65535");
    return {address, static_cast<unsigned short>(port)};
}

std::filesystem::path scanFolder(const Args& args, const std::filesystem::path& db) {
    const auto fallback = std::filesystem::absolute(db).parent_path() / "hq-scans";
    return args.get("scans", fallback.string());
}

// Serves until SIGINT or SIGTERM; the signals are blocked first so every server thread
// inherits the mask and only sigwait sees them.
int serveUntilSignal(hq::HqStore& store, hq::ServerOptions options) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    hq::Server server(store, options);
    std::printf("prescreen-hq: serving sync protocol 1 on https://%s:%u (%d threads); "
                "Ctrl-C stops\n",
                options.address.c_str(), server.port(), options.threads);
    std::fflush(stdout);
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    std::printf("prescreen-hq: stopped (%s)\n", received == SIGINT ? "SIGINT" : "SIGTERM");
    return 0;
}

int serve(const Args& args) {
    const std::filesystem::path db = args.need("db");
    hq::ServerOptions options;
    std::tie(options.address, options.port) = parseListen(args.get("listen", "127.0.0.1:8443"));
    options.certificateFile = args.need("cert");
    options.keyFile = args.need("key");
    options.caFile = args.need("ca");
    if (args.has("crl"))
        options.crlFile = args.need("crl");
    else
        std::fputs("prescreen-hq: warning: no --crl, revoked certificates are accepted\n", stderr);
    options.threads = std::stoi(args.get("threads", "2"));
    options.scanFolder = scanFolder(args, db);
    hq::SqliteHqStore store(db);
    return serveUntilSignal(store, options);
}

std::filesystem::path makePkiScript() {
    if (const char* script = std::getenv("PRESCREEN_MAKE_PKI"); script && *script)
        return script;
    return PRESCREEN_SOURCE_DIR "/packaging/make-pki.sh";
}

int demo(const Args& args) {
    if (args.positional.size() != 1)
        throw Error(ErrorCode::InvalidArgument, "demo takes one folder: prescreen-hq demo DIR");
    const std::filesystem::path dir = std::filesystem::absolute(args.positional[0]);
    std::printf("prescreen-hq: building the HQ demo in %s (PKI, phantom scans, officers)...\n",
                dir.c_str());
    std::fflush(stdout);
    const auto report = hq::buildHqDemo(dir, makePkiScript());
    std::printf("  %d cases with %d scan files for every site in %s\n", report.cases,
                report.scanFiles, report.database.c_str());
    std::printf("  officers (demo passwords):\n");
    for (const auto& officer : report.officers)
        std::printf("    %-8s %-28s %s\n", officer.badge.c_str(), officer.roles.c_str(),
                    officer.password.c_str());
    for (const auto& problem : report.problems)
        std::printf("  problem: %s\n", problem.c_str());
    hq::ServerOptions options;
    std::tie(options.address, options.port) = parseListen(args.get("listen", "127.0.0.1:8443"));
    const auto& pki = report.pki;
    options.certificateFile = pki / "hq.crt";
    options.keyFile = pki / "hq.key";
    options.caFile = pki / "ca.crt";
    options.crlFile = pki / "crl.pem";
    options.scanFolder = report.scans;
    const std::string p = pki.string();
    const std::string port = std::to_string(options.port);
    const std::string db = report.database.string();
    std::cout << "\nNext:\n"
              << "  ask HQ who you are, as workstation ws-demo-01:\n"
              << "    curl --cacert " << p << "/ca.crt --cert " << p << "/ws-demo-01.crt --key "
              << p << "/ws-demo-01.key \\\n"
              << "         -H 'Prescreen-Protocol: 1' https://localhost:" << port << "/v1/status\n"
              << "  point a workstation at it (docs/sync.md): URL https://localhost:" << port
              << ", CA " << p << "/ca.crt,\n    certificate " << p << "/ws-demo-01.crt, key " << p
              << "/ws-demo-01.key\n"
              << "  see what HQ refused:  prescreen-hq audit --db " << db << "\n"
              << "  serve it again later: prescreen-hq serve --db " << db << " --cert " << p
              << "/hq.crt --key " << p << "/hq.key --ca " << p << "/ca.crt --crl " << p
              << "/crl.pem --scans " << report.scans.string() << "\n\n"
              << std::flush;
    if (args.flag("no-serve"))
        return 0;
    hq::SqliteHqStore store(report.database);
    return serveUntilSignal(store, options);
}

int importCommand(const Args& args) {
    if (args.positional.empty())
        throw Error(ErrorCode::InvalidArgument, "import needs a manifest file");
    const std::filesystem::path db = args.need("db");
    hq::SqliteHqStore store(db);
    std::vector<std::filesystem::path> scans(args.positional.begin() + 1, args.positional.end());
    const auto report =
        hq::importCases(store, args.need("site"), args.positional[0], scans, scanFolder(args, db));
    for (const auto& warning : report.warnings)
        std::printf("warning: %s\n", warning.c_str());
    for (const auto& problem : report.problems)
        std::fprintf(stderr, "not imported: %s\n", problem.c_str());
    std::printf("imported %d cases with %d scan files for site %s\n", report.casesAdded,
                report.scanFiles, args.need("site").c_str());
    return report.problems.empty() ? 0 : 1;
}

std::string newPassword() {
    if (const char* password = std::getenv("PRESCREEN_NEW_PASSWORD"); password && *password)
        return password;
    std::string line;
    if (!std::getline(std::cin, line))
        throw Error(ErrorCode::InvalidArgument,
                    "no password: set PRESCREEN_NEW_PASSWORD or give it on standard input");
    return line;
}

int officer(const std::string& action, const Args& args) {
    hq::SqliteHqStore store(args.need("db"));
    if (action == "list") {
        for (const auto& o : store.officers())
            std::printf("%-10s %-30s %-30s %s\n", o.badge.c_str(), o.name.c_str(),
                        prescreen::core::formatRoles(o.roles).c_str(),
                        o.active ? "active" : "inactive");
        return 0;
    }
    if (action != "add")
        throw Error(ErrorCode::InvalidArgument, "officer takes add or list, not '" + action + "'");
    const auto badge = args.need("badge");
    const auto seq = hq::putOfficer(store, badge, args.need("name"),
                                    prescreen::core::parseRoles(args.need("roles")),
                                    !args.flag("inactive"), newPassword());
    std::printf("saved officer %s (feed row %lld, sent to every workstation)\n", badge.c_str(),
                static_cast<long long>(seq));
    return 0;
}

int rules(const std::string& action, const Args& args) {
    if (action != "publish" || args.positional.size() != 1)
        throw Error(ErrorCode::InvalidArgument, "usage: prescreen-hq rules publish --db FILE FILE");
    hq::SqliteHqStore store(args.need("db"));
    const auto seq = hq::publishRules(store, args.positional[0], args.get("site", "*"));
    std::printf("published %s (feed row %lld)\n", args.positional[0].c_str(),
                static_cast<long long>(seq));
    return 0;
}

int audit(const Args& args) {
    hq::SqliteHqStore store(args.need("db"));
    std::optional<std::string> action;
    if (args.has("action"))
        action = args.need("action");
    for (const auto& row : store.auditTrail(action, std::stoi(args.get("limit", "50"))))
        std::printf("%lld %s %-14s site=%s peer=%s %s %s\n", static_cast<long long>(row.seq),
                    row.at.c_str(), row.action.c_str(), row.site.c_str(), row.peer.c_str(),
                    row.subject.c_str(), row.details.dump().c_str());
    return 0;
}

int bench(const Args& args) {
    if (args.positional.size() != 1)
        throw Error(ErrorCode::InvalidArgument, "bench takes one new folder for its PKI and db");
    hq::BenchOptions options;
    options.folder = args.positional[0];
    options.makePkiScript = makePkiScript();
    options.clients = std::stoi(args.get("clients", "200"));
    options.itemsPerPush = std::stoi(args.get("items", "50"));
    options.pushesPerClient = std::stoi(args.get("pushes", "4"));
    options.serverThreads = std::stoi(args.get("threads", "2"));
    std::cout << hq::runBench(options).toText();
    return 0;
}

int run(int argc, char** argv) {
    const std::string command = argv[1];
    if (command == "serve")
        return serve(
            Args(argc, argv, 2, {"db", "cert", "key", "ca", "crl", "listen", "scans", "threads"}));
    if (command == "demo")
        return demo(Args(argc, argv, 2, {"listen"}, {"no-serve"}));
    if (command == "import")
        return importCommand(Args(argc, argv, 2, {"db", "site", "scans"}));
    if (command == "audit")
        return audit(Args(argc, argv, 2, {"db", "action", "limit"}));
    if (command == "bench")
        return bench(Args(argc, argv, 2, {"clients", "items", "pushes", "threads"}));
    if (command == "officer" && argc >= 3)
        return officer(argv[2],
                       Args(argc, argv, 3, {"db", "badge", "name", "roles"}, {"inactive"}));
    if (command == "rules" && argc >= 3)
        return rules(argv[2], Args(argc, argv, 3, {"db", "site"}));
    std::fputs(kUsage, stderr);
    std::fprintf(stderr, "\nprescreen-hq: unknown command '%s'\n", command.c_str());
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    prescreen::imaging::initialise();
    const std::string_view first = argc > 1 ? argv[1] : "";
    if (first == "--help" || first == "-h") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (first == "--version") {
        std::printf("prescreen-hq %s\n", prescreen::kVersion);
        return 0;
    }
    if (first.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    try {
        return run(argc, argv);
    } catch (const prescreen::cli::UsageError& error) {
        std::fprintf(stderr, "prescreen-hq: %s (prescreen-hq --help lists the options)\n",
                     error.what());
        return 2;
    } catch (const Error& error) {
        std::fprintf(stderr, "prescreen-hq: %s\n", error.what());
        return error.code() == ErrorCode::InvalidArgument ? 2 : 1; // 2: a usage problem
    } catch (const std::exception& error) {
        std::fprintf(stderr, "prescreen-hq: %s\n", error.what());
        return 1;
    }
}
