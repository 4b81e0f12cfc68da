#pragma once
// A TCP proxy for the sync tests that breaks the link between a workstation and HQ on purpose:
// with seeded randomness it drops connections, truncates data (forwards part of a chunk and
// closes), delays chunks and resets connections (RST), in either direction. It sees only TLS
// bytes, so every fault reaches the client as a cut or damaged connection.

#include <cstdint>
#include <memory>
#include <string>
#include <utility> // std::exchange, which boost/asio/awaitable.hpp uses without including it

namespace prescreen::test {

struct Faults {
    double dropPerChunk = 0;     ///< close both sides without forwarding the chunk
    double truncatePerChunk = 0; ///< forward part of the chunk, then close both sides
    double resetPerChunk = 0;    ///< abort both sides with a TCP reset
    double delayPerChunk = 0;    ///< hold the chunk 1..maxDelayMs before forwarding
    int maxDelayMs = 30;
    /// The next this-many connections lose HQ's answer: what the client sends is forwarded, the
    /// first bytes coming back close the connection (HQ has committed, the client never knows).
    int cutAnswers = 0;
    /// Each new connection loses its answer (as cutAnswers) with this probability.
    double cutAnswerPerConnection = 0;
    /// A cut answer starts once the client has sent this many bytes (past the TLS handshake).
    std::int64_t cutAfterClientBytes = 4000;
};

struct ProxyStats {
    std::int64_t connections = 0;
    std::int64_t drops = 0;
    std::int64_t truncations = 0;
    std::int64_t resets = 0;
    std::int64_t delays = 0;
    std::int64_t cutAnswers = 0;
    std::int64_t bytes = 0; ///< forwarded, both directions
};

class FaultProxy {
public:
    /// Listens on 127.0.0.1 (any free port) and forwards to targetHost:targetPort on its own
    /// thread.
    FaultProxy(const std::string& targetHost, unsigned short targetPort, Faults faults,
               std::uint64_t seed);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    unsigned short port() const;
    /// Replaces the faults for connections and chunks from now on.
    void setFaults(const Faults& faults);
    ProxyStats stats() const;

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

} // namespace prescreen::test
