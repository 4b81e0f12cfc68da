#include <prescreen/core/password.h>
#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/hq/bench.h>
#include <prescreen/hq/demo.h>
#include <prescreen/hq/server.h>
#include <prescreen/hq/sqlite_store.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace prescreen::core::hq {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

long long peakRss() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stoll(line.substr(6)) * 1024;
    return 0;
}

std::string batchBody(int client, int push, int items) {
    // Decisions as a workstation writes them (resources/sync/push-payloads.schema.json), so the
    // benchmark measures storing, not refusing.
    (void)client;
    auto list = nlohmann::json::array();
    const auto officerId = newUuid();
    for (int i = 0; i < items; ++i) {
        const auto id = newUuid();
        list.push_back({{"seq", push * items + i},
                        {"entity", "decision"},
                        {"id", id},
                        {"actor", "B-BENCH"},
                        {"createdAt", "2026-11-22T10:00:00.000Z"},
                        {"payload",
                         {{"id", id},
                          {"caseId", newUuid()},
                          {"officerId", officerId},
                          {"outcome", "release"},
                          {"kind", "initial"},
                          {"reasonCodes", nlohmann::json::array({"low_risk"})},
                          {"comment", "benchmark decision"},
                          {"timeOnTaskMs", 1000},
                          {"decidedAt", "2026-11-22T10:00:00.000Z"},
                          {"supersedesId", nullptr}}}});
    }
    return nlohmann::json{{"batch", newUuid()}, {"items", list}}.dump();
}

// One request on a fresh mutual-TLS connection; true if the answer had `expected` status.
bool post(ssl::context& context, unsigned short port, const std::string& target,
          const std::string& body, unsigned expected) {
    asio::io_context io;
    beast::ssl_stream<beast::tcp_stream> stream(io, context);
    beast::error_code ec;
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(60));
    beast::get_lowest_layer(stream).connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    if (!ec)
        stream.handshake(ssl::stream_base::client, ec);
    if (ec)
        return false;
    http::request<http::string_body> request{http::verb::post, target, 11};
    request.set(http::field::host, "localhost");
    request.set("Prescreen-Protocol", "1");
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request, ec);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    if (!ec)
        http::read(stream, buffer, response, ec);
    stream.shutdown(ec);
    return response.result_int() == expected;
}

BenchPhase runPhase(ssl::context& context, unsigned short port, const BenchOptions& options,
                    const std::vector<std::vector<std::string>>& bodies, const std::string& target,
                    unsigned expected) {
    std::vector<double> latencies;
    std::mutex mutex;
    std::atomic<long long> failures{0};
    const auto start = Clock::now();
    std::vector<std::thread> clients;
    for (int c = 0; c < options.clients; ++c)
        clients.emplace_back([&, c] {
            std::vector<double> mine;
            for (const auto& body : bodies[static_cast<std::size_t>(c)]) {
                const auto begin = Clock::now();
                if (!post(context, port, target, body, expected))
                    ++failures;
                mine.push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
            }
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    for (auto& client : clients)
        client.join();
    BenchPhase phase;
    phase.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    phase.requests = static_cast<long long>(latencies.size());
    phase.failures = failures.load();
    std::sort(latencies.begin(), latencies.end());
    if (!latencies.empty()) {
        phase.p50Ms = latencies[latencies.size() / 2];
        phase.p99Ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
    }
    return phase;
}

} // namespace

BenchReport runBench(const BenchOptions& options) {
    if (options.clients < 1 || options.clients > 2000 || options.itemsPerPush < 1 ||
        options.itemsPerPush > 500 || options.pushesPerClient < 1)
        throw Error(ErrorCode::InvalidArgument,
                    "bench: clients 1-2000, items per push 1-500, pushes at least 1");
    const auto pki = options.folder / "pki";
    runMakePki(options.makePkiScript, pki, {"ws-bench"});
    SqliteHqStore store(options.folder / "hq.db");
    store.putOfficer({"B-BENCH", "Bench Officer", Role::Officer, true,
                      hashPassword("bench-password", PasswordCost::minimum())});
    ServerOptions serverOptions;
    serverOptions.port = 0;
    serverOptions.threads = options.serverThreads;
    serverOptions.certificateFile = pki / "hq.crt";
    serverOptions.keyFile = pki / "hq.key";
    serverOptions.caFile = pki / "ca.crt";
    serverOptions.crlFile = pki / "crl.pem";
    serverOptions.handshakeReadTimeout = std::chrono::seconds(60);
    Server server(store, serverOptions);

    ssl::context context(ssl::context::tls_client);
    context.load_verify_file((pki / "ca.crt").string());
    context.use_certificate_chain_file((pki / "ws-bench.crt").string());
    context.use_private_key_file((pki / "ws-bench.key").string(), ssl::context::pem);
    context.set_verify_mode(ssl::verify_peer);

    std::vector<std::vector<std::string>> bodies(static_cast<std::size_t>(options.clients));
    for (int c = 0; c < options.clients; ++c)
        for (int p = 0; p < options.pushesPerClient; ++p)
            bodies[static_cast<std::size_t>(c)].push_back(batchBody(c, p, options.itemsPerPush));

    BenchReport report;
    // Baseline first: same bytes, same TLS, read whole and answered 405 without the store.
    report.baseline = runPhase(context, server.port(), options, bodies, "/v1/status", 405);
    report.push = runPhase(context, server.port(), options, bodies, "/v1/push", 200);
    report.eventsStored = store.counts().items;
    report.eventsPerSecond = static_cast<double>(report.eventsStored) / report.push.seconds;
    report.peakRssBytes = peakRss();
    server.stop();
    return report;
}

std::string BenchReport::toText() const {
    std::ostringstream text;
    text.setf(std::ios::fixed);
    text.precision(1);
    const auto line = [&](const char* name, const BenchPhase& phase) {
        text << name << ": " << phase.requests << " requests in " << phase.seconds << " s, p50 "
             << phase.p50Ms << " ms, p99 " << phase.p99Ms << " ms, failures " << phase.failures
             << "\n";
    };
    line("push (store)      ", push);
    line("baseline (no store)", baseline);
    text << "events stored: " << eventsStored << " (" << eventsPerSecond << " events/s)\n";
    text << "peak RSS: " << static_cast<double>(peakRssBytes) / (1024.0 * 1024.0) << " MiB\n";
    return text.str();
}

} // namespace prescreen::core::hq
