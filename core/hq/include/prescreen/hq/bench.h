#pragma once
// `prescreen-hq bench`: many simulated workstations pushing at once over real mutual TLS to an
// in-process server, against a baseline of the same bytes over the same link without the store.

#include <filesystem>
#include <string>

namespace prescreen::core::hq {

struct BenchOptions {
    int clients = 200;       ///< workstations pushing at once, one connection each
    int itemsPerPush = 50;   ///< decisions per batch
    int pushesPerClient = 4; ///< batches each client sends (new connection per batch)
    int serverThreads = 2;
    std::filesystem::path folder; ///< scratch folder: PKI and hq.db (created)
    std::filesystem::path makePkiScript;
};

struct BenchPhase {
    double seconds = 0;
    long long requests = 0;
    long long failures = 0;
    double p50Ms = 0;
    double p99Ms = 0;
};

struct BenchReport {
    BenchPhase push;     ///< POST /v1/push: parsing, role checks, one durable commit per batch
    BenchPhase baseline; ///< the same bodies sent where HQ reads and discards them
    long long eventsStored = 0;
    double eventsPerSecond = 0;
    long long peakRssBytes = 0;
    std::string toText() const;
};

/// Runs the benchmark; throws prescreen::Error if the setup fails (PKI, store, bind).
BenchReport runBench(const BenchOptions& options);

} // namespace prescreen::core::hq
