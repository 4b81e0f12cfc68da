#pragma once
// Starting the officer workstation: what the GUI's main() hands over after parsing its options.

#include <QString>

#include <filesystem>

class QApplication;

namespace prescreen::ui {

struct WorkstationOptions {
    std::filesystem::path dataDirectory; ///< holds the local database and the scan cache
    QString screenshotFile;              ///< non-empty: render the window to this PNG and exit
};

/// Applies the theme, opens the local store, shows the main window and runs the event loop.
/// Returns the process exit status; reports start-up failures to the user (or to stderr when
/// taking a screenshot) instead of throwing.
int runWorkstation(QApplication& app, const WorkstationOptions& options);

} // namespace prescreen::ui
