#include "officer_layout.h"

#include <QSettings>
#include <QUrl>

namespace prescreen::ui {
namespace {

// Badges are free text: percent-encoded they cannot break out of their settings group.
QString groupFor(const QString& badge) {
    return QStringLiteral("officers/") +
           QString::fromLatin1(QUrl::toPercentEncoding(badge, QByteArray(), "/\\"));
}

QString groupFor(const QString& badge, core::Mode mode) {
    if (mode == core::Mode::Screening)
        return groupFor(badge);
    return groupFor(badge) + QStringLiteral("/modes/") +
           QString::fromLatin1(core::workstationModeName(mode).data(),
                               static_cast<qsizetype>(core::workstationModeName(mode).size()));
}

const QString kWindowState = QStringLiteral("windowState");

} // namespace

std::unique_ptr<QSettings> openSettings() {
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                       QStringLiteral("Prescreen"), QStringLiteral("workstation"));
}

std::optional<OfficerLayout> OfficerLayout::load(QSettings& settings, const QString& badge,
                                                 core::Mode mode) {
    settings.beginGroup(groupFor(badge, mode));
    std::optional<OfficerLayout> layout;
    if (settings.contains(kWindowState)) {
        layout.emplace();
        for (const auto& key : settings.childKeys())
            if (key == kWindowState)
                layout->windowState = settings.value(key).toByteArray();
            else if (key != QStringLiteral("geometry") && key != QStringLiteral("mode"))
                layout->workspace.insert(key, settings.value(key));
    }
    settings.endGroup();
    return layout;
}

void OfficerLayout::save(QSettings& settings, const QString& badge, core::Mode mode) const {
    settings.beginGroup(groupFor(badge, mode));
    settings.setValue(kWindowState, windowState);
    for (auto entry = workspace.begin(); entry != workspace.end(); ++entry)
        settings.setValue(entry.key(), entry.value());
    settings.endGroup();
    settings.sync();
}

QByteArray OfficerLayout::loadGeometry(QSettings& settings, const QString& badge) {
    return settings.value(groupFor(badge) + QStringLiteral("/geometry")).toByteArray();
}

void OfficerLayout::saveGeometry(QSettings& settings, const QString& badge,
                                 const QByteArray& geometry) {
    settings.setValue(groupFor(badge) + QStringLiteral("/geometry"), geometry);
}

std::optional<core::Mode> OfficerLayout::loadMode(QSettings& settings, const QString& badge) {
    const QString name = settings.value(groupFor(badge) + QStringLiteral("/mode")).toString();
    return core::parseWorkstationMode(name.toStdString());
}

void OfficerLayout::saveMode(QSettings& settings, const QString& badge, core::Mode mode) {
    settings.setValue(
        groupFor(badge) + QStringLiteral("/mode"),
        QString::fromLatin1(core::workstationModeName(mode).data(),
                            static_cast<qsizetype>(core::workstationModeName(mode).size())));
    settings.sync();
}

} // namespace prescreen::ui
