#pragma once
// Starting the officer workstation: what the GUI's main() hands over after parsing its options.

#include <prescreen/core/role_policy.h>
#include <prescreen/ui/display_mode.h>

#include <QString>

#include <filesystem>
#include <optional>

class QApplication;

namespace prescreen::ui {

struct WorkstationOptions {
    std::filesystem::path dataDirectory; ///< holds the local database and the scan cache
    QString screenshotFile;              ///< non-empty: render the window to this PNG and exit
    /// Both non-empty: sign in with them instead of asking (scripted runs, screenshots, tests).
    QString badge;
    QString password;
    bool openNextCase = false; ///< after signing in, open the first case of the work queue
    DisplayMode displayMode = DisplayMode::Grey; ///< how the scan is coloured at first
    /// After signing in, switch to this mode (if the officer's roles allow it).
    std::optional<core::Mode> mode;
    /// Runs the HQ sync in the background (rounds fail quietly until sync.json is configured);
    /// never while taking a screenshot.
    bool sync = true;
};

/// Applies the theme, opens the local store, scan cache and screening service, shows the main
/// window with the sign-in dialog over it and runs the event loop. Returns the process exit
/// status; reports start-up failures to the user (or to stderr when taking a screenshot)
/// instead of throwing. A screenshot is taken once the open case's scan is on screen.
int runWorkstation(QApplication& app, const WorkstationOptions& options);

} // namespace prescreen::ui
