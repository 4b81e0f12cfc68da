// The HQ sync in the status bar: what the officer reads for each state, and the "Sync now"
// button reaching the runner.
#include "sync_indicator.h"
#include "ui_site.h"
#include "ui_wait.h"

#include <prescreen/sync/config.h>

#include <QLabel>
#include <QSignalSpy>
#include <QToolButton>
#include <catch2/catch.hpp>

#include <fstream>

using prescreen::sync::SyncStatus;
using prescreen::ui::SyncIndicator;

TEST_CASE("the sync indicator says when this workstation works alone", "[sync_indicator]") {
    prescreen::test::OfficerSite site;
    int asked = 0;
    SyncIndicator indicator(site.store.file(), [&asked] { ++asked; });
    QSignalSpy updated(&indicator, &SyncIndicator::updated);
    REQUIRE(prescreen::test::waitUntil([&] { return updated.count() > 0; }));
    const auto* text = indicator.findChild<QLabel*>(QStringLiteral("SyncText"));
    REQUIRE(text != nullptr);
    CHECK_FALSE(indicator.status().configured);
    CHECK(text->text().contains(QStringLiteral("off")));
    CHECK(text->toolTip().contains(QStringLiteral("prescreen-cli sync configure")));
    // Officers added by the fixture are waiting in the outbox, whether or not sync is set up.
    CHECK(indicator.status().pendingPush > 0);

    auto* now = indicator.findChild<QToolButton*>(QStringLiteral("SyncNow"));
    REQUIRE(now != nullptr);
    now->click();
    CHECK(asked == 1);
}

TEST_CASE("a broken sync.json is shown with its reason", "[sync_indicator]") {
    prescreen::test::OfficerSite site;
    std::ofstream(prescreen::sync::syncConfigPath(site.store.file())) << "{\"hq\": 42";
    SyncIndicator indicator(site.store.file(), {});
    QSignalSpy updated(&indicator, &SyncIndicator::updated);
    REQUIRE(prescreen::test::waitUntil([&] { return updated.count() > 0; }));
    const auto* text = indicator.findChild<QLabel*>(QStringLiteral("SyncText"));
    CHECK(text->text().contains(QStringLiteral("not configured")));
    CHECK(text->toolTip().contains(QStringLiteral("sync.json cannot be used")));
    CHECK_FALSE(
        indicator.findChild<QToolButton*>(QStringLiteral("SyncNow"))->isVisibleTo(&indicator));
}

TEST_CASE("the sync summary names failures and what waits", "[sync_indicator]") {
    SyncStatus status;
    status.configured = true;
    status.hq = "https://hq.example:8443";
    CHECK(SyncIndicator::summary(status) == QStringLiteral("Sync: not yet"));
    status.lastSuccess = "2020-01-01T00:00:00.000Z";
    CHECK(SyncIndicator::summary(status).contains(QStringLiteral("days ago")));
    status.lastError = "HQ unreachable";
    status.pendingPush = 3;
    status.pendingScans = 2;
    status.rejected = 2;
    const auto line = SyncIndicator::summary(status);
    CHECK(line.startsWith(QStringLiteral("Sync: failing")));
    CHECK(line.contains(QStringLiteral("3 to send")));
    CHECK(line.contains(QStringLiteral("2 scans to fetch")));
    CHECK(line.contains(QStringLiteral("2 refused by HQ")));
}
