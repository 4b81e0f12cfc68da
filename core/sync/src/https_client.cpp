#include <prescreen/error.h>
#include <prescreen/sync/https_client.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>

#include <atomic>
#include <cstdio>
#include <optional>

namespace prescreen::sync {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

std::string openSslReason() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return "unknown OpenSSL error";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

void loadCrl(ssl::context& context, const std::filesystem::path& file) {
    std::FILE* in = std::fopen(file.c_str(), "rb");
    if (in == nullptr)
        throw Error(ErrorCode::Io, "cannot open CRL file " + file.string());
    X509_STORE* store = SSL_CTX_get_cert_store(context.native_handle());
    int loaded = 0;
    while (X509_CRL* crl = PEM_read_X509_CRL(in, nullptr, nullptr, nullptr)) {
        X509_STORE_add_crl(store, crl);
        X509_CRL_free(crl);
        ++loaded;
    }
    std::fclose(in);
    ERR_clear_error(); // the end of the file reads as an error
    if (loaded == 0)
        throw Error(ErrorCode::BadFormat, "CRL file " + file.string() + " holds no PEM CRL");
    X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK);
}

bool isIpAddress(const std::string& host) {
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

} // namespace

struct HttpsClient::Impl {
    SyncConfig config;
    asio::io_context io;
    ssl::context tls{ssl::context::tls_client};
    std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
    beast::flat_buffer buffer;
    std::atomic<bool> cancelled{false};
    std::atomic<std::uint64_t> sent{0};
    std::atomic<std::uint64_t> received{0};
    std::string verifyError; ///< why HQ's certificate was refused, from the verify callback

    explicit Impl(const SyncConfig& c) : config(c) {
        SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
        auto load = [](const char* what, const std::filesystem::path& file, auto&& step) {
            try {
                step();
            } catch (const boost::system::system_error& error) {
                throw Error(ErrorCode::BadFormat, std::string("cannot load ") + what + " " +
                                                      file.string() + ": " +
                                                      error.code().message());
            }
        };
        load("CA file", config.caFile, [&] { tls.load_verify_file(config.caFile.string()); });
        load("client certificate", config.certFile,
             [&] { tls.use_certificate_chain_file(config.certFile.string()); });
        load("client key", config.keyFile,
             [&] { tls.use_private_key_file(config.keyFile.string(), ssl::context::pem); });
        if (SSL_CTX_check_private_key(tls.native_handle()) != 1)
            throw Error(ErrorCode::BadFormat, "client key " + config.keyFile.string() +
                                                  " does not match certificate " +
                                                  config.certFile.string());
        if (!config.crlFile.empty())
            loadCrl(tls, config.crlFile);
        tls.set_verify_mode(ssl::verify_peer);
    }

    std::string where() const { return "HQ " + config.url(); }

    /// Runs the io_context until the started operation finished; throws if cancelled.
    void run() {
        io.restart();
        if (cancelled)
            throw Error(ErrorCode::Network, "sync cancelled");
        io.run();
        if (cancelled)
            throw Error(ErrorCode::Network, "sync cancelled");
    }

    void connect() {
        stream.reset();
        buffer.clear();
        verifyError.clear();
        stream.emplace(io, tls);
        if (!isIpAddress(config.host) &&
            SSL_ctrl(stream->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                     TLSEXT_NAMETYPE_host_name, const_cast<char*>(config.host.c_str())) != 1)
            throw Error(ErrorCode::Network, "cannot set TLS server name: " + openSslReason());
        stream->set_verify_callback([this, check = ssl::host_name_verification(config.host)](
                                        bool preverified, ssl::verify_context& context) mutable {
            const bool ok = check(preverified, context);
            if (!ok && verifyError.empty()) {
                const int code = X509_STORE_CTX_get_error(context.native_handle());
                verifyError = preverified ? "its certificate does not name " + config.host
                                          : X509_verify_cert_error_string(code);
            }
            return ok;
        });

        tcp::resolver resolver(io);
        boost::system::error_code error;
        tcp::resolver::results_type endpoints;
        resolver.async_resolve(config.host, std::to_string(config.port),
                               [&](boost::system::error_code ec, tcp::resolver::results_type r) {
                                   error = ec;
                                   endpoints = std::move(r);
                               });
        run();
        if (error)
            throw Error(ErrorCode::Network,
                        where() + " unreachable: cannot resolve host: " + error.message());
        auto& socket = beast::get_lowest_layer(*stream);
        socket.expires_after(config.connectTimeout);
        socket.async_connect(
            endpoints, [&](boost::system::error_code ec, const tcp::endpoint&) { error = ec; });
        run();
        if (error)
            throw Error(ErrorCode::Network, where() + " unreachable: " + error.message());
        socket.expires_after(config.connectTimeout);
        stream->async_handshake(ssl::stream_base::client,
                                [&](boost::system::error_code ec) { error = ec; });
        run();
        if (!error)
            return;
        std::string message;
        if (!verifyError.empty())
            message = where() +
                      ": TLS refused by this workstation: HQ's certificate is not "
                      "trusted: " +
                      verifyError;
        else if (error == beast::error::timeout)
            message = where() + ": TLS handshake timed out";
        else
            message = where() +
                      ": TLS handshake failed (HQ may have refused this workstation's "
                      "certificate): " +
                      error.message();
        stream.reset();
        throw Error(ErrorCode::Network, message);
    }

