#pragma once
// The embedded HQ store: one SQLite file in WAL mode with synchronous=FULL (a push is answered
// only after its commit is on disk), schema by numbered migrations like the workstation's.
// One connection behind a mutex: SQLite serialises writers anyway, and reads are short.

#include <prescreen/hq/store.h>

#include <filesystem>
#include <memory>
#include <mutex>

namespace prescreen::core::sqlite {
class Connection;
}

namespace prescreen::core::hq {

class SqliteHqStore final : public HqStore {
public:
    /// Opens or creates the database (its folder too) and migrates it. Throws prescreen::Error:
    /// Database for a file that is not SQLite, Unsupported for a newer schema.
    explicit SqliteHqStore(const std::filesystem::path& file);
    ~SqliteHqStore() override;

    std::vector<ItemResult> push(const std::string& site, const std::string& peer,
                                 const std::vector<PushItem>& items) override;
    std::optional<OfficerRecord> officer(const std::string& badge) override;
    std::vector<OfficerRecord> officers() override;
    std::int64_t putOfficer(const OfficerRecord& officer) override;
    std::int64_t appendFeed(const std::string& site, const std::string& kind,
                            const std::string& key, const nlohmann::json& payload) override;
    std::int64_t addCase(const std::string& site, const std::string& caseId,
                         const nlohmann::json& payload,
                         const std::vector<ScanRecord>& scans) override;
    FeedPage readFeed(const std::string& site, std::int64_t cursor, int maxItems,
                      std::size_t maxBytes) override;
    std::int64_t feedHead() override;
    std::optional<ScanRecord> scanForSite(const std::string& site,
                                          const std::string& sha256) override;
    std::int64_t audit(const AuditRecord& record) override;
    std::vector<AuditRecord> auditTrail(std::optional<std::string> action, int limit) override;
    HqCounts counts() override;

    /// The schema version of the open file.
    int schemaVersion();

private:
    std::mutex mutex_;
    std::unique_ptr<sqlite::Connection> db_;
};

} // namespace prescreen::core::hq
