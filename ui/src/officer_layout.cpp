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

} // namespace

std::unique_ptr<QSettings> openSettings() {
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                       QStringLiteral("Prescreen"), QStringLiteral("workstation"));
}

std::optional<OfficerLayout> OfficerLayout::load(QSettings& settings, const QString& badge) {
    settings.beginGroup(groupFor(badge));
    std::optional<OfficerLayout> layout;
    if (settings.contains(QStringLiteral("windowState"))) {
        layout.emplace();
        layout->geometry = settings.value(QStringLiteral("geometry")).toByteArray();
        layout->windowState = settings.value(QStringLiteral("windowState")).toByteArray();
        layout->queue = settings.value(QStringLiteral("queue")).toMap();
        layout->display = settings.value(QStringLiteral("display")).toMap();
    }
    settings.endGroup();
    return layout;
}

void OfficerLayout::save(QSettings& settings, const QString& badge) const {
    settings.beginGroup(groupFor(badge));
    settings.setValue(QStringLiteral("geometry"), geometry);
    settings.setValue(QStringLiteral("windowState"), windowState);
    settings.setValue(QStringLiteral("queue"), queue);
    settings.setValue(QStringLiteral("display"), display);
    settings.endGroup();
    settings.sync();
}

} // namespace prescreen::ui
