#include <prescreen/error.h>
#include <prescreen/sync/config.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace prescreen::sync {
namespace {

constexpr std::uintmax_t kMaxConfigBytes = 64 * 1024;
constexpr const char* kKeys[] = {"hq",
                                 "caFile",
                                 "crlFile",
                                 "certFile",
                                 "keyFile",
                                 "connectTimeoutSeconds",
                                 "requestTimeoutSeconds",
                                 "intervalSeconds",
                                 "batchItems",
                                 "batchBytes"};

[[noreturn]] void bad(const std::filesystem::path& file, const std::string& field,
                      const std::string& message) {
    throw Error(ErrorCode::BadFormat, file.string() + ": " + field + ": " + message);
}

bool validHost(const std::string& host) {
    if (host.empty() || host.size() > 253 || host.front() == '-' || host.front() == '.')
        return false;
    return std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
    });
}

std::int64_t integerField(const nlohmann::json& json, const std::filesystem::path& file,
                          const char* key, std::int64_t fallback, std::int64_t low,
                          std::int64_t high) {
    if (!json.contains(key))
        return fallback;
    const auto& value = json.at(key);
    if (!value.is_number_integer())
        bad(file, key, "expected an integer");
    const auto number = value.get<std::int64_t>();
    if (number < low || number > high)
        bad(file, key,
            std::to_string(number) + " is outside " + std::to_string(low) + ".." +
                std::to_string(high));
    return number;
}

std::filesystem::path pathField(const nlohmann::json& json, const std::filesystem::path& file,
                                const char* key, bool required) {
    if (!json.contains(key)) {
        if (required)
            bad(file, key, "missing");
        return {};
    }
    const auto& value = json.at(key);
    if (!value.is_string() || value.get<std::string>().empty() ||
        value.get<std::string>().size() > 4096)
        bad(file, key, "expected a file path");
    std::filesystem::path path = value.get<std::string>();
    if (path.is_relative())
        path = file.parent_path() / path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw Error(ErrorCode::NotFound,
                    file.string() + ": " + key + ": " + path.string() + " is not a readable file");
    return path;
}

void requireFile(const std::filesystem::path& path, const char* what) {
    std::error_code ec;
    if (path.empty() || !std::filesystem::is_regular_file(path, ec))
        throw Error(ErrorCode::NotFound,
                    std::string(what) + " '" + path.string() + "' is not a readable file");
}

} // namespace

std::string SyncConfig::url() const {
    return "https://" + host + ":" + std::to_string(port);
}

std::filesystem::path syncConfigPath(const std::filesystem::path& databaseFile) {
    return databaseFile.parent_path() / "sync.json";
}

