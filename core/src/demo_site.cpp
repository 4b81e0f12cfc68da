#include <prescreen/core/demo_site.h>
#include <prescreen/core/import.h>
#include <prescreen/core/manifest.h>
#include <prescreen/core/service.h>
#include <prescreen/error.h>
#include <prescreen/imaging/materials/phantom.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <fstream>

namespace prescreen::core {
namespace {

namespace materials = imaging::materials;

// What a demo shipment claims to be, chosen against what its phantom really holds.
enum class Story {
    Consistent,     ///< declaration matches the X-ray
    UnderDeclared,  ///< declared weight a third of the real mass
    WrongCommodity, ///< textiles declared, metal and dense objects inside
    RiskyRoute,     ///< consistent, but origin and transit on the demo watch list
    TrustedTrader,  ///< consistent, a C-TPAT / PIP member with history
    LowValueOddity, ///< low-value courier shipment with an implausible value per kg
};

// Index i % 6; every sixth shipment is a pallet, whose X-ray shows enough metal for the
// commodity-vs-composition rules, so it carries the wrong-commodity story.
constexpr std::array<Story, 6> kStories{Story::Consistent,     Story::UnderDeclared,
                                        Story::LowValueOddity, Story::TrustedTrader,
                                        Story::RiskyRoute,     Story::WrongCommodity};

struct Commodity {
    const char* hsCode;
    const char* description;
    const char* unit;
    double valuePerKg; ///< CAD
};

// A plausible declaration for the class that dominates the phantom's mass.
Commodity commodityFor(materials::MaterialClass dominant) {
    switch (dominant) {
    case materials::MaterialClass::Metal:
        return {"820559", "Hand tools, steel", "PCS", 18};
    case materials::MaterialClass::Inorganic:
        return {"701349", "Glass tableware", "CTN", 9};
    default:
        return {"392410", "Plastic kitchenware", "CTN", 7};
    }
}

materials::MaterialClass dominantClass(const materials::PhantomTruth& truth) {
    std::array<double, materials::kMaterialClassCount> mass{};
    for (const auto& object : truth.objects)
        mass[static_cast<std::size_t>(object.materialClass)] += object.massKg;
    std::size_t best = 1;
    for (std::size_t i = 1; i < mass.size(); ++i)
        if (mass[i] > mass[best])
            best = i;
    return static_cast<materials::MaterialClass>(best);
}

double roundKg(double kg) {
    return std::max(0.1, std::round(kg * 10) / 10);
}

Manifest manifestFor(const materials::PhantomTruth& truth, Story story, int index) {
    Manifest m;
    m.formatVersion = std::string(kManifestFormatVersion);
    char ccn[32];
    std::snprintf(ccn, sizeof ccn, "8DMO%011d", 20261122 + index);
    m.cargoControlNumber = ccn;
    m.mode = truth.kind == materials::PhantomKind::Container ? TransportMode::Marine
             : truth.kind == materials::PhantomKind::Pallet  ? TransportMode::Air
                                                             : TransportMode::Courier;
    m.carrier = m.mode == TransportMode::Marine ? "MAEU"
                : m.mode == TransportMode::Air  ? "8AIR"
                                                : "8DMO";
    m.scanLinkId = truth.objectId;
    m.origin = "DE";
    m.shipper = {"Nordhafen Export GmbH", "", "DE", "Speicherstadt 4, Hamburg"};
    char business[32];
    std::snprintf(business, sizeof business, "%09dRM0001", 812345670 + index);
    m.importer = {"Demo Importer " + std::to_string(index + 1), business, "CA",
                  std::to_string(100 + index) + " Front St W, Toronto ON"};
    m.consignee = m.importer;
    m.expectedArrival = "2026-11-24";

    auto commodity = commodityFor(dominantClass(truth));
    double declaredKg = truth.totalMassKg;
    switch (story) {
    case Story::Consistent:
        break;
    case Story::UnderDeclared:
        declaredKg = truth.totalMassKg / 3;
        break;
    case Story::WrongCommodity:
        commodity = {"620342", "Men's cotton trousers", "PCS", 30};
        break;
    case Story::RiskyRoute:
        m.origin = "XA"; // on the demo watch list of the built-in rules (docs/risk.md)
        m.route = {"XB"};
        break;
    case Story::TrustedTrader:
        m.trustedTrader = {"C-TPAT", "PIP"};
        break;
    case Story::LowValueOddity:
        m.lowValueShipment = true;
        commodity = {"851713", "Smartphones", "PCS", 2}; // far too cheap per kg
        break;
    }
    const double kg = roundKg(declaredKg);
    m.lines.push_back({commodity.hsCode, commodity.description, std::max(1.0, std::round(kg)),
                       commodity.unit, kg, std::round(kg * commodity.valuePerKg), "CAD"});
    if (story == Story::LowValueOddity)
        m.lines.back().value = std::min(m.lines.back().value, 150.0);
    return m;
}

const std::array<std::array<const char*, 4>, 6> kOfficers{{
    {"admin", "Site Administrator", "admin", "demo-admin-2026"},
    {"officer1", "Alex Moreau", "officer", "demo-officer-2026"},
    {"officer2", "Sam Tremblay", "officer", "demo-officer-2026"},
    {"super1", "Kim Okafor", "supervisor", "demo-supervisor-2026"},
    {"trainer1", "Lee Nguyen", "trainer", "demo-trainer-2026"},
    {"lead1", "Robin Singh", "officer,supervisor,trainer", "demo-lead-2026"},
}};

} // namespace

DemoSiteReport buildDemoSite(const std::filesystem::path& folder, const DemoSiteOptions& options) {
    if (options.cases < 4 || options.cases > 500)
        throw Error(ErrorCode::InvalidArgument, "a demo site has 4 to 500 cases");
    const auto database = databasePath(folder);
    if (std::filesystem::exists(database))
        throw Error(ErrorCode::Conflict,
                    folder.string() + " already holds a site (" + database.string() + ")");
    DemoSiteReport report;
    report.database = database;
    Store store(database);
    ScanCache cache(ScanCache::folderFor(database));
    Service service(store, cache, systemClock(),
                    options.fastPasswords ? PasswordCost::minimum() : PasswordCost::interactive());

    // Officers of every role.
    const auto& first = kOfficers[0];
    service.bootstrapAdmin({first[0], first[1], parseRoles(first[2]), first[3]});
    const auto admin = service.login(first[0], first[3]);
    for (std::size_t i = 1; i < kOfficers.size(); ++i)
        service.addOfficer(admin, {kOfficers[i][0], kOfficers[i][1], parseRoles(kOfficers[i][2]),
                                   kOfficers[i][3]});
    for (const auto& officer : kOfficers)
        report.credentials.push_back({officer[0], officer[2], officer[3]});

    // Phantom scans and the manifests that go with them.
    const auto incoming = folder / "incoming";
    ManifestBatch batch;
    nlohmann::json manifests = nlohmann::json::array();
    for (int i = 0; i < options.cases; ++i) {
        materials::PhantomOptions phantomOptions;
        phantomOptions.seed = options.seed * 1000 + static_cast<unsigned long>(i);
        phantomOptions.kind = i % 6 == 5 ? materials::PhantomKind::Pallet
                              : i == 9   ? materials::PhantomKind::Container
                                         : materials::PhantomKind::Parcel;
        const auto phantom = materials::generatePhantom(phantomOptions);
        const auto files = materials::writePhantom(phantom, incoming);
        // Ground truth is for tests and trainers, not for the scan folder the import reads.
        std::filesystem::create_directories(folder / "truth");
        std::filesystem::rename(files.truth, folder / "truth" / files.truth.filename());
        auto manifest =
            manifestFor(phantom.truth, kStories[static_cast<std::size_t>(i) % kStories.size()], i);
        manifests.push_back(manifestToJson(manifest));
        batch.records.push_back(std::move(manifest));
    }
    {
        std::ofstream out(folder / "manifests.json", std::ios::binary);
        out << nlohmann::json{{"formatVersion", kManifestFormatVersion}, {"manifests", manifests}}
                   .dump(2)
            << '\n';
        if (!out)
            throw Error(ErrorCode::Io, "cannot write " + (folder / "manifests.json").string());
    }
    const auto imported = importShipments(service, batch, {incoming}, RuleSet::builtin());
    for (const auto& problem : imported.problems)
        report.problems.push_back(problem.toString());
    // The scans now live in the cache; the incoming copies would only double the disk use.
    std::error_code ignored;
    std::filesystem::remove_all(incoming, ignored);
    report.casesCreated = imported.casesCreated;
    for (const auto& item : imported.created) {
        if (!item.risk)
            continue;
        (item.risk->level == RiskLevel::High     ? report.high
         : item.risk->level == RiskLevel::Medium ? report.medium
                                                 : report.low)++;
    }

    // History, so supervisors and trainers have something to look at: officer2 has released
    // the lowest-risk case and referred the highest; the examination found a discrepancy.
    if (imported.created.size() >= 2) {
        auto byRisk = imported.created;
        std::sort(byRisk.begin(), byRisk.end(), [](const Case& a, const Case& b) {
            return (a.risk ? a.risk->score : 0) < (b.risk ? b.risk->score : 0);
        });
        const auto officer = service.login("officer2", kOfficers[2][3]);
        const auto& lowest = byRisk.front();
        const auto& highest = byRisk.back();
        service.openCase(officer, lowest.id);
        service.decide(officer,
                       {lowest.id, Outcome::Release, {"consistent_with_manifest"}, "", 38000});
        const auto detail = service.openCase(officer, highest.id);
        Annotation mark;
        mark.caseId = highest.id;
        mark.viewKey = detail.scans.empty() ? "view-1" : detail.scans.front().sopInstanceUid;
        mark.shape = Shape::Rectangle;
        mark.points = {{400, 300}, {900, 700}};
        mark.category = "concealment";
        mark.note = "Dense block inconsistent with the declared goods";
        service.saveAnnotation(officer, mark);
        service.decide(officer, {highest.id,
                                 Outcome::Refer,
                                 {"manifest_mismatch", "dense_region"},
                                 "Declared goods do not match the image",
                                 95000});
        const auto supervisor = service.login("super1", kOfficers[3][3]);
        service.recordExamination(supervisor, highest.id, ExaminationOutcome::Discrepancy,
                                  "Undeclared steel machinery parts, 40 kg");
        const auto trainer = service.login("trainer1", kOfficers[4][3]);
        service.createTrainingSet(trainer, "Demo: declared vs imaged",
                                  {{lowest.id, Outcome::Release}, {highest.id, Outcome::Refer}});
    }

    std::ofstream credentials(folder / "DEMO-CREDENTIALS.txt");
    credentials << "Demo site only: these officers and passwords are public. Never use them on a "
                   "real site.\n\nbadge\troles\tpassword\n";
    for (const auto& credential : report.credentials)
        credentials << credential.badge << '\t' << credential.roles << '\t' << credential.password
                    << '\n';
    return report;
}

} // namespace prescreen::core
