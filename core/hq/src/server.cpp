#include "tls.h"

#include <prescreen/error.h>
#include <prescreen/hq/server.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace prescreen::core::hq {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct Counters {
    std::atomic<std::int64_t> accepted{0};
    std::atomic<std::int64_t> refusedAtAccept{0};
    std::atomic<std::int64_t> handshakesFailed{0};
    std::atomic<std::int64_t> requests{0};
    std::atomic<std::int64_t> timedOut{0};
    std::atomic<int> active{0};
};

struct Shared {
    HqStore& store;
    const ServerOptions options;
    ProtocolHandler handler;
    Counters counters;
};

// One connection: TLS handshake, then requests until the peer closes, a limit or a timeout.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, asio::ssl::context& context, Shared& shared, std::string peer)
        : stream_(std::move(socket), context), shared_(shared), peer_(std::move(peer)) {
        ++shared_.counters.active;
    }
    ~Session() { --shared_.counters.active; }

    void start() {
        beast::get_lowest_layer(stream_).expires_after(shared_.options.handshakeReadTimeout);
        stream_.async_handshake(
            asio::ssl::stream_base::server,
            [self = shared_from_this()](beast::error_code ec) { self->onHandshake(ec); });
    }

private:
    void refuse(const std::string& reason) {
        ++shared_.counters.handshakesFailed;
        try {
            shared_.store.audit({0, "", "", peer_, "tls_refused", peer_, {{"reason", reason}}});
        } catch (const std::exception&) {
            // The refusal stands even if the audit trail cannot be written.
        }
        beast::get_lowest_layer(stream_).close();
    }

    void onHandshake(beast::error_code ec) {
        if (ec) {
            if (ec == beast::error::timeout)
                ++shared_.counters.timedOut;
            refuse(detail::handshakeFailure(stream_.native_handle(), ec));
            return;
        }
        const auto name = detail::peerCommonName(stream_.native_handle());
        if (!name) {
            refuse("certificate subject has no usable CN (one of letters, digits, . - _)");
            return;
        }
        site_ = *name;
        readRequest();
    }

    void readRequest() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(shared_.options.maxHeaderBytes));
        parser_->body_limit(shared_.options.limits.maxBodyBytes);
        if (!first_)
            beast::get_lowest_layer(stream_).expires_after(shared_.options.idleTimeout);
        http::async_read(
            stream_, buffer_, *parser_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
    }

    void onRead(beast::error_code ec) {
        if (ec == http::error::end_of_stream)
            return shutdown();
        if (ec == http::error::body_limit)
            return answer(errorResponse(413,
                                        "request body larger than " +
                                            std::to_string(shared_.options.limits.maxBodyBytes) +
                                            " bytes",
                                        true),
                          false);
        if (ec == http::error::header_limit)
            return answer(errorResponse(431,
                                        "request header larger than " +
                                            std::to_string(shared_.options.maxHeaderBytes) +
                                            " bytes",
                                        true),
                          false);
        if (ec == beast::error::timeout) {
            ++shared_.counters.timedOut;
            return beast::get_lowest_layer(stream_).close();
        }
        if (ec == asio::ssl::error::stream_truncated || ec == asio::error::eof ||
            ec == asio::error::connection_reset || ec == asio::error::operation_aborted)
            return beast::get_lowest_layer(stream_).close();
        if (ec)
            return answer(errorResponse(400, "malformed HTTP request: " + ec.message(), true),
                          false);

        auto message = parser_->release();
        HqRequest request;
        request.site = site_;
        request.peer = peer_;
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        for (const auto& field : message)
            request.headers.emplace_back(std::string(field.name_string()),
                                         std::string(field.value()));
        request.body = std::move(message.body());
        answer(shared_.handler.handle(request), message.keep_alive());
    }

    void answer(const HqResponse& result, bool keepAlive) {
        ++shared_.counters.requests;
        response_ = {};
        response_.version(11);
        response_.result(static_cast<unsigned>(result.status));
        response_.set(http::field::server, "prescreen-hq");
        response_.set(http::field::content_type, result.contentType);
        for (const auto& [name, value] : result.headers)
            response_.set(name, value);
        response_.body() = result.body;
        close_ = result.close || !keepAlive;
        response_.keep_alive(!close_);
        response_.prepare_payload();
        beast::get_lowest_layer(stream_).expires_after(shared_.options.handshakeReadTimeout);
        http::async_write(
            stream_, response_,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onWrite(ec); });
    }

    void onWrite(beast::error_code ec) {
        if (ec)
            return beast::get_lowest_layer(stream_).close();
        if (close_)
            return shutdown();
        first_ = false;
        response_ = {};
        readRequest();
    }

    void shutdown() {
        beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
        stream_.async_shutdown([self = shared_from_this()](beast::error_code) {
            beast::get_lowest_layer(self->stream_).close();
        });
    }

    beast::ssl_stream<beast::tcp_stream> stream_;
    Shared& shared_;
    std::string peer_;
    std::string site_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    bool first_ = true;
    bool close_ = false;
};

