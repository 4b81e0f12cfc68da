#include "protocol_internal.h"

#include <prescreen/core/time.h>
#include <prescreen/error.h>

#include <algorithm>
#include <charconv>
#include <fstream>

namespace prescreen::core::hq {
namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

std::optional<std::int64_t> parseCount(std::string_view text) {
    std::int64_t value = 0;
    if (text.empty() || text.size() > 18)
        return std::nullopt;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0)
        return std::nullopt;
    return value;
}

bool isSha256(std::string_view text) {
    if (text.size() != 64)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

HqResponse json(int status, const nlohmann::json& body) {
    HqResponse response;
    response.status = status;
    // Messages may quote what a peer sent; an ill-formed byte becomes U+FFFD, never a throw.
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

struct ByteRange {
    std::int64_t first = 0;
    std::int64_t last = 0; ///< inclusive
};

// "bytes=a-b" or "bytes=a-" against a file of `size` bytes; nullopt if unsatisfiable/malformed.
std::optional<ByteRange> parseRange(std::string_view text, std::int64_t size) {
    constexpr std::string_view prefix = "bytes=";
    if (text.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    text.remove_prefix(prefix.size());
    const auto dash = text.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    const auto first = parseCount(text.substr(0, dash));
    const auto lastText = text.substr(dash + 1);
    if (!first || *first >= size)
        return std::nullopt;
    std::int64_t last = size - 1;
    if (!lastText.empty()) {
        const auto parsed = parseCount(lastText);
        if (!parsed || *parsed < *first)
            return std::nullopt;
        last = std::min(*parsed, size - 1);
    }
    return ByteRange{*first, last};
}

} // namespace

namespace detail {

std::optional<std::string> headerValue(const HqRequest& request, std::string_view name) {
    for (const auto& [key, value] : request.headers)
        if (equalsIgnoringCase(key, name))
            return value;
    return std::nullopt;
}

} // namespace detail

HqResponse errorResponse(int status, const std::string& message, bool close) {
    auto response = json(status, {{"error", message}});
    response.close = close;
    return response;
}

ProtocolHandler::ProtocolHandler(HqStore& store, ProtocolLimits limits,
                                 std::filesystem::path scanFolder)
    : store_(store), limits_(limits), scanFolder_(std::move(scanFolder)) {}

HqResponse ProtocolHandler::handle(const HqRequest& request) const {
    try {
        if (request.site.empty())
            return errorResponse(403, "no workstation identity (client certificate CN)");
        const auto protocol = detail::headerValue(request, "Prescreen-Protocol");
        if (!protocol)
            return errorResponse(400, "header Prescreen-Protocol is missing (expected 1)");
        if (*protocol != "1")
            return errorResponse(400, "header Prescreen-Protocol: version '" +
                                          protocol->substr(0, 20) +
                                          "' is not supported (this HQ speaks 1)");
        if (request.body.size() > limits_.maxBodyBytes)
            return errorResponse(
                413, "request body larger than " + std::to_string(limits_.maxBodyBytes) + " bytes",
                true);
        std::string_view target = request.target;
        std::string_view query;
        if (const auto mark = target.find('?'); mark != std::string_view::npos) {
            query = target.substr(mark + 1);
            target = target.substr(0, mark);
        }
        const auto expect = [&](std::string_view method) -> std::optional<HqResponse> {
            if (request.method != method) {
                auto refusal =
                    errorResponse(405, std::string(target) + " takes " + std::string(method) +
                                           ", not " + request.method.substr(0, 16));
                refusal.headers.emplace_back("Allow", std::string(method));
                return refusal;
            }
            if (method == "GET" && !request.body.empty())
                return errorResponse(400, std::string(target) + ": a GET carries no body");
            return std::nullopt;
        };
        if (target == "/v1/push") {
            if (auto refusal = expect("POST"))
                return *refusal;
            return push(request);
        }
        if (target == "/v1/pull") {
            if (auto refusal = expect("GET"))
                return *refusal;
            return pull(request, query);
        }
        if (target == "/v1/status") {
            if (auto refusal = expect("GET"))
                return *refusal;
            return status(request);
        }
        constexpr std::string_view scans = "/v1/scans/";
        if (target.substr(0, scans.size()) == scans) {
            if (auto refusal = expect("GET"))
                return *refusal;
            return scan(request, target.substr(scans.size()));
        }
        return errorResponse(404, "no such resource: " + std::string(target.substr(0, 100)));
    } catch (const std::exception& error) {
        try {
            store_.audit({0,
                          "",
                          request.site,
                          request.peer,
                          "server_error",
                          request.method + " " + request.target.substr(0, 200),
                          {{"error", error.what()}}});
        } catch (const std::exception&) {
            // The store itself is failing: the 500 below is all that can be done.
        }
        return errorResponse(500, std::string("HQ could not handle the request: ") + error.what());
    }
}

HqResponse ProtocolHandler::push(const HqRequest& request) const {
    auto parsed = detail::parsePushBody(request.body, limits_);
    if (auto* refusal = std::get_if<HqResponse>(&parsed))
        return *refusal;
    const auto& items = std::get<std::vector<PushItem>>(parsed);
    const auto results = store_.push(request.site, request.peer, items);
    auto list = nlohmann::json::array();
    for (const auto& result : results) {
        nlohmann::json entry = {{"seq", result.seq},
                                {"status", std::string(itemStatusName(result.status))}};
        if (!result.reason.empty())
            entry["reason"] = result.reason;
        list.push_back(std::move(entry));
    }
    return json(200, {{"results", list}});
}

HqResponse ProtocolHandler::pull(const HqRequest& request, std::string_view query) const {
    std::int64_t cursor = 0;
    std::int64_t limit = limits_.maxPullItems;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const auto eq = pair.find('=');
        const auto name = pair.substr(0, eq);
        const auto value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        const auto number = parseCount(value);
        if (name == "cursor" && number)
            cursor = *number;
        else if (name == "limit" && number && *number >= 1)
            limit = std::min<std::int64_t>(*number, limits_.maxPullItems);
        else if (name == "cursor" || name == "limit")
            return errorResponse(400, "/v1/pull: " + std::string(name) + "='" +
                                          std::string(value.substr(0, 20)) +
                                          "' is not a valid count");
        else
            return errorResponse(400, "/v1/pull: unknown parameter '" +
                                          std::string(name.substr(0, 40)) + "'");
    }
    const auto page =
        store_.readFeed(request.site, cursor, static_cast<int>(limit), limits_.maxPullBytes);
    auto items = nlohmann::json::array();
    for (const auto& item : page.items)
        items.push_back(
            {{"seq", item.seq}, {"kind", item.kind}, {"key", item.key}, {"payload", item.payload}});
    const auto next = page.items.empty() ? cursor : page.items.back().seq;
    return json(200, {{"cursor", next}, {"more", page.more}, {"items", items}});
}

HqResponse ProtocolHandler::status(const HqRequest& request) const {
    return json(200, {{"site", request.site},
                      {"feedHead", store_.feedHead()},
                      {"serverTime", formatUtc(std::chrono::system_clock::now())}});
}

HqResponse ProtocolHandler::scan(const HqRequest& request, std::string_view sha256) const {
    if (!isSha256(sha256))
        return errorResponse(400, "/v1/scans/: '" + std::string(sha256.substr(0, 80)) +
                                      "' is not a lower-case SHA-256");
    const auto record = store_.scanForSite(request.site, std::string(sha256));
    if (!record)
        return errorResponse(404, "no scan " + std::string(sha256) + " for site " + request.site);
    const auto path = record->path.is_relative() ? scanFolder_ / record->path : record->path;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || static_cast<std::int64_t>(size) != record->sizeBytes)
        throw Error(ErrorCode::Io, "scan file " + path.string() + " is missing or has " +
                                       "the wrong size (registered " +
                                       std::to_string(record->sizeBytes) + " bytes)");
    const std::int64_t total = record->sizeBytes;
    const auto chunk = static_cast<std::int64_t>(limits_.maxScanChunkBytes);
    ByteRange range{0, total - 1};
    bool partial = false;
    if (const auto header = detail::headerValue(request, "Range")) {
        const auto parsed = parseRange(*header, total);
        if (!parsed) {
            auto refusal = errorResponse(416, "Range '" + header->substr(0, 60) +
                                                  "' is not one satisfiable bytes=a-b range of " +
                                                  std::to_string(total) + " bytes");
            refusal.headers.emplace_back("Content-Range", "bytes */" + std::to_string(total));
            return refusal;
        }
        range = *parsed;
        partial = true;
    }
    if (range.last - range.first + 1 > chunk) {
        range.last = range.first + chunk - 1;
        partial = true;
    }
    HqResponse response;
    response.contentType = "application/octet-stream";
    if (total == 0)
        return response;
    response.status = partial ? 206 : 200;
    response.body.resize(static_cast<std::size_t>(range.last - range.first + 1));
    std::ifstream file(path, std::ios::binary);
    file.seekg(range.first);
    file.read(response.body.data(), static_cast<std::streamsize>(response.body.size()));
    if (!file)
        throw Error(ErrorCode::Io, "cannot read scan file " + path.string());
    if (partial)
        response.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.first) +
                                                           "-" + std::to_string(range.last) + "/" +
                                                           std::to_string(total));
    return response;
}

} // namespace prescreen::core::hq
