#include "tls.h"

#include <prescreen/error.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>

namespace prescreen::core::hq::detail {
namespace {

namespace ssl = boost::asio::ssl;

std::string openSslError() {
    const auto code = ERR_get_error();
    if (code == 0)
        return "no OpenSSL error recorded";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return text;
}

void requireFile(const std::filesystem::path& file, const char* what) {
    if (file.empty())
        throw Error(ErrorCode::InvalidArgument, std::string("no ") + what + " file given");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(ErrorCode::NotFound, std::string(what) + " file " + file.string() +
                                             " does not exist or is not a file");
}

void loadCrl(ssl::context& context, const std::filesystem::path& file) {
    requireFile(file, "CRL");
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(file.c_str(), "r"), &BIO_free);
    if (!bio)
        throw Error(ErrorCode::Io, "cannot open CRL " + file.string() + ": " + openSslError());
    X509_STORE* store = SSL_CTX_get_cert_store(context.native_handle());
    int loaded = 0;
    while (X509_CRL* crl = PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr)) {
        const int added = X509_STORE_add_crl(store, crl);
        X509_CRL_free(crl);
        if (added != 1)
            throw Error(ErrorCode::BadFormat,
                        "cannot use CRL " + file.string() + ": " + openSslError());
        ++loaded;
    }
    ERR_clear_error(); // the loop ends on "no start line"
    if (loaded == 0)
        throw Error(ErrorCode::BadFormat, "CRL file " + file.string() + " holds no PEM CRL");
    X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK);
}

} // namespace

ssl::context makeServerContext(const ServerOptions& options) {
    requireFile(options.certificateFile, "server certificate");
    requireFile(options.keyFile, "server key");
    requireFile(options.caFile, "CA certificate");
    ssl::context context(ssl::context::tls_server);
    SSL_CTX* native = context.native_handle();
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1)
        throw Error(ErrorCode::Internal, "cannot require TLS 1.2: " + openSslError());
    context.set_options(ssl::context::default_workarounds | ssl::context::no_compression);
    const auto load = [&](auto&& step, const std::filesystem::path& file, const char* what) {
        boost::system::error_code ec;
        step(ec);
        if (ec)
            throw Error(ErrorCode::BadFormat, std::string("cannot load ") + what + " " +
                                                  file.string() + ": " + ec.message());
    };
    load(
        [&](auto& ec) { context.use_certificate_chain_file(options.certificateFile.string(), ec); },
        options.certificateFile, "server certificate");
    load(
        [&](auto& ec) {
            context.use_private_key_file(options.keyFile.string(), ssl::context::pem, ec);
        },
        options.keyFile, "server key");
    if (SSL_CTX_check_private_key(native) != 1)
        throw Error(ErrorCode::InvalidArgument, "server key " + options.keyFile.string() +
                                                    " does not match certificate " +
                                                    options.certificateFile.string());
    load([&](auto& ec) { context.load_verify_file(options.caFile.string(), ec); }, options.caFile,
         "CA certificate");
    if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(options.caFile.c_str()))
        SSL_CTX_set_client_CA_list(native, names);
    if (options.crlFile)
        loadCrl(context, *options.crlFile);
    context.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    static const unsigned char sessionContext[] = "prescreen-hq";
    SSL_CTX_set_session_id_context(native, sessionContext, sizeof sessionContext - 1);
    return context;
}

std::optional<std::string> peerCommonName(SSL* ssl) {
    std::unique_ptr<X509, decltype(&X509_free)> certificate(SSL_get1_peer_certificate(ssl),
                                                            &X509_free);
    if (!certificate || SSL_get_verify_result(ssl) != X509_V_OK)
        return std::nullopt;
    X509_NAME* subject = X509_get_subject_name(certificate.get());
    const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    if (index < 0 || X509_NAME_get_index_by_NID(subject, NID_commonName, index) >= 0)
        return std::nullopt; // none, or ambiguous
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    const int length = ASN1_STRING_length(data);
    if (length < 1 || length > 64)
        return std::nullopt;
    std::string name(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                     static_cast<std::size_t>(length));
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    if (name == "*")
        return std::nullopt;
    return name;
}

std::string handshakeFailure(SSL* ssl, const boost::system::error_code& error) {
    std::string reason = error.message();
    const long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK)
        reason += std::string(" (") + X509_verify_cert_error_string(verify) + ")";
    return reason;
}

} // namespace prescreen::core::hq::detail
