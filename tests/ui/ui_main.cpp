// Runner for the UI tests: one QApplication (offscreen unless told otherwise) around Catch2.
#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Each test process keeps its settings (layouts, modes, the site's release policy) in a
    // folder of its own: tests run two at a time and must neither see each other's settings
    // nor those of the person running them, nor leave any behind.
    QTemporaryDir config;
    if (config.isValid())
        qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
