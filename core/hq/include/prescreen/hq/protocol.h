#pragma once
// The HQ side of sync protocol 1 (docs/sync.md) without the network: a request from an already
// authenticated site goes in, a response comes out. The server feeds it what it read from a
// mutual-TLS connection; tests call it directly.

#include <prescreen/hq/store.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace prescreen::core::hq {

/// The protocol limits of docs/sync.md#limits-hq; tests may lower them.
struct ProtocolLimits {
    std::size_t maxBodyBytes = 4u << 20;
    int maxItemsPerPush = 500;
    int maxPullItems = 500;
    std::size_t maxPullBytes = 4u << 20;
    std::size_t maxScanChunkBytes = 4u << 20;
    int maxJsonDepth = 64;                 ///< nesting of arrays and objects in a request body
    std::size_t maxStringBytes = 1u << 20; ///< any one string or key in a request body
};

struct HqRequest {
    std::string site; ///< the peer certificate's subject CN: the only source of identity
    std::string peer; ///< "address:port", for the audit trail
    std::string method;
    std::string target; ///< path and query, as on the request line
    std::vector<std::pair<std::string, std::string>> headers; ///< names in any case
    std::string body;
};

struct HqResponse {
    int status = 200;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers; ///< extra ones (Content-Range)
    std::string body;
    bool close = false; ///< the connection must be closed after this response
};

class ProtocolHandler {
public:
    /// `store` must outlive the handler. Thread-safe if the store is. Scan paths the store
    /// holds relative (as importCases writes them) are resolved against `scanFolder`.
    explicit ProtocolHandler(HqStore& store, ProtocolLimits limits = {},
                             std::filesystem::path scanFolder = {});

    /// Never throws for anything a client sends: a bad request is a 4xx with
    /// {"error": "..."}, a failure of HQ itself a 500 (and the error is audited).
    HqResponse handle(const HqRequest& request) const;

    const ProtocolLimits& limits() const { return limits_; }

private:
    HqResponse push(const HqRequest& request) const;
    HqResponse pull(const HqRequest& request, std::string_view query) const;
    HqResponse scan(const HqRequest& request, std::string_view sha256) const;
    HqResponse status(const HqRequest& request) const;

    HqStore& store_;
    ProtocolLimits limits_;
    std::filesystem::path scanFolder_;
};

/// {"error": message} with the given status.
HqResponse errorResponse(int status, const std::string& message, bool close = false);

} // namespace prescreen::core::hq
