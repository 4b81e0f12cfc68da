#include <prescreen/ui/display_mode.h>

namespace prescreen::ui {

std::optional<DisplayMode> parseDisplayMode(const QString& name) {
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("gray"))
        return DisplayMode::Grey;
    for (const auto mode : {DisplayMode::Grey, DisplayMode::Material, DisplayMode::OrganicOnly,
                            DisplayMode::InorganicOnly, DisplayMode::DensitySlice})
        if (key == displayModeName(mode))
            return mode;
    return std::nullopt;
}

QString displayModeName(DisplayMode mode) {
    switch (mode) {
    case DisplayMode::Material:
        return QStringLiteral("material");
    case DisplayMode::OrganicOnly:
        return QStringLiteral("organic");
    case DisplayMode::InorganicOnly:
        return QStringLiteral("inorganic");
    case DisplayMode::DensitySlice:
        return QStringLiteral("slice");
    case DisplayMode::Grey:
        break;
    }
    return QStringLiteral("grey");
}

QStringList displayModeNames() {
    return {QStringLiteral("grey"), QStringLiteral("material"), QStringLiteral("organic"),
            QStringLiteral("inorganic"), QStringLiteral("slice")};
}

} // namespace prescreen::ui
