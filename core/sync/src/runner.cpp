#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/sync/runner.h>

#include <algorithm>

namespace prescreen::sync {

std::chrono::milliseconds backoffDelay(int failures, std::mt19937_64& random) {
    using namespace std::chrono;
    const auto base = milliseconds(5000);
    const auto cap = milliseconds(15 * 60 * 1000);
    const int doublings = std::clamp(failures - 1, 0, 20);
    const auto delay = std::min<milliseconds::rep>(base.count() << doublings, cap.count());
    std::uniform_real_distribution<double> jitter(0.8, 1.2);
    return milliseconds(
        static_cast<milliseconds::rep>(static_cast<double>(delay) * jitter(random)));
}

SyncRunner::SyncRunner(Options options) : options_(std::move(options)) {}

SyncRunner::~SyncRunner() {
    stop();
}

void SyncRunner::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable())
        return;
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void SyncRunner::requestNow() {
    std::lock_guard lock(mutex_);
    now_ = true;
    wake_.notify_all();
}

void SyncRunner::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        if (current_ != nullptr)
            current_->cancel();
        wake_.notify_all();
    }
    if (thread_.joinable())
        thread_.join();
}

int SyncRunner::roundsRun() const {
    std::lock_guard lock(mutex_);
    return rounds_;
}

int SyncRunner::consecutiveFailures() const {
    std::lock_guard lock(mutex_);
    return failures_;
}

int SyncRunner::waitsCutShort() const {
    std::lock_guard lock(mutex_);
    return waitsCutShort_;
}

void SyncRunner::loop() {
    std::mt19937_64 random(options_.seed);
    // The thread's own connection: SQLite objects stay on the thread that made them.
    std::optional<core::Store> store;
    std::optional<core::ScanCache> cache;
    std::optional<core::Service> service;
    for (;;) {
        RoundReport report;
        std::chrono::milliseconds interval(60000);
        try {
            if (!store) {
                store.emplace(options_.databaseFile);
                cache.emplace(core::ScanCache::folderFor(store->file()));
                service.emplace(*store, *cache);
            }
            const auto config =
                options_.config ? *options_.config : requireSyncConfig(options_.databaseFile);
            interval = options_.interval.value_or(
                std::chrono::duration_cast<std::chrono::milliseconds>(config.interval));
            SyncClient client(*service, config);
            {
                std::lock_guard lock(mutex_);
                if (stopping_)
                    return;
                current_ = &client;
            }
            report = client.runRound();
            std::lock_guard lock(mutex_);
            current_ = nullptr;
        } catch (const std::exception& error) {
            // Not configured, bad certificate files, store unusable: a failed round too.
            report.ok = false;
            report.error = error.what();
            std::lock_guard lock(mutex_);
            current_ = nullptr;
        }
        if (options_.onRound)
            options_.onRound(report);
        std::unique_lock lock(mutex_);
        ++rounds_;
        failures_ = report.ok ? 0 : failures_ + 1;
        const auto wait = report.ok ? interval : backoffDelay(failures_, random);
        const auto deadline = std::chrono::steady_clock::now() + wait;
        wake_.wait_until(lock, deadline, [this] { return stopping_ || now_; });
        if (std::chrono::steady_clock::now() < deadline)
            ++waitsCutShort_;
        if (stopping_)
            return;
        now_ = false;
    }
}

} // namespace prescreen::sync
