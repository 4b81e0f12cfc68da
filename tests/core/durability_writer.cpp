// A writer process for test_durability, which SIGKILLs it at random points. Two modes:
//
//   durability_writer prepare DB CASES
//       creates a site in DB: an administrator, the officer OFF1 and CASES queued cases
//       (setup: with synchronous=OFF, as nothing kills it).
//   durability_writer decide DB [BURST PAUSE_US]
//       signs in OFF1 and decides every queued case, oldest first, each through
//       core::Service::decide (one transaction). After `decide` returns (committed, WAL,
//       synchronous=FULL) and only then, it writes "ACK <decision-id> <case-id>\n" with one
//       write(2) to fd 1, unbuffered, so every line the test reads was durable when written.
//       Every BURST decisions it sleeps PAUSE_US microseconds, as an officer between cases would.
//
// Before deciding it writes "MODE <journal_mode> <synchronous>" so the test can check the
// durability settings the acknowledgements rely on; at the end "DONE <count>". Errors go to
// stderr with exit status 1.
#include <prescreen/core/service.h>
#include <prescreen/error.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <unistd.h>

namespace {

using namespace prescreen;
using namespace prescreen::core;

constexpr const char* kOfficerBadge = "OFF1";
constexpr const char* kPassword = "durability password";

/// Writes the whole line to stdout with write(2); a short line to a pipe is one atomic write.
void emit(const std::string& line) {
    std::size_t done = 0;
    while (done < line.size()) {
        const auto written = ::write(STDOUT_FILENO, line.data() + done, line.size() - done);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            throw Error(ErrorCode::Io, "durability_writer: cannot write to stdout");
        }
        done += static_cast<std::size_t>(written);
    }
}

long long number(const char* text, const char* what) {
    long long value = 0;
    const std::string_view view(text);
    const auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
    if (ec != std::errc() || end != view.data() + view.size() || value < 0 || value > 10000000)
        throw Error(ErrorCode::InvalidArgument,
                    std::string("durability_writer: ") + what + " is not a count: " + text);
    return value;
}

Manifest manifestFor(int index) {
    char ccn[32];
    std::snprintf(ccn, sizeof ccn, "8DUR%08d", index);
    Manifest value;
    value.formatVersion = "1.0";
    value.cargoControlNumber = ccn;
    value.mode = index % 2 == 0 ? TransportMode::Courier : TransportMode::Truck;
    value.carrier = "8DUR";
    value.shipper = {"Harbour Exports Ltd", "", "VN", "4 Dock Rd, Hai Phong"};
    value.consignee = {"Prairie Goods Inc", "987654321RM0001", "CA", "9 Main St, Regina SK"};
    value.importer = value.consignee;
    value.origin = "VN";
    value.lines.push_back({"940360", "Wooden furniture", 12, "PCS", 310, 2400, "CAD"});
    value.scanLinkId = std::string("OOI-") + ccn;
    return value;
}

int prepare(Service& service, int cases) {
    service.bootstrapAdmin({"ADMIN", "Durability Admin", Role::Admin, kPassword});
    const auto admin = service.login("ADMIN", kPassword);
    service.addOfficer(admin, {kOfficerBadge, "Durability Officer", Role::Officer, kPassword});
    for (int i = 0; i < cases; ++i) {
        RiskAssessment risk;
        risk.score = (i * 37) % 101;
        risk.level = risk.score >= 70   ? RiskLevel::High
                     : risk.score >= 40 ? RiskLevel::Medium
                                        : RiskLevel::Low;
        risk.rulesVersion = "durability";
        risk.factors.push_back({"durability", "a factor set by the durability test",
                                double(risk.score), "case " + std::to_string(i)});
        service.ingestCase(manifestFor(i), {}, risk);
    }
    emit("PREPARED " + std::to_string(cases) + "\n");
    return 0;
}

std::string pragmaText(Store& store, const char* pragma) {
    auto query = store.connection().prepare(std::string("PRAGMA ") + pragma);
    query.step();
    return query.columnText(0);
}

int decide(Store& store, Service& service, long long burst, long long pauseUs) {
    emit("MODE " + pragmaText(store, "journal_mode") + " " + pragmaText(store, "synchronous") +
         "\n");
    const auto session = service.login(kOfficerBadge, kPassword);
    CaseQuery query;
    query.statuses = {CaseStatus::Queued};
    query.sort = CaseQuery::Sort::OldestFirst;
    long long count = 0;
    for (const auto& item : service.queue(session, query)) {
        DecisionRequest request;
        request.caseId = item.id;
        request.timeOnTaskMs = 1000 + count;
        if (count % 3 == 0) {
            request.outcome = Outcome::Refer;
            request.reasonCodes = {"random_examination"};
            request.comment = "selected by the durability test";
        } else {
            request.outcome = Outcome::Release;
            request.reasonCodes = {"low_risk"};
        }
        const auto decision = service.decide(session, request);
        emit("ACK " + decision.id + " " + decision.caseId + "\n");
        ++count;
        if (burst > 0 && pauseUs > 0 && count % burst == 0)
            std::this_thread::sleep_for(std::chrono::microseconds(pauseUs));
    }
    emit("DONE " + std::to_string(count) + "\n");
    return 0;
}

int run(int argc, char** argv) {
    const std::string mode = argc >= 3 ? argv[1] : "";
    if (mode != "prepare" && mode != "decide")
        throw Error(ErrorCode::InvalidArgument,
                    "usage: durability_writer prepare DB CASES | decide DB [BURST PAUSE_US]");
    Store store(argv[2]);
    ScanCache cache(ScanCache::folderFor(store.file()));
    Service service(store, cache, systemClock(), PasswordCost::minimum());
    if (mode == "prepare") {
        if (argc != 4)
            throw Error(ErrorCode::InvalidArgument, "usage: durability_writer prepare DB CASES");
        // Setup, not under test and never killed: the cases need not wait for the disk.
        store.connection().exec("PRAGMA synchronous = OFF");
        return prepare(service, static_cast<int>(number(argv[3], "CASES")));
    }
    if (argc != 3 && argc != 5)
        throw Error(ErrorCode::InvalidArgument,
                    "usage: durability_writer decide DB [BURST PAUSE_US]");
    const long long burst = argc == 5 ? number(argv[3], "BURST") : 0;
    const long long pauseUs = argc == 5 ? number(argv[4], "PAUSE_US") : 0;
    return decide(store, service, burst, pauseUs);
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "durability_writer: %s\n", error.what());
        return 1;
    }
}
