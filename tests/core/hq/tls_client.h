#pragma once
// The test side of the HQ link: the demo PKI (made once per run with packaging/make-pki.sh)
// and a small Boost.Beast HTTPS client with a workstation certificate of choice.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace prescreen::test::hq {

/// The folder of the demo PKI, made on first use by packaging/make-pki.sh.
const std::filesystem::path& demoPki();

struct HttpResult {
    bool ok = false;   ///< a response was read
    std::string error; ///< what failed when !ok (handshake, read, ...)
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string header(const std::string& name) const;
};

struct Exchange {
    std::optional<std::string> certificate = "ws-demo-01"; ///< a name in demoPki(); none: no cert
    std::string method = "GET";
    std::string target = "/v1/status";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers = {{"Prescreen-Protocol", "1"}};
};

/// One request on a fresh mutual-TLS connection to 127.0.0.1:port.
HttpResult exchange(unsigned short port, const Exchange& request);

/// A TLS connection that writes raw bytes: for stalled and misbehaving clients.
class RawTlsClient {
public:
    RawTlsClient(unsigned short port, const std::string& certificate);
    ~RawTlsClient();
    /// Empty on success, else why the handshake failed.
    std::string handshake();
    /// Writes bytes; false once the server has closed.
    bool write(const std::string& bytes);
    /// Reads what arrives within `timeout`; sets closed when the server ended the connection.
    /// Once the timeout strikes the connection is closed on this side: use it last.
    std::string read(std::chrono::milliseconds timeout, bool& closed);

private:
    struct Impl;
    Impl* impl_;
};

} // namespace prescreen::test::hq
