// The server over real mutual TLS on loopback: identity from the certificate, refused
// certificates audited, the limits and timeouts of docs/sync.md, scan downloads with resume.
#include "hq_fixture.h"
#include "tls_client.h"

#include <prescreen/hq/server.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

using namespace prescreen::core::hq;
using namespace prescreen::test::hq;
using namespace std::chrono_literals;

namespace {

struct ServerFixture : HqFixture {
    std::unique_ptr<Server> server;

    explicit ServerFixture(std::function<void(ServerOptions&)> adjust = {}) {
        ServerOptions options;
        options.port = 0;
        options.certificateFile = demoPki() / "hq.crt";
        options.keyFile = demoPki() / "hq.key";
        options.caFile = demoPki() / "ca.crt";
        options.crlFile = demoPki() / "crl.pem";
        options.handshakeReadTimeout = 1500ms;
        options.idleTimeout = 1500ms;
        if (adjust)
            adjust(options);
        server = std::make_unique<Server>(*store, options);
    }
    unsigned short port() const { return server->port(); }

    // The audit rows of one action, waiting up to 5 s for `count` of them (the server writes
    // them on its own threads).
    std::vector<AuditRecord> awaitAudit(const std::string& action, std::size_t count) {
        for (int i = 0; i < 100; ++i) {
            auto rows = store->auditTrail(action, 1000);
            if (rows.size() >= count)
                return rows;
            std::this_thread::sleep_for(50ms);
        }
        return store->auditTrail(action, 1000);
    }
};

std::string pushBody(const std::string& batch, const nlohmann::json& items) {
    return nlohmann::json{{"batch", batch}, {"items", items}}.dump();
}

nlohmann::json decision(int seq, const std::string& id, const std::string& actor) {
    // A decision the workstation could have pushed (payload as resources/sync/ describes it).
    return prescreen::test::hq::toJson(prescreen::test::hq::item(seq, "decision", id, actor));
}

Exchange post(const std::string& body, const std::string& certificate = "ws-demo-01") {
    Exchange request;
    request.certificate = certificate;
    request.method = "POST";
    request.target = "/v1/push";
    request.body = body;
    request.headers.emplace_back("Content-Type", "application/json");
    return request;
}

} // namespace

