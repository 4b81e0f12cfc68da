#pragma once
// One HTTPS/1.1 connection to HQ with mutual TLS (docs/sync.md#link-and-identity): the client
// certificate from the configuration, HQ's certificate checked against the agency CA (and CRL)
// and its host name. Every step has a deadline; keep-alive between requests. Not thread-safe,
// except cancel(), which any thread may call to end the current request promptly.

#include <prescreen/sync/config.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace prescreen::sync {

struct HttpResponse {
    int status = 0;
    std::string body;
    std::string contentRange; ///< the Content-Range header, "" if absent
    std::string contentType;
};

class HttpsClient {
public:
    /// Loads the CA, CRL, certificate and key; prescreen::Error (Io / BadFormat) naming the file.
    explicit HttpsClient(const SyncConfig& config);
    ~HttpsClient();
    HttpsClient(const HttpsClient&) = delete;
    HttpsClient& operator=(const HttpsClient&) = delete;

    /// Sends one request (connecting first if needed) with `Prescreen-Protocol: 1` and returns
    /// the answer, whatever its status. A body larger than `bodyLimit` bytes, a timeout, a refused
    /// connection or TLS handshake: prescreen::Error (Network) saying which and why. A request on
    /// a reused connection that fails before any answer is retried once on a new connection.
    HttpResponse request(std::string_view method, std::string_view target,
                         std::string_view body = {}, std::string_view range = {},
                         std::size_t bodyLimit = 8u << 20);
    /// Drops the connection (the next request opens a new one).
    void close();
    /// Ends the request in progress and refuses every later one (Network "cancelled").
    void cancel();

    std::uint64_t bytesSent() const;     ///< request bytes written (headers + bodies)
    std::uint64_t bytesReceived() const; ///< answer body bytes read

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace prescreen::sync
