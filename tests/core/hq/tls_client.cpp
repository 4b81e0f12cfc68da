#include "tls_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <test_support.h>

namespace prescreen::test::hq {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

ssl::context clientContext(const std::optional<std::string>& certificate) {
    ssl::context context(ssl::context::tls_client);
    context.load_verify_file((demoPki() / "ca.crt").string());
    context.set_verify_mode(ssl::verify_peer);
    if (certificate) {
        context.use_certificate_chain_file((demoPki() / (*certificate + ".crt")).string());
        context.use_private_key_file((demoPki() / (*certificate + ".key")).string(),
                                     ssl::context::pem);
    }
    return context;
}

using Stream = beast::ssl_stream<beast::tcp_stream>;

void prepare(Stream& stream, unsigned short port) {
    // SSL_set_tlsext_host_name is a macro with a C cast; this is what it expands to.
    char host[] = "localhost";
    SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, host);
    stream.set_verify_callback(ssl::host_name_verification("localhost"));
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
    beast::get_lowest_layer(stream).connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

} // namespace

const std::filesystem::path& demoPki() {
    static TempDir dir;
    static const std::filesystem::path pki = [] {
        const auto folder = dir / "pki";
        const std::string command = "bash '" PRESCREEN_SOURCE_DIR "/packaging/make-pki.sh' '" +
                                    folder.string() + "' --workstation ws-demo-01 " +
                                    "--workstation ws-demo-02 > /dev/null";
        if (std::system(command.c_str()) != 0)
            throw std::runtime_error("make-pki.sh failed: " + command);
        return folder;
    }();
    return pki;
}

std::string HttpResult::header(const std::string& name) const {
    for (const auto& [key, value] : headers)
        if (beast::iequals(key, name))
            return value;
    return {};
}

HttpResult exchange(unsigned short port, const Exchange& request) {
    HttpResult result;
    asio::io_context io;
    auto context = clientContext(request.certificate);
    Stream stream(io, context);
    beast::error_code ec;
    try {
        prepare(stream, port);
    } catch (const std::exception& error) {
        result.error = std::string("connect: ") + error.what();
        return result;
    }
    stream.handshake(ssl::stream_base::client, ec);
    if (ec) {
        result.error = "handshake: " + ec.message();
        return result;
    }
    http::request<http::string_body> message;
    message.method_string(request.method);
    message.target(request.target);
    message.version(11);
    message.set(http::field::host, "localhost");
    for (const auto& [name, value] : request.headers)
        message.set(name, value);
    message.body() = request.body;
    message.prepare_payload();
    http::write(stream, message, ec);
    if (ec) {
        result.error = "write: " + ec.message();
        return result;
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    http::read(stream, buffer, parser, ec);
    if (ec) {
        result.error = "read: " + ec.message();
        return result;
    }
    const auto& response = parser.get();
    result.ok = true;
    result.status = static_cast<int>(response.result_int());
    result.body = response.body();
    for (const auto& field : response)
        result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    stream.shutdown(ec);
    return result;
}

struct RawTlsClient::Impl {
    asio::io_context io;
    ssl::context context;
    Stream stream;
    explicit Impl(const std::string& certificate)
        : context(clientContext(certificate)), stream(io, context) {}
};

RawTlsClient::RawTlsClient(unsigned short port, const std::string& certificate)
    : impl_(new Impl(certificate)) {
    prepare(impl_->stream, port);
}

RawTlsClient::~RawTlsClient() {
    delete impl_;
}

std::string RawTlsClient::handshake() {
    beast::error_code ec;
    impl_->stream.handshake(ssl::stream_base::client, ec);
    return ec ? ec.message() : std::string();
}

bool RawTlsClient::write(const std::string& bytes) {
    beast::error_code ec;
    beast::get_lowest_layer(impl_->stream).expires_after(std::chrono::seconds(10));
    asio::write(impl_->stream, asio::buffer(bytes), ec);
    return !ec;
}

std::string RawTlsClient::read(std::chrono::milliseconds timeout, bool& closed) {
    closed = false;
    std::string received;
    char chunk[4096];
    auto& tcp = beast::get_lowest_layer(impl_->stream);
    tcp.expires_after(timeout);
    bool done = false;
    std::function<void()> next = [&] {
        impl_->stream.async_read_some(asio::buffer(chunk),
                                      [&](beast::error_code ec, std::size_t n) {
                                          received.append(chunk, n);
                                          if (ec == beast::error::timeout) {
                                              done = true;
                                          } else if (ec) {
                                              closed = true;
                                              done = true;
                                          } else {
                                              next();
                                          }
                                      });
    };
    next();
    impl_->io.restart();
    while (!done && impl_->io.run_one() > 0) {
    }
    return received;
}

} // namespace prescreen::test::hq
