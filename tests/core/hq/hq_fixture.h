#pragma once
// A store with a small officer directory for the HQ tests: one badge per role, one inactive.

#include <prescreen/core/password.h>
#include <prescreen/hq/sqlite_store.h>

#include <memory>
#include <string>
#include <test_support.h>

namespace prescreen::test::hq {

struct HqFixture {
    TempDir dir;
    std::unique_ptr<core::hq::SqliteHqStore> store =
        std::make_unique<core::hq::SqliteHqStore>(dir / "hq.db");

    HqFixture() {
        using core::Role;
        const auto hash = core::hashPassword("demo-password", core::PasswordCost::minimum());
        store->putOfficer({"B-OFF", "Olive Officer", Role::Officer, true, hash});
        store->putOfficer({"B-SUP", "Sam Supervisor", Role::Supervisor, true, hash});
        store->putOfficer({"B-TRN", "Tess Trainer", Role::Trainer, true, hash});
        store->putOfficer({"B-ADM", "Ada Admin", Role::Admin, true, hash});
        store->putOfficer({"B-OLD", "Otto Retired", Role::Officer, false, hash});
    }
};

inline core::hq::PushItem item(std::int64_t seq, std::string entity, std::string id,
                               std::optional<std::string> actor,
                               nlohmann::json payload = nlohmann::json::object(),
                               std::string createdAt = "2026-11-22T10:00:00.000Z") {
    if (payload.is_object() && payload.empty())
        payload = {{"id", id}, {"note", "made by the test"}};
    return {seq,
            std::move(entity),
            std::move(id),
            std::move(actor),
            std::move(createdAt),
            std::move(payload)};
}

} // namespace prescreen::test::hq
