#pragma once
// The payloads a workstation pushes to HQ, one JSON Schema definition per entity
// (resources/sync/push-payloads.schema.json, compiled in). The workstation writes them
// (core/src/model_json.cpp, the Service) and HQ validates what it receives against the same
// definitions (docs/sync.md#what-hq-checks).

#include <prescreen/core/json_schema.h>

#include <string_view>

namespace prescreen::core {

/// The compiled schema of `entity`'s payload ("decision", "audit_event", ...); nullptr for an
/// entity the file does not define. Compiled once, on first use; thread-safe.
const JsonSchema* pushPayloadSchema(std::string_view entity);

} // namespace prescreen::core
