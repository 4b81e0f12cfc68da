#include "sync_fixture.h"

#include "site_fixture.h"

#include <prescreen/core/digest.h>
#include <prescreen/core/manifest.h>
#include <prescreen/core/password.h>
#include <prescreen/core/sqlite.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

namespace prescreen::test::sync {

const std::filesystem::path& pki() {
    static TempDir dir;
    static const std::filesystem::path folder = [] {
        const auto out = dir / "pki";
        const std::string command = "bash '" PRESCREEN_SOURCE_DIR "/packaging/make-pki.sh' '" +
                                    out.string() +
                                    "' --workstation ws-a --workstation ws-b --workstation ws-c "
                                    "> /dev/null";
        if (std::system(command.c_str()) != 0)
            throw std::runtime_error("make-pki.sh failed: " + command);
        return out;
    }();
    return folder;
}

Hq::Hq(const std::string& certificate) {
    store = std::make_unique<core::hq::SqliteHqStore>(dir / "hq.db");
    const auto hash = core::hashPassword(kHqPassword, core::PasswordCost::minimum());
    for (const auto* badge : {"OFFA", "OFFB", "OFFC"})
        store->putOfficer(
            {badge, std::string("Officer ") + badge, core::Role::Officer, true, hash});
    store->putOfficer({"SUPA", "Supervisor A", core::Role::Supervisor, true, hash});
    core::hq::ServerOptions options;
    options.port = 0;
    options.certificateFile = pki() / (certificate + ".crt");
    options.keyFile = pki() / (certificate + ".key");
    options.caFile = pki() / "ca.crt";
    options.crlFile = pki() / "crl.pem";
    server = std::make_unique<core::hq::Server>(*store, options);
}

std::string Hq::addCase(const std::string& site, const std::string& ccn,
                        const std::vector<std::size_t>& scanSizes, std::vector<std::string>* shas) {
    std::mt19937_64 random(std::hash<std::string>{}(ccn));
    nlohmann::json scans = nlohmann::json::array();
    std::vector<core::hq::ScanRecord> records;
    std::filesystem::create_directories(dir / "scans");
    for (std::size_t i = 0; i < scanSizes.size(); ++i) {
        std::string bytes(scanSizes[i], '\0');
        for (auto& c : bytes)
            c = static_cast<char>(random() & 0xff);
        core::Digest digest(core::Digest::Algorithm::Sha256);
        digest.update(bytes.data(), bytes.size());
        const auto sha = digest.hex();
        const auto path = dir / "scans" / sha;
        std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
        records.push_back({sha, static_cast<std::int64_t>(bytes.size()), path});
        scans.push_back({{"sha256", sha},
                         {"size", bytes.size()},
                         {"fileName", "view" + std::to_string(i) + ".dcm"},
                         {"sopInstanceUid", "1.2.3." + std::to_string(i)},
                         {"sopClassUid", "1.2.840.10008.5.1.4.1.1.501.2.1"},
                         {"studyInstanceUid", "1.2.3"}});
        if (shas != nullptr)
            shas->push_back(sha);
    }
    const auto id = core::newUuid();
    store->addCase(site, id,
                   {{"caseId", id},
                    {"manifest", core::manifestToJson(test::Site::manifest(ccn))},
                    {"scans", scans}},
                   records);
    return id;
}

std::int64_t Hq::count(const std::string& sql) {
    core::sqlite::Connection db(dir / "hq.db", core::sqlite::Connection::Mode::ReadOnly);
    db.exec("PRAGMA busy_timeout = 5000");
    auto query = db.prepare(sql);
    query.step();
    return query.columnInt64(0);
}

Workstation::Workstation(const std::string& cn, unsigned short port) {
    config.host = "127.0.0.1";
    config.port = port;
    config.caFile = pki() / "ca.crt";
    config.crlFile = pki() / "crl.pem";
    config.certFile = pki() / (cn + ".crt");
    config.keyFile = pki() / (cn + ".key");
    config.connectTimeout = std::chrono::seconds(5);
    config.requestTimeout = std::chrono::seconds(10);
}

std::int64_t Workstation::count(const std::string& sql) {
    auto query = store.connection().prepare(sql);
    query.step();
    return query.columnInt64(0);
}

} // namespace prescreen::test::sync
