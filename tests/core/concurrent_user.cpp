// One user of a shared workstation database, for test_concurrent_use, which runs several side
// by side as separate processes, the way the GUI, its background sync and prescreen-cli share
// one database:
//
//   concurrent_user gui  DB ROUNDS   one connection held for 25 writes at a time, then reopened
//                                    (a session of the GUI), until ROUNDS writes are done
//   concurrent_user sync DB ROUNDS   each round opens the store, reads the outbox size, writes
//                                    one event and closes (a `sync now` round)
//   concurrent_user cli  DB ROUNDS   each round opens the store, writes one event and closes
//                                    (one prescreen-cli command)
//
// Every write is an audit event (action = the role) in its own IMMEDIATE transaction, so the
// test can count them and verify the chain. Any failure is printed to stderr and counted; the
// exit status is 1 if there was one, else 0 with "DONE <writes>" on stdout.
#include <prescreen/core/audit.h>
#include <prescreen/core/store.h>
#include <prescreen/error.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

namespace {

using namespace prescreen::core;

void writeEvent(Store& store, const std::string& role, int round) {
    sqlite::Transaction transaction(store.connection());
    AuditLog(store.connection(), systemClock()).append(role, role, "round", {{"round", round}});
    transaction.commit();
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: concurrent_user gui|sync|cli DB ROUNDS\n");
        return 2;
    }
    const std::string role = argv[1];
    const std::string db = argv[2];
    const int rounds = std::atoi(argv[3]);
    int failures = 0;
    std::optional<Store> held;
    for (int round = 0; round < rounds; ++round) {
        try {
            if (role == "gui") {
                if (!held || round % 25 == 0) {
                    held.reset();
                    held.emplace(db);
                }
                writeEvent(*held, role, round);
            } else {
                Store store(db);
                if (role == "sync") {
                    auto size = store.connection().prepare("SELECT count(*) FROM outbox");
                    size.step();
                }
                writeEvent(store, role, round);
            }
        } catch (const std::exception& error) {
            ++failures;
            std::fprintf(stderr, "%s round %d: %s\n", role.c_str(), round, error.what());
            held.reset(); // the next round opens again
        }
    }
    if (failures > 0) {
        std::fprintf(stderr, "%s: %d of %d rounds failed\n", role.c_str(), failures, rounds);
        return 1;
    }
    std::printf("DONE %d\n", rounds);
    return 0;
}
