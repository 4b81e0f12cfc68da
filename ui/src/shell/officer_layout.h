#pragma once
// What each officer finds again at sign-in: the window's geometry, the mode they used last, and
// per mode the dock arrangement and the workspace's own layout (for screening: the work queue's
// sort and filters and the scan's display presets) — kept per badge in the workstation's
// settings (never in the database: it is comfort, not record).
//
// Keys, under officers/<badge>/: geometry, mode; the screening mode's windowState, queue and
// display (where they were before there were modes); modes/<mode>/... for the other modes.

#include <prescreen/core/role_policy.h>

#include <QByteArray>
#include <QString>
#include <QVariantMap>

#include <memory>
#include <optional>

class QSettings;

namespace prescreen::ui {

/// The workstation's settings: INI format, user scope, organisation "Prescreen", application
/// "workstation" (on Linux $XDG_CONFIG_HOME/Prescreen/workstation.ini). Tests move it with
/// QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, folder).
std::unique_ptr<QSettings> openSettings();

struct OfficerLayout {
    QByteArray windowState; ///< QMainWindow::saveState: docks and toolbars
    QVariantMap workspace;  ///< Workspace::saveLayout, one settings key per entry

    /// The layout a badge saved for a mode; nullopt if that officer never saved one here.
    static std::optional<OfficerLayout> load(QSettings& settings, const QString& badge,
                                             core::Mode mode);
    void save(QSettings& settings, const QString& badge, core::Mode mode) const;

    /// The main window's geometry (QWidget::saveGeometry), one for all modes.
    static QByteArray loadGeometry(QSettings& settings, const QString& badge);
    static void saveGeometry(QSettings& settings, const QString& badge, const QByteArray& geometry);
    /// The mode the officer used last (nullopt: never saved, or unknown).
    static std::optional<core::Mode> loadMode(QSettings& settings, const QString& badge);
    static void saveMode(QSettings& settings, const QString& badge, core::Mode mode);
};

} // namespace prescreen::ui
