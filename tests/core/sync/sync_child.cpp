// The crash test's child (not a test itself): syncs the workstation at argv[1] (sync.json beside
// it) round after round until there is nothing left to push or download, then exits 0. The test
// SIGKILLs it at random moments and starts it again.
#include <prescreen/core/service.h>
#include <prescreen/sync/client.h>
#include <prescreen/sync/state.h>

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    using namespace prescreen;
    if (argc != 2) {
        std::fprintf(stderr, "usage: sync_child DATABASE\n");
        return 2;
    }
    try {
        core::Store store(argv[1]);
        core::ScanCache cache(core::ScanCache::folderFor(store.file()));
        core::Service service(store, cache);
        sync::SyncClient client(service, sync::requireSyncConfig(store.file()));
        for (int round = 0; round < 1000; ++round) {
            const auto report = client.runRound();
            const auto status = sync::readSyncStatus(store.connection());
            if (report.ok && status.pendingPush == 0 && status.pendingScans == 0 &&
                status.pendingCases == 0)
                return 0;
        }
        std::fprintf(stderr, "sync_child: not done after 1000 rounds\n");
        return 1;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "sync_child: %s\n", error.what());
        return 1;
    }
}
