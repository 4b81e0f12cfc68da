#pragma once
// prescreen-hq's network side: HTTP/1.1 over mutual TLS (Boost.Beast over Asio, OpenSSL), the
// limits of docs/sync.md#limits-hq, the site taken from the peer certificate's CN, every
// request handed to ProtocolHandler. Boost and OpenSSL stay behind this header.
//
// In-process use (tests, benchmarks):
//     SqliteHqStore store(dir / "hq.db");
//     ServerOptions options;            // address 127.0.0.1, port 0 = any free port
//     options.certificateFile = pki / "hq.crt"; ... keyFile, caFile, crlFile
//     Server server(store, options);    // listening and serving when constructed
//     connect to https://127.0.0.1:server.port() ...
//     server.stop();                    // or let the destructor do it

#include <prescreen/hq/protocol.h>
#include <prescreen/hq/store.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace prescreen::core::hq {

struct ServerOptions {
    std::string address = "127.0.0.1";     ///< IPv4 or IPv6 literal to bind
    unsigned short port = 8443;            ///< 0: an ephemeral port, see Server::port()
    std::filesystem::path certificateFile; ///< HQ's certificate chain (PEM)
    std::filesystem::path keyFile;         ///< its private key (PEM)
    std::filesystem::path caFile;          ///< the agency CA that signs workstation certificates
    std::optional<std::filesystem::path> crlFile; ///< its CRL (PEM); checked when given
    int threads = 2;
    std::chrono::milliseconds handshakeReadTimeout{10'000}; ///< TLS handshake + first request
    std::chrono::milliseconds idleTimeout{30'000}; ///< waiting for and reading a later request
    int maxConnections = 512;                      ///< beyond it, new ones are closed at accept
    std::size_t maxHeaderBytes = 8 * 1024;
    ProtocolLimits limits;            ///< maxBodyBytes is also the HTTP parser's body limit
    std::filesystem::path scanFolder; ///< where relative scan paths of the store point
};

/// Counters since start, for tests and the benchmark.
struct ServerStats {
    std::int64_t accepted = 0;         ///< TCP connections taken
    std::int64_t refusedAtAccept = 0;  ///< closed at once: too many connections
    std::int64_t handshakesFailed = 0; ///< TLS refused (audited as tls_refused)
    std::int64_t requests = 0;         ///< HTTP requests answered
    std::int64_t timedOut = 0;         ///< connections closed by a timeout
    int active = 0;                    ///< connections open now
};

class Server {
public:
    /// Loads the certificates, binds, listens and starts `options.threads` threads. Throws
    /// prescreen::Error (InvalidArgument, Io, Network) naming the file or address at fault.
    /// `store` must outlive the server.
    Server(HqStore& store, ServerOptions options);
    /// Stops (see stop()).
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// The bound port (the ephemeral one when options.port was 0).
    unsigned short port() const;
    ServerStats stats() const;

    /// Stops accepting, lets the handlers running now finish (a push being committed commits;
    /// its answer may be lost, and the client's resend then gets `duplicate`s), joins the
    /// threads and closes every connection. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace prescreen::core::hq
