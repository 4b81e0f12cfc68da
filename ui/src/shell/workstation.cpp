#include "sync_indicator.h"
#include "translations.h"

#include <prescreen/core/scan_cache.h>
#include <prescreen/core/service.h>
#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/sync/runner.h>
#include <prescreen/ui/login_dialog.h>
#include <prescreen/ui/main_window.h>
#include <prescreen/ui/screenshot.h>
#include <prescreen/ui/theme.h>
#include <prescreen/ui/workstation.h>

#include <QApplication>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace prescreen::ui {
namespace {

void reportStartupError(const WorkstationOptions& options, const QString& message) {
    std::fprintf(stderr, "prescreen: %s\n", qPrintable(message));
    if (options.screenshotFile.isEmpty())
        QMessageBox::critical(nullptr, QApplication::tr("Prescreen cannot start"), message);
}

// The local database, its scan cache and the service over both, opened in that order.
struct Site {
    std::unique_ptr<core::Store> store;
    std::unique_ptr<core::ScanCache> cache;
    std::unique_ptr<core::Service> service;
};

bool openSite(const WorkstationOptions& options, Site& site) {
    try {
        site.store = std::make_unique<core::Store>(core::databasePath(options.dataDirectory));
    } catch (const Error& error) {
        reportStartupError(options, QApplication::tr("The local database could not be opened: %1")
                                        .arg(QString::fromUtf8(error.what())));
        return false;
    }
    try {
        site.cache =
            std::make_unique<core::ScanCache>(core::ScanCache::folderFor(site.store->file()));
        site.service = std::make_unique<core::Service>(*site.store, *site.cache);
    } catch (const Error& error) {
        reportStartupError(options, QApplication::tr("The scan cache could not be opened: %1")
                                        .arg(QString::fromUtf8(error.what())));
        return false;
    }
    return true;
}

} // namespace

int runWorkstation(QApplication& app, const WorkstationOptions& options) {
    installTranslations(app, QLocale());
    applyDarkTheme(app);

    Site site;
    if (!openSite(options, site))
        return 1;

    MainWindow window(*site.service);
    window.setDisplayMode(options.displayMode);

    // HQ sync in the background (docs/sync.md): its own thread and store connection; the status
    // bar follows it. Declared after the window, so it stops (and joins) before the window goes.
    std::unique_ptr<sync::SyncRunner> syncRunner;
    auto* syncIndicator = new SyncIndicator(site.store->file(), [&syncRunner] {
        if (syncRunner)
            syncRunner->requestNow();
    });
    window.statusBar()->addPermanentWidget(syncIndicator);
    if (options.sync && options.screenshotFile.isEmpty()) {
        sync::SyncRunner::Options syncOptions;
        syncOptions.databaseFile = site.store->file();
        QPointer<SyncIndicator> indicator(syncIndicator);
        syncOptions.onRound = [indicator](const sync::RoundReport&) {
            // On the runner's thread: hand over to the UI thread.
            QMetaObject::invokeMethod(
                qApp,
                [indicator] {
                    if (indicator)
                        indicator->refresh();
                },
                Qt::QueuedConnection);
        };
        syncRunner = std::make_unique<sync::SyncRunner>(std::move(syncOptions));
        syncRunner->start();
    }
    window.show();

    auto startWork = [&](core::Session session) {
        window.setSession(std::move(session));
        if (options.mode)
            window.switchMode(*options.mode);
        if (!options.screenshotFile.isEmpty()) {
            // For scripts and tests: which modes this officer has, and which is on screen.
            std::string modes;
            for (const auto mode : window.availableModes())
                modes += (modes.empty() ? "" : ",") + std::string(core::workstationModeName(mode));
            const auto current = window.currentMode();
            std::printf("prescreen: modes %s; showing %s\n", modes.empty() ? "none" : modes.c_str(),
                        current ? std::string(core::workstationModeName(*current)).c_str()
                                : "none");
            std::fflush(stdout);
        }
        if (options.openNextCase)
            window.openNextCase();
    };
    LoginDialog login(*site.service, &window);
    QObject::connect(&login, &QDialog::accepted, &window, [&] { startWork(*login.session()); });
    if (options.screenshotFile.isEmpty())
        QObject::connect(&login, &QDialog::rejected, &app, &QApplication::quit);
    // Signing out (menu or lock screen) hands the workstation to whoever signs in next.
    QObject::connect(&window, &MainWindow::signedOut, &login, [&] {
        login.setBadge(QString());
        login.open();
    });

    bool signedIn = false;
    if (!options.badge.isEmpty() && !options.password.isEmpty()) {
        try {
            startWork(
                site.service->login(options.badge.toStdString(), options.password.toStdString()));
            signedIn = true;
        } catch (const Error& error) {
            const QString message = QApplication::tr("Signing in as %1 failed: %2")
                                        .arg(options.badge, QString::fromUtf8(error.what()));
            if (!options.screenshotFile.isEmpty()) {
                reportStartupError(options, message);
                return 1;
            }
            login.setBadge(options.badge);
            login.showError(message);
        }
    }
    if (!signedIn)
        login.open();

    if (!options.screenshotFile.isEmpty()) {
        int status = 0;
        bool taken = false;
        auto grab = [&] {
            if (taken)
                return;
            taken = true;
            const QString problem = saveScreenshot(window, options.screenshotFile);
            if (!problem.isEmpty()) {
                reportStartupError(options, problem);
                status = 1;
            }
            app.quit();
        };
        // Let the first layout and paint happen, the scan arrive and the histogram follow (it
        // trails a render by 100 ms) before grabbing; a scan
        // that takes longer than kScreenshotPatienceMs is shown as it is then (loading).
        constexpr int kScreenshotPatienceMs = 30000;
        QObject::connect(&window, &MainWindow::busyChanged, &window, [&](bool busy) {
            if (!busy)
                QTimer::singleShot(600, &window, grab);
        });
        QTimer::singleShot(600, &window, [&] {
            if (!window.isBusy())
                grab();
        });
        QTimer::singleShot(kScreenshotPatienceMs, &window, grab);
        app.exec();
        return status;
    }
    return app.exec();
}

} // namespace prescreen::ui
