#include <prescreen/core/time.h>
#include <prescreen/error.h>
#include <prescreen/sync/client.h>
#include <prescreen/sync/download.h>
#include <prescreen/sync/https_client.h>
#include <prescreen/sync/outbox.h>
#include <prescreen/sync/pull.h>
#include <prescreen/sync/state.h>

#include <nlohmann/json.hpp>

#include <chrono>

namespace prescreen::sync {
namespace {

constexpr std::size_t kPullPageLimit = 500;
// HQ's pull page is at most 4 MiB; a little room for the envelope.
constexpr std::size_t kPullBodyLimit = (4u << 20) + (64u << 10);

std::string hqError(const std::string& what, const HttpResponse& response) {
    std::string detail;
    const auto json = nlohmann::json::parse(response.body, nullptr, false);
    if (json.is_object() && json.contains("error") && json.at("error").is_string())
        detail = ": " + json.at("error").get<std::string>().substr(0, 500);
    return what + ": HQ answered " + std::to_string(response.status) + detail;
}

} // namespace

nlohmann::json toJson(const RoundReport& report) {
    return {{"ok", report.ok},
            {"error", report.error},
            {"pushBatches", report.pushBatches},
            {"stored", report.stored},
            {"duplicate", report.duplicate},
            {"rejected", report.rejected},
            {"pulledItems", report.pulledItems},
            {"officers", report.officers},
            {"rules", report.rules},
            {"cases", report.cases},
            {"scansDownloaded", report.scansDownloaded},
            {"casesIngested", report.casesIngested},
            {"warnings", report.warnings},
            {"bytesSent", report.bytesSent},
            {"bytesReceived", report.bytesReceived},
            {"seconds", report.seconds}};
}

SyncClient::SyncClient(core::Service& service, SyncConfig config, SyncHooks hooks)
    : service_(service), config_(std::move(config)), hooks_(std::move(hooks)),
      http_(std::make_unique<HttpsClient>(config_)) {}

SyncClient::~SyncClient() = default;

std::string SyncClient::now() {
    return core::formatUtc(std::chrono::system_clock::now());
}

void SyncClient::cancel() {
    http_->cancel();
}

nlohmann::json SyncClient::hqStatus() {
    const auto response = http_->request("GET", "/v1/status", {}, {}, 64 * 1024);
    if (response.status != 200)
        throw Error(ErrorCode::Network, hqError("status", response));
    auto json = nlohmann::json::parse(response.body, nullptr, false);
    if (!json.is_object())
        throw Error(ErrorCode::BadFormat, "HQ's status answer is not a JSON object");
    return json;
}

void SyncClient::pushAll(RoundReport& report) {
    auto& db = service_.store().connection();
    for (;;) {
        const auto batch = readOutboxBatch(db, config_.batchItems, config_.batchBytes);
        if (batch.items.empty() && batch.refused.empty())
            return;
        std::vector<PushResult> results;
        if (!batch.items.empty()) {
            const auto response = http_->request("POST", "/v1/push", batch.body, {}, 1u << 20);
            if (hooks_.afterPushSent)
                hooks_.afterPushSent(static_cast<std::int64_t>(batch.items.size()));
            if (response.status != 200)
                throw Error(ErrorCode::Network, hqError("push", response));
            results = parsePushResponse(response.body, batch);
            if (results.empty())
                throw Error(ErrorCode::BadFormat, "HQ's push answer lists no item of the batch");
            ++report.pushBatches;
        }
        const auto counts = applyPushResults(db, batch, results, now());
        report.stored += counts.stored;
        report.duplicate += counts.duplicate;
        report.rejected += counts.rejected;
    }
}

void SyncClient::pullAll(RoundReport& report) {
    auto& db = service_.store().connection();
    for (;;) {
        const auto cursor = std::stoll(readSetting(db, keys::kCursor).value_or("0"));
        const auto response = http_->request("GET",
                                             "/v1/pull?cursor=" + std::to_string(cursor) +
                                                 "&limit=" + std::to_string(kPullPageLimit),
                                             {}, {}, kPullBodyLimit);
        if (response.status != 200)
            throw Error(ErrorCode::Network, hqError("pull", response));
        const auto counts = applyPullPage(db, service_.cache(), cursor, response.body, now());
        report.pulledItems += counts.items;
        report.officers += counts.officers;
        report.rules += counts.rules;
        report.cases += counts.cases;
        report.warnings.insert(report.warnings.end(), counts.warnings.begin(),
                               counts.warnings.end());
        if (!counts.more)
            return;
        if (counts.cursor == cursor)
            throw Error(ErrorCode::BadFormat, "HQ says more items follow but moved no cursor");
    }
}

void SyncClient::downloadPending(RoundReport& report) {
    auto& db = service_.store().connection();
    struct Wanted {
        std::string sha256;
        std::int64_t size;
    };
    std::vector<Wanted> wanted;
    {
        auto query = db.prepare("SELECT sha256, size_bytes FROM sync_downloads ORDER BY sha256");
        while (query.step())
            wanted.push_back({query.columnText(0), query.columnInt64(1)});
    }
    std::string firstError;
    for (const auto& scan : wanted) {
        try {
            if (!service_.cache().contains(scan.sha256))
                downloadScan(*http_, service_.cache(), scan.sha256, scan.size, 4 << 20,
                             hooks_.afterScanChunk);
            db.prepare("DELETE FROM sync_downloads WHERE sha256 = ?1").bind(1, scan.sha256).run();
            ++report.scansDownloaded;
        } catch (const Error& error) {
            db.prepare("UPDATE sync_downloads SET attempts = attempts + 1, error = ?2 "
                       "WHERE sha256 = ?1")
                .bind(1, scan.sha256)
                .bind(2, std::string(error.what()))
                .run();
            // A link failure ends the round; a bad file is counted and the others go on.
            if (error.code() == ErrorCode::Network)
                throw;
            if (firstError.empty())
                firstError = error.what();
        }
    }
    const auto ingested = ingestReadyCases(service_);
    report.casesIngested += ingested.ingested;
    report.warnings.insert(report.warnings.end(), ingested.errors.begin(), ingested.errors.end());
    if (!firstError.empty())
        throw Error(ErrorCode::BadFormat, firstError);
}

RoundReport SyncClient::runRound() {
    RoundReport report;
    const auto start = std::chrono::steady_clock::now();
    const auto sent = http_->bytesSent();
    const auto received = http_->bytesReceived();
    auto& db = service_.store().connection();
    try {
        writeSetting(db, keys::kLastAttempt, now());
        pushAll(report);
        pullAll(report);
        downloadPending(report);
        report.ok = true;
    } catch (const Error& error) {
        report.error = error.what();
        http_->close();
    } catch (const std::exception& error) {
        // Not expected (a library's own exception): still a failed round, not a dead runner.
        report.error = std::string("internal error: ") + error.what();
        http_->close();
    }
    report.bytesSent = http_->bytesSent() - sent;
    report.bytesReceived = http_->bytesReceived() - received;
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    try {
        core::sqlite::Transaction transaction(db);
        writeSetting(db, keys::kLastError, report.error);
        if (report.ok)
            writeSetting(db, keys::kLastSuccess, now());
        transaction.commit();
    } catch (const Error& error) {
        if (report.ok) {
            report.ok = false;
            report.error = error.what();
        }
    }
    return report;
}

} // namespace prescreen::sync
