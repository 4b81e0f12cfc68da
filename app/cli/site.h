#pragma once
// What the store commands of prescreen-cli share: the workstation database (--db PATH, default
// the workstation's own), its scan cache and service, and signing an officer in with the
// password from $PRESCREEN_PASSWORD or the first line of stdin.

#include <prescreen/core/service.h>

#include <memory>
#include <optional>
#include <string>

namespace prescreen::cli {

class Args;

/// The options every store command takes.
inline const char* const kDbOption = "--db";

struct Site {
    explicit Site(const Args& args);
    core::Store store;
    core::ScanCache cache;
    core::Service service;
};

/// Reads a password: the environment variable if set, else one line of stdin.
/// Throws prescreen::Error (AuthenticationFailed) if neither gives one.
std::string readPassword(const char* environmentVariable, const std::string& whose);

/// Signs in `badge` with readPassword("PRESCREEN_PASSWORD").
core::Session signIn(core::Service& service, const std::string& badge);

/// A case by id or by cargo control number; NotFound otherwise.
std::string resolveCase(core::Store& store, const std::string& idOrCcn);

} // namespace prescreen::cli
