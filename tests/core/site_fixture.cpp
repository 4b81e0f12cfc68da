#include "site_fixture.h"

namespace prescreen::test {

using namespace prescreen::core;

Site::Site() {
    service.bootstrapAdmin({"ADMIN", "Site Administrator", Role::Admin, kPassword});
    const auto admin = as("ADMIN");
    service.addOfficer(admin, {"OFF1", "Alex Officer", Role::Officer, kPassword});
    service.addOfficer(admin, {"OFF2", "Sam Officer", Role::Officer, kPassword});
    service.addOfficer(admin, {"SUP1", "Kim Supervisor", Roles(Role::Supervisor), kPassword});
    service.addOfficer(admin, {"TRN1", "Lee Trainer", Roles(Role::Trainer), kPassword});
}

Session Site::as(const std::string& badge) {
    return service.login(badge, kPassword);
}

Manifest Site::manifest(const std::string& ccn) {
    Manifest value;
    value.formatVersion = "1.0";
    value.cargoControlNumber = ccn;
    value.mode = TransportMode::Courier;
    value.carrier = "8XYZ";
    value.shipper = {"Shenzhen Bright Textiles Ltd", "", "CN", "12 Industrial Rd, Shenzhen"};
    value.consignee = {"Maple Retail Inc", "123456789RM0001", "CA", "1 King St W, Toronto ON"};
    value.importer = value.consignee;
    value.origin = "CN";
    value.route = {"HK"};
    value.lines.push_back({"620342", "Men's cotton trousers", 120, "PCS", 48.5, 1450, "CAD"});
    value.lowValueShipment = false;
    value.scanLinkId = "OOI-" + ccn;
    return value;
}

Case Site::addCase(const std::string& ccn, int score) {
    RiskAssessment risk;
    risk.score = score;
    risk.level = score >= 70 ? RiskLevel::High : score >= 40 ? RiskLevel::Medium : RiskLevel::Low;
    risk.rulesVersion = "test";
    risk.factors.push_back({"test-rule", "a test factor", double(score), "set by the test"});
    return service.ingestCase(manifest(ccn), {}, risk);
}

} // namespace prescreen::test
