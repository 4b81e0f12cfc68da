#pragma once
// One workstation's sync with HQ (docs/sync.md, docs/sync-client.md): a round pushes the outbox
// until it is empty, pulls the feed until HQ has no more, downloads the scans pending cases need
// and ingests the cases that are complete. Every step commits before the next, so a cut
// connection or a crash at any point loses nothing and duplicates nothing at HQ.

#include <prescreen/core/service.h>
#include <prescreen/sync/config.h>

#include <nlohmann/json_fwd.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace prescreen::sync {

class HttpsClient;

struct RoundReport {
    bool ok = false;
    std::string error; ///< the first failure, "" if ok
    int pushBatches = 0;
    int stored = 0;    ///< new at HQ
    int duplicate = 0; ///< HQ already had them (a replay after a cut connection)
    int rejected = 0;
    int pulledItems = 0;
    int officers = 0;
    int rules = 0;
    int cases = 0;
    int scansDownloaded = 0;
    int casesIngested = 0;
    std::vector<std::string> warnings; ///< feed items skipped, cases that could not be ingested
    std::uint64_t bytesSent = 0;
    std::uint64_t bytesReceived = 0;
    double seconds = 0;
};

nlohmann::json toJson(const RoundReport& report);

/// Test hooks: called at points a crash test wants to stop at.
struct SyncHooks {
    std::function<void(std::int64_t)> afterPushSent;  ///< a push body was sent (seq count)
    std::function<void(std::int64_t)> afterScanChunk; ///< bytes of the current scan on disk
};

class SyncClient {
public:
    /// `service` (and its store) is used only from the thread that calls runRound.
    SyncClient(core::Service& service, SyncConfig config, SyncHooks hooks = {});
    ~SyncClient();
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;

    /// One round; never throws for link or HQ failures: they are in the report and the status
    /// (sync.lastError). Records sync.lastAttempt / sync.lastSuccess.
    RoundReport runRound();

    /// The parts of a round; each throws prescreen::Error on failure, after committing what
    /// HQ acknowledged so far.
    void pushAll(RoundReport& report);
    void pullAll(RoundReport& report);
    void downloadPending(RoundReport& report);

    /// GET /v1/status: {"site", "feedHead", "serverTime"}; throws on failure.
    nlohmann::json hqStatus();

    /// Ends the round in progress from any thread (it fails with "cancelled").
    void cancel();

    HttpsClient& http() { return *http_; }

private:
    std::string now();

    core::Service& service_;
    SyncConfig config_;
    SyncHooks hooks_;
    std::unique_ptr<HttpsClient> http_;
};

} // namespace prescreen::sync
