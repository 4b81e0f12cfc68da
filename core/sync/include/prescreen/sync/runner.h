#pragma once
// The background sync of a workstation (docs/sync-client.md#schedule): a thread of its own, with
// its own store connection, runs a round every interval and whenever asked; after a failure the
// next round waits 5 s, doubling to 15 min, ±20 % jitter. Qt-free: the UI calls requestNow()
// from its button and reads SyncStatusReader (state.h) on its own thread.

#include <prescreen/sync/client.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

namespace prescreen::sync {

/// The wait after `failures` consecutive failed rounds (>= 1): 5 s * 2^(failures-1), at most
/// 15 min, times a factor drawn uniformly from [0.8, 1.2].
std::chrono::milliseconds backoffDelay(int failures, std::mt19937_64& random);

class SyncRunner {
public:
    struct Options {
        std::filesystem::path databaseFile;
        /// nullopt: sync.json beside the database, read again before every round.
        std::optional<SyncConfig> config;
        /// nullopt: the configuration's interval (60 s by default).
        std::optional<std::chrono::milliseconds> interval;
        /// Called on the runner's thread after every round (e.g. to post a UI refresh).
        std::function<void(const RoundReport&)> onRound;
        std::uint64_t seed = std::random_device{}();
    };

    explicit SyncRunner(Options options);
    /// Stops and joins.
    ~SyncRunner();
    SyncRunner(const SyncRunner&) = delete;
    SyncRunner& operator=(const SyncRunner&) = delete;

    /// Starts the thread; the first round runs at once.
    void start();
    /// Runs a round as soon as the current one (if any) ends, back-off or not.
    void requestNow();
    /// Ends the round in progress (its request is cancelled) and joins the thread.
    void stop();

    int roundsRun() const;
    int consecutiveFailures() const;
    /// Waits between rounds (interval or back-off) that stop() or requestNow() ended before
    /// their time: how a test sees that stop() does not wait out a back-off.
    int waitsCutShort() const;

private:
    void loop();

    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool now_ = false;
    int rounds_ = 0;
    int failures_ = 0;
    int waitsCutShort_ = 0;
    SyncClient* current_ = nullptr; ///< the round in progress, for stop()
    std::thread thread_;
};

} // namespace prescreen::sync
