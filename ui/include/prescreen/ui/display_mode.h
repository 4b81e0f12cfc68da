#pragma once
// How the scan is coloured on screen: the modes of the scan toolbar, named for options and
// settings ("grey", "material", "organic", "inorganic", "slice").

#include <QString>
#include <QStringList>

#include <optional>

namespace prescreen::ui {

enum class DisplayMode {
    Grey,          ///< the plane's own presentation (window, VOI function)
    Material,      ///< material colour: organic orange, inorganic green, metal blue
    OrganicOnly,   ///< organic in colour, the rest greyed
    InorganicOnly, ///< inorganic and metal in colour, organic greyed
    DensitySlice,  ///< grey with one band of values painted in colour
};

/// "grey", "material", "organic", "inorganic", "slice" (also accepts "gray"); nullopt otherwise.
std::optional<DisplayMode> parseDisplayMode(const QString& name);
/// The name parseDisplayMode accepts for a mode.
QString displayModeName(DisplayMode mode);
/// The names parseDisplayMode accepts, for messages.
QStringList displayModeNames();

} // namespace prescreen::ui
