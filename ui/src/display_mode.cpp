#include <prescreen/ui/display_mode.h>

namespace prescreen::ui {

std::optional<DisplayMode> parseDisplayMode(const QString& name) {
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("grey") || key == QLatin1String("gray"))
        return DisplayMode::Grey;
    if (key == QLatin1String("material"))
        return DisplayMode::Material;
    if (key == QLatin1String("organic"))
        return DisplayMode::OrganicOnly;
    if (key == QLatin1String("inorganic"))
        return DisplayMode::InorganicOnly;
    return std::nullopt;
}

QStringList displayModeNames() {
    return {QStringLiteral("grey"), QStringLiteral("material"), QStringLiteral("organic"),
            QStringLiteral("inorganic")};
}

} // namespace prescreen::ui
