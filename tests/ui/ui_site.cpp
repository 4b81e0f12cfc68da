#include "ui_site.h"

#include <prescreen/core/demo_site.h>
#include <prescreen/error.h>

#include <memory>

namespace prescreen::test {
namespace {

struct DemoTemplate {
    TempDir dir;
    core::DemoSiteReport report;
};

const DemoTemplate& demoTemplate() {
    static const std::unique_ptr<DemoTemplate> built = [] {
        auto site = std::make_unique<DemoTemplate>();
        core::DemoSiteOptions options;
        options.cases = 6;
        options.fastPasswords = true;
        site->report = core::buildDemoSite(site->dir / "site", options);
        if (!site->report.problems.empty())
            throw Error(ErrorCode::Internal, "demo site: " + site->report.problems.front());
        return site;
    }();
    return *built;
}

} // namespace

OfficerSite::OfficerSite() {
    const auto admin =
        service.bootstrapAdmin({"ADMIN", "Ada Admin", core::Role::Admin, kOfficerPassword});
    const auto session = service.login(admin.badge, kOfficerPassword);
    service.addOfficer(session, {"OFF1", "Olive Officer", core::Role::Officer, kOfficerPassword});
    service.addOfficer(session,
                       {"SUP1", "Sam Supervisor", core::Role::Supervisor, kOfficerPassword});
}

DemoFolder::DemoFolder() {
    std::filesystem::copy(demoTemplate().dir / "site", dir.path(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
}

std::string DemoSite::password(const std::string& badge) {
    for (const auto& credential : demoTemplate().report.credentials)
        if (credential.badge == badge)
            return credential.password;
    throw Error(ErrorCode::NotFound, "no demo badge " + badge);
}

} // namespace prescreen::test
