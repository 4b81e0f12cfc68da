#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/ui/main_window.h>
#include <prescreen/ui/screenshot.h>
#include <prescreen/ui/theme.h>
#include <prescreen/ui/workstation.h>

#include <QApplication>
#include <QMessageBox>
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

} // namespace

int runWorkstation(QApplication& app, const WorkstationOptions& options) {
    applyDarkTheme(app);

    std::unique_ptr<core::Store> store;
    try {
        store = std::make_unique<core::Store>(core::databasePath(options.dataDirectory));
    } catch (const Error& error) {
        reportStartupError(options, QApplication::tr("The local database could not be opened: %1")
                                        .arg(QString::fromUtf8(error.what())));
        return 1;
    }

    MainWindow window(*store);
    window.show();

    if (!options.screenshotFile.isEmpty()) {
        int status = 0;
        // Let the first layout and paint happen before grabbing.
        QTimer::singleShot(200, &window, [&] {
            const QString problem = saveScreenshot(window, options.screenshotFile);
            if (!problem.isEmpty()) {
                reportStartupError(options, problem);
                status = 1;
            }
            app.quit();
        });
        app.exec();
        return status;
    }
    return app.exec();
}

} // namespace prescreen::ui
