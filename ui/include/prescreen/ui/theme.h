#pragma once
// The workstation's look: a dark palette for dim screening rooms, on the Fusion style so it is
// the same on every desktop.

class QApplication;

namespace prescreen::ui {

void applyDarkTheme(QApplication& app);

} // namespace prescreen::ui
