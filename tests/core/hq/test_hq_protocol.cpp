// ProtocolHandler without sockets: routing, the protocol header, strict JSON with limits, push
// results, pull paging and scan range reads.
#include "hq_fixture.h"

#include <prescreen/hq/protocol.h>

#include <catch2/catch.hpp>

#include <fstream>

using namespace prescreen::core::hq;
using prescreen::test::hq::HqFixture;

namespace {

HqRequest request(std::string method, std::string target, std::string body = {},
                  std::string site = "ws-a") {
    return {std::move(site),
            "127.0.0.1:50000",
            std::move(method),
            std::move(target),
            {{"prescreen-protocol", "1"}},
            std::move(body)};
}

nlohmann::json bodyOf(const HqResponse& response) {
    return nlohmann::json::parse(response.body);
}

std::string errorOf(const HqResponse& response) {
    return bodyOf(response).at("error").get<std::string>();
}

std::string pushBody(const nlohmann::json& items) {
    return nlohmann::json{{"batch", "b-1"}, {"items", items}}.dump();
}

nlohmann::json decision(int seq, const std::string& id, const char* actor = "B-OFF") {
    // A decision the workstation could have pushed (payload as resources/sync/ describes it).
    return prescreen::test::hq::toJson(prescreen::test::hq::item(seq, "decision", id, actor));
}

} // namespace

TEST_CASE("HQ protocol answers a push with one result per item", "[hq][hq_protocol]") {
    HqFixture f;
    ProtocolHandler handler(*f.store);
    const auto body = pushBody({decision(17, "d1"), decision(18, "d2", "B9")});
    auto response = handler.handle(request("POST", "/v1/push", body));
    REQUIRE(response.status == 200);
    auto results = bodyOf(response).at("results");
    REQUIRE(results.size() == 2);
    CHECK(results[0] == nlohmann::json{{"seq", 17}, {"status", "stored"}});
    CHECK(results[1].at("status") == "rejected");
    CHECK(results[1].at("reason") == "officer B9 is not in the directory");

    const auto counts = f.store->counts();
    response = handler.handle(request("POST", "/v1/push", body));
    results = bodyOf(response).at("results");
    CHECK(results[0].at("status") == "duplicate");
    CHECK(results[1].at("status") == "rejected");
    CHECK(f.store->counts().items == counts.items);
}

TEST_CASE("HQ protocol refuses malformed requests saying what and where", "[hq][hq_protocol]") {
    HqFixture f;
    ProtocolLimits limits;
    limits.maxItemsPerPush = 3;
    limits.maxJsonDepth = 16;
    ProtocolHandler handler(*f.store, limits);
    const auto push = [&](const std::string& body) {
        return handler.handle(request("POST", "/v1/push", body));
    };
    auto item = decision(1, "d1");

    CHECK(push("{\"batch\": \"b\", \"items\": [").status == 400);
    CHECK(errorOf(push("{\"batch\": ")).find("malformed JSON at byte") != std::string::npos);
    CHECK(errorOf(push(R"({"batch": "b", "batch": "c", "items": []})")) ==
          "push body: duplicate JSON key \"batch\"");
    CHECK(errorOf(push(std::string(40, '[') + std::string(40, ']'))) ==
          "push body: JSON nested deeper than 16 levels");
    CHECK(errorOf(push("[]")) == "push body: must be an object with \"batch\" and \"items\"");
    CHECK(errorOf(push(R"({"items": []})")) == "push body: missing \"batch\"");
    CHECK(errorOf(push(R"({"batch": "b", "items": [], "extra": 1})")) ==
          "push body: unknown key \"extra\"");
    CHECK(errorOf(push(R"({"batch": "b", "items": {}})")) == "push body.items: must be an array");

    auto bad = item;
    bad["createdAt"] = "yesterday";
    CHECK(errorOf(push(pushBody({decision(0, "d0"), bad}))) ==
          "items[1].createdAt: \"yesterday\" is not a UTC time like 2026-11-22T10:00:00.000Z");
    bad = item;
    bad["seq"] = -1;
    CHECK(errorOf(push(pushBody(nlohmann::json::array({bad})))) ==
          "items[0].seq: must be a non-negative integer");
    bad = item;
    bad.erase("payload");
    CHECK(errorOf(push(pushBody(nlohmann::json::array({bad})))) == "items[0]: missing \"payload\"");
    bad = item;
    bad["actor"] = 5;
    CHECK(errorOf(push(pushBody(nlohmann::json::array({bad})))).find("items[0].actor") == 0);
    CHECK(errorOf(push(pushBody({item, item}))) == "items[1].seq: 1 appears twice in the batch");
    CHECK(push(pushBody({decision(1, "a"), decision(2, "b"), decision(3, "c"), decision(4, "d")}))
              .status == 413);
    CHECK(f.store->counts().items == 0);

    auto noProtocol = request("GET", "/v1/status");
    noProtocol.headers.clear();
    CHECK(handler.handle(noProtocol).status == 400);
    auto future = request("GET", "/v1/status");
    future.headers = {{"Prescreen-Protocol", "2"}};
    CHECK(errorOf(handler.handle(future)).find("'2' is not supported") != std::string::npos);
    CHECK(handler.handle(request("GET", "/v1/push")).status == 405);
    CHECK(handler.handle(request("GET", "/v2/anything")).status == 404);
    CHECK(handler.handle(request("GET", "/v1/status", "", "")).status == 403);
    CHECK(handler.handle(request("GET", "/v1/pull?cursor=-1")).status == 400);
    CHECK(handler.handle(request("GET", "/v1/pull?since=3")).status == 400);
}

