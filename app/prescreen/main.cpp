// prescreen: the officer workstation (GUI).
#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/imaging/dictionary.h>
#include <prescreen/ui/display_mode.h>
#include <prescreen/ui/workstation.h>
#include <prescreen/version.h>

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char** argv) {
    prescreen::imaging::initialise();
    QApplication::setApplicationName(QStringLiteral("prescreen"));
    QApplication::setApplicationDisplayName(QStringLiteral("Prescreen"));
    QApplication::setApplicationVersion(QString::fromUtf8(prescreen::kVersion));

    prescreen::ui::WorkstationOptions options;
    {
        // Parsed before the GUI exists, so --help and --version work without a display.
        QCoreApplication parsing(argc, argv);
        QCommandLineParser parser;
        parser.setApplicationDescription(QCoreApplication::translate(
            "main", "Prescreen officer workstation: review cargo X-ray scans with their manifest "
                    "and risk, annotate, and decide release or referral."));
        parser.addHelpOption();
        parser.addVersionOption();
        const QCommandLineOption dataDir(
            QStringLiteral("data-dir"),
            QCoreApplication::translate("main",
                                        "Keep the local database in DIR (default: "
                                        "$PRESCREEN_DATA_DIR or ~/.local/share/prescreen)."),
            QStringLiteral("DIR"));
        const QCommandLineOption screenshot(
            QStringLiteral("screenshot"),
            QCoreApplication::translate("main",
                                        "Render the main window to FILE (PNG) and exit. Signs "
                                        "in as $PRESCREEN_BADGE with $PRESCREEN_PASSWORD when "
                                        "both are set, else shows the sign-in dialog."),
            QStringLiteral("FILE"));
        const QCommandLineOption openNext(
            QStringLiteral("open-next"),
            QCoreApplication::translate("main", "After signing in, open the first case of the "
                                                "work queue."));
        const QCommandLineOption display(
            QStringLiteral("display"),
            QCoreApplication::translate("main", "Show scans in MODE at first: grey (default), "
                                                "material, organic, inorganic or slice."),
            QStringLiteral("MODE"));
        const QCommandLineOption noSync(
            QStringLiteral("no-sync"),
            QCoreApplication::translate("main", "Do not sync with headquarters in the background "
                                                "(sync.json beside the database says where HQ "
                                                "is)."));
        parser.addOption(dataDir);
        parser.addOption(noSync);
        parser.addOption(screenshot);
        parser.addOption(openNext);
        parser.addOption(display);
        const QCommandLineOption workstationMode(
            QStringLiteral("mode"),
            QCoreApplication::translate("main", "After signing in, switch to MODE: screening, "
                                                "audit or training (if the officer's roles "
                                                "allow it)."),
            QStringLiteral("MODE"));
        parser.addOption(workstationMode);
        parser.process(parsing);

        try {
            options.dataDirectory = parser.isSet(dataDir)
                                        ? std::filesystem::path(parser.value(dataDir).toStdString())
                                        : prescreen::core::defaultDataDirectory();
        } catch (const prescreen::Error& error) {
            std::fprintf(stderr, "prescreen: %s\n", error.what());
            return 1;
        }
        options.screenshotFile = parser.value(screenshot);
        options.openNextCase = parser.isSet(openNext);
        options.sync = !parser.isSet(noSync);
        if (parser.isSet(display)) {
            const auto mode = prescreen::ui::parseDisplayMode(parser.value(display));
            if (!mode) {
                std::fprintf(
                    stderr, "prescreen: --display is one of %s, not '%s'\n",
                    qPrintable(prescreen::ui::displayModeNames().join(QStringLiteral(", "))),
                    qPrintable(parser.value(display)));
                return 2;
            }
            options.displayMode = *mode;
        }
        if (parser.isSet(workstationMode)) {
            options.mode =
                prescreen::core::parseWorkstationMode(parser.value(workstationMode).toStdString());
            if (!options.mode) {
                std::fprintf(stderr,
                             "prescreen: --mode is one of screening, audit, training, not '%s'\n",
                             qPrintable(parser.value(workstationMode)));
                return 2;
            }
        }
        // Scripted runs and screenshots sign in without the dialog.
        options.badge = qEnvironmentVariable("PRESCREEN_BADGE");
        options.password = qEnvironmentVariable("PRESCREEN_PASSWORD");
    }

    QApplication app(argc, argv);
    return prescreen::ui::runWorkstation(app, options);
}
