// prescreen: the officer workstation (GUI).
#include <prescreen/core/store.h>
#include <prescreen/error.h>
#include <prescreen/imaging/dictionary.h>
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
            QCoreApplication::translate("main", "Render the main window to FILE (PNG) and exit."),
            QStringLiteral("FILE"));
        parser.addOption(dataDir);
        parser.addOption(screenshot);
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
    }

    QApplication app(argc, argv);
    return prescreen::ui::runWorkstation(app, options);
}