TEST_CASE("HQ protocol answers invalid UTF-8 with 400 and a readable message",
          "[hq][hq_protocol]") {
    HqFixture f;
    ProtocolHandler handler(*f.store);
    const auto push = [&](const std::string& body) {
        return handler.handle(request("POST", "/v1/push", body));
    };
    // A raw 0xFF inside a string: the parser refuses it; the message quotes it repaired.
    auto response = push("{\"batch\": \"bad \xff\", \"items\": []}");
    CHECK(response.status == 400);
    CHECK_THAT(errorOf(response), Catch::Contains("malformed JSON at byte"));
    // An unknown key quoted in the message, cut inside a two-byte character at byte 60.
    const std::string key = std::string(59, 'k') + "\xc3\xa9tail";
    response = push("{\"batch\": \"b\", \"items\": [], \"" + key + "\": 1}");
    CHECK(response.status == 400);
    CHECK(errorOf(response) == "push body: unknown key \"" + std::string(59, 'k') + "\"");
    CHECK(f.store->counts().items == 0);
}

TEST_CASE("HQ protocol pulls the feed in pages with a cursor", "[hq][hq_protocol]") {
    HqFixture f; // five officer rows
    f.store->appendFeed("ws-a", "rules", "2026.2", {{"version", "2026.2"}});
    f.store->appendFeed("ws-b", "rules", "2026.3", {{"version", "2026.3"}});
    ProtocolHandler handler(*f.store);
    auto page = bodyOf(handler.handle(request("GET", "/v1/pull?cursor=0&limit=4")));
    CHECK(page.at("items").size() == 4);
    CHECK(page.at("more") == true);
    CHECK(page.at("cursor") == 4);
    page = bodyOf(handler.handle(request("GET", "/v1/pull?cursor=4&limit=4")));
    REQUIRE(page.at("items").size() == 2);
    CHECK(page.at("more") == false);
    CHECK(page.at("items")[1].at("kind") == "rules");
    CHECK(page.at("items")[1].at("key") == "2026.2");
    CHECK(page.at("cursor") == 6);
    page = bodyOf(handler.handle(request("GET", "/v1/pull?cursor=6")));
    CHECK(page.at("items").empty());
    CHECK(page.at("cursor") == 6);

    const auto status = bodyOf(handler.handle(request("GET", "/v1/status")));
    CHECK(status.at("site") == "ws-a");
    CHECK(status.at("feedHead") == 7);
}

TEST_CASE("HQ protocol serves scan ranges clipped to the chunk limit", "[hq][hq_protocol]") {
    HqFixture f;
    std::string bytes(10000, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<char>(i * 7 % 251);
    const auto path = f.dir / "scan.bin";
    std::ofstream(path, std::ios::binary) << bytes;
    const std::string sha(64, 'c');
    f.store->addCase("ws-a", "case-1", {{"caseId", "case-1"}},
                     {{sha, static_cast<std::int64_t>(bytes.size()), path}});
    ProtocolLimits limits;
    limits.maxScanChunkBytes = 4096;
    ProtocolHandler handler(*f.store, limits);

    // Without Range: the first chunk, as 206; then resume from where the last one ended.
    std::string received;
    auto response = handler.handle(request("GET", "/v1/scans/" + sha));
    CHECK(response.status == 206);
    CHECK(response.headers.at(0).second == "bytes 0-4095/10000");
    received += response.body;
    while (received.size() < bytes.size()) {
        auto ranged = request("GET", "/v1/scans/" + sha);
        ranged.headers.emplace_back("Range", "bytes=" + std::to_string(received.size()) + "-");
        response = handler.handle(ranged);
        REQUIRE(response.status == 206);
        REQUIRE_FALSE(response.body.empty());
        received += response.body;
    }
    CHECK(received == bytes);
    CHECK(response.headers.at(0).second == "bytes 8192-9999/10000");

    auto ranged = request("GET", "/v1/scans/" + sha);
    ranged.headers.emplace_back("Range", "bytes=10-19");
    response = handler.handle(ranged);
    CHECK(response.status == 206);
    CHECK(response.body == bytes.substr(10, 10));
    ranged.headers.back().second = "bytes=10000-";
    CHECK(handler.handle(ranged).status == 416);
    ranged.headers.back().second = "lines=1-2";
    CHECK(handler.handle(ranged).status == 416);

    CHECK(handler.handle(request("GET", "/v1/scans/" + sha, "", "ws-b")).status == 404);
    CHECK(handler.handle(request("GET", "/v1/scans/../../etc/passwd")).status == 400);
    CHECK(handler.handle(request("GET", "/v1/scans/" + std::string(64, 'd'))).status == 404);

    // A small file comes whole, as 200.
    limits.maxScanChunkBytes = 1 << 20;
    ProtocolHandler big(*f.store, limits);
    response = big.handle(request("GET", "/v1/scans/" + sha));
    CHECK(response.status == 200);
    CHECK(response.body == bytes);

    // A damaged file is HQ's failure (500), audited, never served.
    std::ofstream(path, std::ios::binary | std::ios::trunc) << "short";
    response = big.handle(request("GET", "/v1/scans/" + sha));
    CHECK(response.status == 500);
    CHECK(f.store->auditTrail(std::string("server_error"), 10).size() == 1);
}
