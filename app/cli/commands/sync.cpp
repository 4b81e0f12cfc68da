#include "../args.h"
#include "../commands.h"
#include "../site.h"

#include <prescreen/error.h>
#include <prescreen/sync/client.h>
#include <prescreen/sync/config.h>
#include <prescreen/sync/state.h>

#include <nlohmann/json.hpp>

#include <ostream>

namespace prescreen::cli {
namespace {

std::filesystem::path databaseOf(const Args& parsed) {
    if (const auto db = parsed.value(kDbOption))
        return *db;
    return core::databasePath(core::defaultDataDirectory());
}

int configure(const Args& parsed, std::ostream& out) {
    parsed.expectPositionals(1, 1, "sync configure");
    const auto hq = parsed.value("--hq");
    const auto ca = parsed.value("--ca");
    const auto cert = parsed.value("--cert");
    const auto key = parsed.value("--key");
    if (!hq || !ca || !cert || !key)
        throw UsageError("sync configure needs --hq https://host:port --ca FILE --cert FILE "
                         "--key FILE");
    sync::SyncConfig config;
    sync::parseHqUrl(*hq, config);
    config.caFile = *ca;
    config.certFile = *cert;
    config.keyFile = *key;
    config.crlFile = parsed.value("--crl", "");
    if (parsed.has("--interval"))
        config.interval = std::chrono::seconds(parsed.integer("--interval", 60));
    const auto database = databaseOf(parsed);
    // The store must exist (and be ours) before its sync is configured.
    { core::Store store(database); }
    const auto file = sync::syncConfigPath(database);
    sync::saveSyncConfig(file, config);
    out << "sync configured: " << config.url() << " (" << file.string() << ")\n";
    return 0;
}

int status(const Args& parsed, std::ostream& out) {
    parsed.expectPositionals(1, 1, "sync status");
    const auto database = databaseOf(parsed);
    { core::Store store(database); } // migrated, so the sync tables exist
    sync::SyncStatusReader reader(database);
    const auto state = reader.read();
    if (parsed.has("--json")) {
        out << sync::toJson(state).dump(2) << '\n';
        return 0;
    }
    auto orNever = [](const std::string& text) {
        return text.empty() ? "never" : text;
    };
    out << "HQ:              "
        << (state.configured            ? state.hq
            : state.configError.empty() ? "not configured (prescreen-cli sync configure)"
                                        : "configuration unusable: " + state.configError)
        << "\nlast success:    " << orNever(state.lastSuccess)
        << "\nlast attempt:    " << orNever(state.lastAttempt)
        << "\nlast error:      " << (state.lastError.empty() ? "none" : state.lastError)
        << "\nto push:         " << state.pendingPush << "\nrejected by HQ:  " << state.rejected
        << "\nscans to fetch:  " << state.pendingScans
        << "\ncases waiting:   " << state.pendingCases
        << (state.failedCases > 0
                ? " (" + std::to_string(state.failedCases) + " could not be ingested)"
                : std::string())
        << "\nfeed cursor:     " << state.cursor << "\nrules from HQ:   "
        << (state.rulesVersion.empty() ? "none (built-in)" : state.rulesVersion)
        << (state.rulesError.empty() ? std::string() : "\nrules refused:   " + state.rulesError)
        << '\n';
    return 0;
}

int now(const Args& parsed, std::ostream& out) {
    parsed.expectPositionals(1, 1, "sync now");
    Site site(parsed);
    sync::SyncClient client(site.service, sync::requireSyncConfig(site.store.file()));
    const auto report = client.runRound();
    if (parsed.has("--json")) {
        out << sync::toJson(report).dump(2) << '\n';
    } else {
        out << "pushed " << report.stored << " new, " << report.duplicate << " already at HQ, "
            << report.rejected << " rejected; pulled " << report.pulledItems << " items ("
            << report.officers << " officers, " << report.rules << " rules, " << report.cases
            << " cases); " << report.scansDownloaded << " scans downloaded, "
            << report.casesIngested << " cases queued\n";
        for (const auto& warning : report.warnings)
            out << "warning: " << warning << '\n';
    }
    if (!report.ok)
        throw Error(ErrorCode::Network, "sync failed: " + report.error);
    return 0;
}

} // namespace

int syncCommand(const CommandArgs& args, std::ostream& out, std::ostream&) {
    const Args parsed(args, {"--db", "--hq", "--ca", "--cert", "--key", "--crl", "--interval"},
                      {"--json"});
    if (parsed.positionals().empty())
        throw UsageError("sync status|now|configure");
    const auto& action = parsed.positionals().front();
    if (action == "configure")
        return configure(parsed, out);
    if (action == "status")
        return status(parsed, out);
    if (action == "now")
        return now(parsed, out);
    throw UsageError("unknown sync action '" + action + "' (status, now or configure)");
}

} // namespace prescreen::cli
