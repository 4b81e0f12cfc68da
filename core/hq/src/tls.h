#pragma once
// The server's TLS setup (mutual TLS, TLS >= 1.2, CA + CRL) and what it learns of a peer.

#include <prescreen/hq/server.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <openssl/ssl.h>

#include <optional>
#include <string>

namespace prescreen::core::hq::detail {

/// A server context requiring a client certificate from `options.caFile`, checked against
/// `options.crlFile` when given. Throws prescreen::Error naming the file at fault.
boost::asio::ssl::context makeServerContext(const ServerOptions& options);

/// The peer certificate's subject CN if it is a usable site name (letters, digits, '.', '-',
/// '_', 1 to 64 characters); nullopt otherwise.
std::optional<std::string> peerCommonName(SSL* ssl);

/// Why a handshake failed, in OpenSSL's words: the error and, if verification failed, its reason
/// ("certificate revoked", "certificate has expired", ...).
std::string handshakeFailure(SSL* ssl, const boost::system::error_code& error);

} // namespace prescreen::core::hq::detail