std::string describe(const tcp::endpoint& endpoint) {
    return endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

} // namespace

struct Server::Impl {
    Shared shared;
    asio::ssl::context context;
    asio::io_context io;
    tcp::acceptor acceptor{io};
    std::vector<std::thread> threads;
    std::mutex stopMutex;
    bool stopped = false;

    Impl(HqStore& store, ServerOptions options)
        : shared{store, options, ProtocolHandler(store, options.limits, options.scanFolder), {}},
          context(detail::makeServerContext(options)) {}

    void accept() {
        acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec,
                                                            tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open())
                return;
            if (!ec) {
                ++shared.counters.accepted;
                beast::error_code ignored;
                const auto remote = socket.remote_endpoint(ignored);
                if (shared.counters.active.load() >= shared.options.maxConnections) {
                    ++shared.counters.refusedAtAccept;
                    socket.close(ignored);
                } else if (!ignored) {
                    std::make_shared<Session>(std::move(socket), context, shared, describe(remote))
                        ->start();
                }
            }
            accept();
        });
    }
};

Server::Server(HqStore& store, ServerOptions options) {
    if (options.threads < 1 || options.threads > 256)
        throw Error(ErrorCode::InvalidArgument, "server threads must be 1 to 256");
    if (options.maxConnections < 1)
        throw Error(ErrorCode::InvalidArgument, "server max connections must be at least 1");
    impl_ = std::make_unique<Impl>(store, std::move(options));
    const auto& opts = impl_->shared.options;
    beast::error_code ec;
    const auto address = asio::ip::make_address(opts.address, ec);
    if (ec)
        throw Error(ErrorCode::InvalidArgument,
                    "listen address '" + opts.address + "' is not an IP address: " + ec.message());
    const tcp::endpoint endpoint(address, opts.port);
    auto& acceptor = impl_->acceptor;
    const auto fail = [&](const char* step) {
        if (ec)
            throw Error(ErrorCode::Network, std::string("cannot ") + step + " " + opts.address +
                                                ":" + std::to_string(opts.port) + ": " +
                                                ec.message());
    };
    acceptor.open(endpoint.protocol(), ec);
    fail("open a socket for");
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    fail("set SO_REUSEADDR on");
    acceptor.bind(endpoint, ec);
    fail("bind");
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    fail("listen on");
    impl_->accept();
    for (int i = 0; i < opts.threads; ++i)
        impl_->threads.emplace_back([this] { impl_->io.run(); });
}

Server::~Server() {
    stop();
}

unsigned short Server::port() const {
    beast::error_code ec;
    return impl_->acceptor.local_endpoint(ec).port();
}

ServerStats Server::stats() const {
    const auto& c = impl_->shared.counters;
    return {c.accepted.load(), c.refusedAtAccept.load(), c.handshakesFailed.load(),
            c.requests.load(), c.timedOut.load(),        c.active.load()};
}

void Server::stop() {
    std::lock_guard lock(impl_->stopMutex);
    if (impl_->stopped)
        return;
    impl_->stopped = true;
    impl_->io.stop();
    for (auto& thread : impl_->threads)
        thread.join();
    impl_->threads.clear();
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
}

} // namespace prescreen::core::hq