void parseHqUrl(const std::string& url, SyncConfig& config) {
    const std::string scheme = "https://";
    if (url.compare(0, scheme.size(), scheme) != 0)
        throw Error(ErrorCode::InvalidArgument,
                    "HQ URL '" + url + "' must start with https:// (the link is mutual TLS)");
    std::string rest = url.substr(scheme.size());
    if (!rest.empty() && rest.back() == '/')
        rest.pop_back();
    if (rest.find_first_of("/@?#") != std::string::npos)
        throw Error(ErrorCode::InvalidArgument,
                    "HQ URL '" + url + "' must be https://host[:port] without path or user");
    std::string host = rest;
    unsigned long port = 443;
    if (const auto colon = rest.rfind(':'); colon != std::string::npos) {
        host = rest.substr(0, colon);
        const auto digits = rest.substr(colon + 1);
        if (digits.empty() || digits.size() > 5 ||
            !std::all_of(digits.begin(), digits.end(),
                         [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
            throw Error(ErrorCode::InvalidArgument, "HQ URL '" + url + "': bad port");
        port = std::stoul(digits);
        if (port == 0 || port > 65535)
            throw Error(ErrorCode::InvalidArgument, "HQ URL '" + url + "': port out of range");
    }
    if (!validHost(host))
        throw Error(ErrorCode::InvalidArgument,
                    "HQ URL '" + url + "': '" + host + "' is not a host name or IPv4 address");
    config.host = host;
    config.port = static_cast<unsigned short>(port);
}

std::optional<SyncConfig> loadSyncConfig(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return std::nullopt;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        throw Error(ErrorCode::Io, "cannot read " + file.string() + ": " + ec.message());
    if (size > kMaxConfigBytes)
        bad(file, "file", "larger than 64 KiB: not a sync configuration");
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in)
        throw Error(ErrorCode::Io, "cannot read " + file.string());
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& error) {
        bad(file, "file", std::string("not JSON: ") + error.what());
    }
    if (!json.is_object())
        bad(file, "file", "expected a JSON object");
    for (const auto& [key, value] : json.items())
        if (std::find_if(std::begin(kKeys), std::end(kKeys), [&key = key](const char* known) {
                return key == known;
            }) == std::end(kKeys))
            bad(file, key, "unknown setting");

    SyncConfig config;
    if (!json.contains("hq") || !json.at("hq").is_string())
        bad(file, "hq", "expected \"https://host:port\"");
    try {
        parseHqUrl(json.at("hq").get<std::string>(), config);
    } catch (const Error& error) {
        bad(file, "hq", error.what());
    }
    config.caFile = pathField(json, file, "caFile", true);
    config.crlFile = pathField(json, file, "crlFile", false);
    config.certFile = pathField(json, file, "certFile", true);
    config.keyFile = pathField(json, file, "keyFile", true);
    config.connectTimeout =
        std::chrono::seconds(integerField(json, file, "connectTimeoutSeconds", 10, 1, 300));
    config.requestTimeout =
        std::chrono::seconds(integerField(json, file, "requestTimeoutSeconds", 30, 1, 600));
    config.interval =
        std::chrono::seconds(integerField(json, file, "intervalSeconds", 60, 1, 86400));
    config.batchItems =
        static_cast<std::size_t>(integerField(json, file, "batchItems", 500, 1, 500));
    config.batchBytes = static_cast<std::size_t>(
        integerField(json, file, "batchBytes", 4 << 20, 64 << 10, 4 << 20));
    return config;
}

SyncConfig requireSyncConfig(const std::filesystem::path& databaseFile) {
    const auto file = syncConfigPath(databaseFile);
    auto config = loadSyncConfig(file);
    if (!config)
        throw Error(ErrorCode::NotFound,
                    "sync is not configured: " + file.string() +
                        " is absent (run prescreen-cli sync configure --hq https://host:port "
                        "--ca FILE --cert FILE --key FILE)");
    return *config;
}

void saveSyncConfig(const std::filesystem::path& file, const SyncConfig& config) {
    SyncConfig checked = config;
    parseHqUrl(config.url(), checked);
    requireFile(config.caFile, "CA file");
    requireFile(config.certFile, "client certificate");
    requireFile(config.keyFile, "client key");
    if (!config.crlFile.empty())
        requireFile(config.crlFile, "CRL file");
    if (config.batchItems < 1 || config.batchItems > 500 || config.batchBytes < (64u << 10) ||
        config.batchBytes > (4u << 20))
        throw Error(ErrorCode::InvalidArgument, "batch limits outside 1..500 items, 64 KiB..4 MiB");
    nlohmann::json json = {{"hq", config.url()},
                           {"caFile", std::filesystem::absolute(config.caFile).string()},
                           {"certFile", std::filesystem::absolute(config.certFile).string()},
                           {"keyFile", std::filesystem::absolute(config.keyFile).string()},
                           {"connectTimeoutSeconds", config.connectTimeout.count()},
                           {"requestTimeoutSeconds", config.requestTimeout.count()},
                           {"intervalSeconds", config.interval.count()},
                           {"batchItems", config.batchItems},
                           {"batchBytes", config.batchBytes}};
    if (!config.crlFile.empty())
        json["crlFile"] = std::filesystem::absolute(config.crlFile).string();
    const auto text = json.dump(2) + "\n";
    std::error_code ec;
    if (!file.parent_path().empty())
        std::filesystem::create_directories(file.parent_path(), ec);
    if (ec)
        throw Error(ErrorCode::Io,
                    "cannot create " + file.parent_path().string() + ": " + ec.message());
    const auto temporary = file.parent_path() / (file.filename().string() + ".tmp");
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        throw Error(ErrorCode::Io, "cannot write " + temporary.string());
    const bool written =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
        ::fsync(fd) == 0;
    ::close(fd);
    if (!written || ::rename(temporary.c_str(), file.c_str()) != 0) {
        ::unlink(temporary.c_str());
        throw Error(ErrorCode::Io, "cannot write " + file.string());
    }
}

} // namespace prescreen::sync
