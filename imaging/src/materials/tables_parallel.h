#pragma once
// forRowBands: contiguous row bands on std::threads, one per usable CPU, none for small
// images (a viewport crop): threads are started per call, which costs tens of microseconds,
// far below a band's work, and nothing waits on a shared pool another library keeps busy.

#include <algorithm>
#include <thread>
#include <vector>

namespace prescreen::imaging::materials::detail {

template <typename Body>
void forRowBands(int height, const Body& body, int maxThreads) {
    constexpr int kMinRowsPerThread = 64;
    const int cpus = maxThreads > 0 ? std::min(maxThreads, usableCpus()) : usableCpus();
    const int threads = std::clamp(height / kMinRowsPerThread, 1, cpus);
    if (threads == 1) {
        body(0, height);
        return;
    }
    std::vector<std::jthread> workers;
    workers.reserve(static_cast<std::size_t>(threads - 1));
    const auto bandStart = [&](int i) {
        return static_cast<int>(static_cast<long long>(height) * i / threads);
    };
    for (int i = 1; i < threads; ++i)
        workers.emplace_back(
            [&body, from = bandStart(i), to = bandStart(i + 1)] { body(from, to); });
    body(0, bandStart(1));
}

} // namespace prescreen::imaging::materials::detail
