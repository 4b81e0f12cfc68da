// The next case's scan is decoded and prepared while the officer works on the current one, so
// it is on screen at once after the decision.
#include "scan_panel.h"
#include "scan_view.h"
#include "ui_release_policy.h"
#include "ui_site.h"
#include "ui_wait.h"

#include <prescreen/ui/main_window.h>

#include <catch2/catch.hpp>

using namespace prescreen;

namespace {

/// The scans of the demo site's first two cases in the officer's queue.
std::pair<std::vector<core::ScanFile>, std::vector<core::ScanFile>>
twoCases(test::DemoSite& site, const core::Session& session) {
    const auto queue = site.service.queue(session);
    REQUIRE(queue.size() >= 2);
    return {site.service.caseDetail(session, queue[0].id).scans,
            site.service.caseDetail(session, queue[1].id).scans};
}

} // namespace

TEST_CASE("a prefetched scan is shown without decoding again", "[ui][prefetch]") {
    test::DemoSite site;
    const auto session = site.service.login("officer1", test::DemoSite::password("officer1"));
    const auto [first, second] = twoCases(site, session);

    ui::ScanPanel panel(site.cache);
    panel.resize(800, 600);
    panel.show();
    panel.showScans(first);
    panel.prefetch(second);
    REQUIRE(test::waitUntil([&] { return !panel.isBusy() && panel.isPrefetched(second); }));
    CHECK_FALSE(panel.isPrefetched(first));

    const auto* shownBefore = panel.scan().get();
    panel.showScans(second);
    // Synchronously on screen: no worker ran.
    CHECK_FALSE(panel.isBusy());
    REQUIRE(panel.scan() != nullptr);
    CHECK(panel.scan().get() != shownBefore);
    CHECK(panel.view().hasImage());
    // Used once: the memory goes with it.
    CHECK_FALSE(panel.isPrefetched(second));
}

TEST_CASE("a case opened while its prefetch runs waits for it; the next prefetch follows",
          "[ui][prefetch]") {
    test::DemoSite site;
    const auto session = site.service.login("officer1", test::DemoSite::password("officer1"));
    const auto [first, second] = twoCases(site, session);

    ui::ScanPanel panel(site.cache);
    panel.resize(800, 600);
    panel.show();
    panel.prefetch(first);
    panel.showScans(first); // most likely still decoding: adopts the prefetch
    panel.prefetch(second); // must not cancel the scan the officer is waiting for
    REQUIRE(test::waitUntil([&] { return !panel.isBusy(); }));
    REQUIRE(panel.scan() != nullptr);
    CHECK(panel.view().hasImage());
    REQUIRE(test::waitUntil([&] { return panel.isPrefetched(second); }));
}

TEST_CASE("after a decision the next case's scan was already prepared", "[ui][prefetch]") {
    test::DemoSite site;
    ui::MainWindow window(site.service);
    window.show();
    window.setSession(site.service.login("officer1", test::DemoSite::password("officer1")));
    REQUIRE(window.openNextCase());
    REQUIRE(test::waitUntil([&] { return !window.isBusy(); }));
    auto* panel = window.findChild<ui::ScanPanel*>(QStringLiteral("ScanPanel"));
    REQUIRE(panel != nullptr);
    const auto current = window.currentCase()->summary.id;
    // What opens after the decision is being prepared now.
    REQUIRE(test::waitUntil([&] {
        const auto queue = site.service.queue(*window.session());
        for (std::size_t i = 0; i + 1 < queue.size(); ++i)
            if (queue[i].id == current)
                return panel->isPrefetched(
                    site.service.caseDetail(*window.session(), queue[i + 1].id).scans);
        return false;
    }));
    const test::ReleasePolicy policy("none"); // one key (the policy: test_decision.cpp)
    REQUIRE(window.decide(core::Outcome::Release));
    REQUIRE(window.currentCase().has_value());
    CHECK(window.currentCase()->summary.id != current);
    CHECK_FALSE(window.isBusy()); // shown at once
    CHECK(panel->view().hasImage());
}