TEST_CASE("HQ server: a workstation pushes and pulls over mutual TLS", "[hq][hq_server]") {
    ServerFixture f;
    auto status = exchange(f.port(), {});
    REQUIRE(status.ok);
    CHECK(status.status == 200);
    CHECK(nlohmann::json::parse(status.body).at("site") == "ws-demo-01");

    const auto body = pushBody("b1", {decision(1, "d1", "B-OFF"), decision(2, "d2", "B9")});
    auto pushed = exchange(f.port(), post(body));
    REQUIRE(pushed.ok);
    REQUIRE(pushed.status == 200);
    auto results = nlohmann::json::parse(pushed.body).at("results");
    CHECK(results[0].at("status") == "stored");
    CHECK(results[1].at("status") == "rejected");
    CHECK(results[1].at("reason") == "officer B9 is not in the directory");
    const auto rejected = f.store->auditTrail(std::string("item_rejected"), 10);
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].site == "ws-demo-01");
    CHECK(rejected[0].peer.rfind("127.0.0.1:", 0) == 0);

    SECTION("a replayed batch is all duplicates and changes nothing") {
        const auto before = f.store->counts();
        pushed = exchange(f.port(), post(body));
        REQUIRE(pushed.ok);
        results = nlohmann::json::parse(pushed.body).at("results");
        CHECK(results[0].at("status") == "duplicate");
        CHECK(results[1].at("status") == "rejected");
        const auto after = f.store->counts();
        CHECK(after.items == before.items);
        CHECK(after.feed == before.feed);
    }
    SECTION("the site comes from the certificate: another workstation replaying it is refused") {
        pushed = exchange(f.port(), post(body, "ws-demo-02"));
        REQUIRE(pushed.ok);
        const auto first = nlohmann::json::parse(pushed.body).at("results")[0];
        CHECK(first.at("status") == "rejected");
        CHECK(first.at("reason").get<std::string>().find("from ws-demo-01 already") !=
              std::string::npos);
        CHECK(f.store->counts().items == 1);
    }
    SECTION("an officer outside the role is rejected and audited") {
        const auto result = prescreen::test::hq::item(3, "examination_result", "x1", "B-OFF");
        pushed = exchange(
            f.port(),
            post(pushBody("b2", nlohmann::json::array({prescreen::test::hq::toJson(result)}))));
        REQUIRE(pushed.ok);
        results = nlohmann::json::parse(pushed.body).at("results");
        CHECK(results[0].at("status") == "rejected");
        CHECK(results[0].at("reason") ==
              "officer B-OFF (officer) may not push examination_result: needs supervisor");
        CHECK(f.store->auditTrail(std::string("item_rejected"), 10).size() == 2);
    }
    SECTION("pull returns the feed for this site") {
        Exchange pull;
        pull.target = "/v1/pull?cursor=0&limit=2";
        auto page = exchange(f.port(), pull);
        REQUIRE(page.ok);
        auto json = nlohmann::json::parse(page.body);
        CHECK(json.at("items").size() == 2);
        CHECK(json.at("more") == true);
        CHECK(json.at("items")[0].at("kind") == "officer");
        CHECK(json.at("items")[0]
                  .at("payload")
                  .at("passwordHash")
                  .get<std::string>()
                  .rfind("$argon2id$", 0) == 0);
    }
    SECTION("malformed JSON is a 400 that says where") {
        pushed = exchange(f.port(), post("{\"batch\": \"b\", \"items\": [1,]}"));
        REQUIRE(pushed.ok);
        CHECK(pushed.status == 400);
        CHECK(nlohmann::json::parse(pushed.body)
                  .at("error")
                  .get<std::string>()
                  .find("malformed JSON at byte") != std::string::npos);
    }
    SECTION("a missing protocol header is a 400") {
        Exchange request;
        request.headers.clear();
        const auto answer = exchange(f.port(), request);
        REQUIRE(answer.ok);
        CHECK(answer.status == 400);
    }
}

TEST_CASE("HQ server refuses certificates it must not trust, and audits each", "[hq][hq_server]") {
    ServerFixture f;
    struct Case {
        std::optional<std::string> certificate;
        const char* reason;
    };
    const Case cases[] = {
        {std::nullopt, "peer did not return a certificate"},
        {std::string("ws-other"), "unable to get local issuer certificate"},
        {std::string("ws-revoked"), "certificate revoked"},
        {std::string("ws-expired"), "certificate has expired"},
    };
    std::size_t refused = 0;
    for (const auto& c : cases) {
        INFO("certificate " << c.certificate.value_or("(none)"));
        Exchange request;
        request.certificate = c.certificate;
        const auto answer = exchange(f.port(), request);
        CHECK_FALSE(answer.ok);
        const auto rows = f.awaitAudit("tls_refused", ++refused);
        REQUIRE(rows.size() == refused);
        const auto reason = rows.back().details.at("reason").get<std::string>();
        CHECK_THAT(reason, Catch::Contains(c.reason));
        CHECK(rows.back().peer.rfind("127.0.0.1:", 0) == 0);
    }
    CHECK(f.server->stats().handshakesFailed == 4);
    CHECK(f.store->counts().items == 0);
    // The server is still serving the good ones.
    CHECK(exchange(f.port(), {}).status == 200);
}

