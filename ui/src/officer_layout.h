#pragma once
// What each officer finds again at sign-in: the window's geometry and dock arrangement, the work
// queue's sort and filters, and the scan's display presets — kept per badge in the
// workstation's settings (never in the database: it is comfort, not record).

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
    QByteArray geometry;    ///< QWidget::saveGeometry of the main window
    QByteArray windowState; ///< QMainWindow::saveState: docks and toolbars
    QVariantMap queue;      ///< WorkQueuePanel::viewState
    QVariantMap display;    ///< the scan panel's display presets

    /// The layout saved for a badge; nullopt if that officer never saved one here.
    static std::optional<OfficerLayout> load(QSettings& settings, const QString& badge);
    void save(QSettings& settings, const QString& badge) const;
};

} // namespace prescreen::ui