    /// One exchange on the open connection; false if it failed before any answer byte (the
    /// caller may retry on a new connection), throws for other failures.
    bool exchange(http::request<http::string_body>& request, HttpResponse& out,
                  std::size_t bodyLimit, std::string& failure) {
        auto& socket = beast::get_lowest_layer(*stream);
        boost::system::error_code error;
        socket.expires_after(config.requestTimeout);
        std::size_t written = 0;
        http::async_write(*stream, request, [&](boost::system::error_code ec, std::size_t n) {
            error = ec;
            written = n;
        });
        run();
        sent += written;
        if (error) {
            failure = "sending the request: " + error.message();
            return false;
        }
        http::response_parser<http::string_body> parser;
        parser.header_limit(16 * 1024);
        parser.body_limit(bodyLimit);
        socket.expires_after(config.requestTimeout);
        http::async_read(*stream, buffer, parser,
                         [&](boost::system::error_code ec, std::size_t) { error = ec; });
        run();
        if (error) {
            const bool nothing = !parser.got_some();
            stream.reset();
            buffer.clear();
            if (nothing) {
                failure = "reading the answer: " + error.message();
                return false;
            }
            throw Error(ErrorCode::Network,
                        where() + ": answer to " + std::string(request.target()) + " cut: " +
                            (error == http::error::body_limit
                                 ? "body larger than " + std::to_string(bodyLimit) + " bytes"
                                 : error.message()));
        }
        auto response = parser.release();
        out.status = static_cast<int>(response.result_int());
        out.contentRange = std::string(response[http::field::content_range]);
        out.contentType = std::string(response[http::field::content_type]);
        out.body = std::move(response.body());
        received += out.body.size();
        if (!response.keep_alive()) {
            stream.reset();
            buffer.clear();
        }
        return true;
    }
};

HttpsClient::HttpsClient(const SyncConfig& config) : impl_(std::make_unique<Impl>(config)) {}
HttpsClient::~HttpsClient() = default;

HttpResponse HttpsClient::request(std::string_view method, std::string_view target,
                                  std::string_view body, std::string_view range,
                                  std::size_t bodyLimit) {
    http::request<http::string_body> request(
        http::string_to_verb(beast::string_view(method.data(), method.size())),
        beast::string_view(target.data(), target.size()), 11);
    request.set(http::field::host, impl_->config.host + ":" + std::to_string(impl_->config.port));
    request.set(http::field::user_agent, "prescreen-sync");
    request.set("Prescreen-Protocol", "1");
    if (!range.empty())
        request.set(http::field::range, beast::string_view(range.data(), range.size()));
    if (!body.empty() || request.method() == http::verb::post) {
        request.set(http::field::content_type, "application/json");
        request.body() = std::string(body);
    }
    request.keep_alive(true);
    request.prepare_payload();

    HttpResponse response;
    std::string failure;
    const bool reused = impl_->stream.has_value();
    if (!reused)
        impl_->connect();
    if (impl_->exchange(request, response, bodyLimit, failure))
        return response;
    impl_->stream.reset();
    if (reused) {
        // HQ may have closed an idle keep-alive connection: one fresh attempt.
        impl_->connect();
        if (impl_->exchange(request, response, bodyLimit, failure))
            return response;
        impl_->stream.reset();
    }
    throw Error(ErrorCode::Network, impl_->where() + ": " + std::string(method) + " " +
                                        std::string(target) + " failed " + failure);
}

void HttpsClient::close() {
    impl_->stream.reset();
    impl_->buffer.clear();
}

void HttpsClient::cancel() {
    impl_->cancelled = true;
    impl_->io.stop();
}

std::uint64_t HttpsClient::bytesSent() const {
    return impl_->sent;
}

std::uint64_t HttpsClient::bytesReceived() const {
    return impl_->received;
}

} // namespace prescreen::sync