TEST_CASE("HQ server keeps its limits on bodies and headers", "[hq][hq_server]") {
    ServerFixture f([](ServerOptions& options) { options.limits.maxBodyBytes = 256 * 1024; });

    SECTION("a declared oversized body is refused with 413 before it is read") {
        Exchange request = post(std::string(300 * 1024, ' '));
        const auto answer = exchange(f.port(), request);
        if (answer.ok)
            CHECK(answer.status == 413);
        else
            CHECK_THAT(answer.error, Catch::Contains("write") || Catch::Contains("read"));
        CHECK(f.store->counts().items == 0);
    }
    SECTION("a chunked body that never ends is cut off with bounded memory") {
        RawTlsClient client(f.port(), "ws-demo-01");
        REQUIRE(client.handshake().empty());
        REQUIRE(client.write("POST /v1/push HTTP/1.1\r\nHost: localhost\r\n"
                             "Prescreen-Protocol: 1\r\nTransfer-Encoding: chunked\r\n\r\n"));
        const auto before = prescreen::test::peakResidentBytes();
        const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
        int sent = 0;
        while (sent < 1024 && client.write(chunk)) // up to 64 MiB
            ++sent;
        bool closed = false;
        const auto answer = client.read(3s, closed);
        CHECK(sent < 1024);
        CHECK((closed || answer.find(" 413 ") != std::string::npos));
        CHECK(prescreen::test::peakResidentBytes() - before < 32 * 1024 * 1024);
    }
    SECTION("an oversized header is refused with 431") {
        Exchange request;
        request.headers.emplace_back("X-Padding", std::string(10 * 1024, 'p'));
        const auto answer = exchange(f.port(), request);
        REQUIRE(answer.ok);
        CHECK(answer.status == 431);
    }
}

TEST_CASE("HQ server closes a stalled client and serves others meanwhile", "[hq][hq_server]") {
    ServerFixture f;
    RawTlsClient stalled(f.port(), "ws-demo-01");
    REQUIRE(stalled.handshake().empty());
    REQUIRE(stalled.write("POST /v1/push HTTP/1.1\r\nHost: local"));
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i)
        CHECK(exchange(f.port(), {}).status == 200);
    bool closed = false;
    stalled.read(5s, closed);
    const auto waited = std::chrono::steady_clock::now() - start;
    CHECK(closed);
    CHECK(waited < 4s);
    // The server's timer closed the socket; its handler counts the timeout a moment later.
    for (int i = 0; i < 100 && f.server->stats().timedOut == 0; ++i)
        std::this_thread::sleep_for(20ms);
    CHECK(f.server->stats().timedOut == 1);
}

TEST_CASE("HQ server closes connections beyond its maximum at accept", "[hq][hq_server]") {
    ServerFixture f([](ServerOptions& options) { options.maxConnections = 2; });
    RawTlsClient first(f.port(), "ws-demo-01");
    REQUIRE(first.handshake().empty());
    RawTlsClient second(f.port(), "ws-demo-01");
    REQUIRE(second.handshake().empty());
    RawTlsClient third(f.port(), "ws-demo-01");
    CHECK_FALSE(third.handshake().empty());
    CHECK(f.server->stats().refusedAtAccept == 1);
}

TEST_CASE("HQ server serves scan ranges and a download resumes after a cut", "[hq][hq_server]") {
    ServerFixture f([](ServerOptions& options) { options.limits.maxScanChunkBytes = 64 * 1024; });
    std::string bytes(200'000, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>((i * 131) % 256);
    const auto path = f.dir / "scan.dcm";
    std::ofstream(path, std::ios::binary) << bytes;
    const std::string sha = "e" + std::string(63, '1');
    f.store->addCase("ws-demo-01", "case-1", {{"caseId", "case-1"}},
                     {{sha, static_cast<std::int64_t>(bytes.size()), path}});

    std::string received;
    int requests = 0;
    while (received.size() < bytes.size()) {
        Exchange request; // each on a new connection, as after a cut
        request.target = "/v1/scans/" + sha;
        request.headers.emplace_back("Range", "bytes=" + std::to_string(received.size()) + "-");
        const auto answer = exchange(f.port(), request);
        REQUIRE(answer.ok);
        REQUIRE(answer.status == 206);
        CHECK(answer.body.size() <= 64 * 1024);
        CHECK(answer.header("Content-Range") ==
              "bytes " + std::to_string(received.size()) + "-" +
                  std::to_string(received.size() + answer.body.size() - 1) + "/200000");
        received += answer.body;
        ++requests;
    }
    CHECK(received == bytes);
    CHECK(requests == 4);

    Exchange other;
    other.certificate = "ws-demo-02";
    other.target = "/v1/scans/" + sha;
    const auto refused = exchange(f.port(), other);
    REQUIRE(refused.ok);
    CHECK(refused.status == 404);
}
