#include "site.h"

#include "args.h"

#include <prescreen/error.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace prescreen::cli {
namespace {

std::filesystem::path databaseFile(const Args& args) {
    if (const auto db = args.value(kDbOption))
        return *db;
    return core::databasePath(core::defaultDataDirectory());
}

} // namespace

Site::Site(const Args& args)
    : store(databaseFile(args)), cache(core::ScanCache::folderFor(store.file())),
      service(store, cache) {}

std::string readPassword(const char* environmentVariable, const std::string& whose) {
    if (const char* value = std::getenv(environmentVariable); value != nullptr && *value != '\0')
        return value;
    std::string line;
    if (!std::getline(std::cin, line) || line.empty())
        throw Error(ErrorCode::AuthenticationFailed, "no password for " + whose + ": set " +
                                                         environmentVariable +
                                                         " or give it on the first line of stdin");
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

core::Session signIn(core::Service& service, const std::string& badge) {
    return service.login(badge, readPassword("PRESCREEN_PASSWORD", badge));
}

std::string resolveCase(core::Store& store, const std::string& idOrCcn) {
    auto query = store.connection().prepare(
        "SELECT c.id FROM cases c JOIN shipments s ON s.id = c.shipment_id "
        "WHERE c.id = ?1 OR s.cargo_control_number = ?1");
    query.bind(1, idOrCcn);
    if (!query.step())
        throw Error(ErrorCode::NotFound,
                    "no case with id or cargo control number \"" + idOrCcn + "\"");
    return query.columnText(0);
}

} // namespace prescreen::cli
