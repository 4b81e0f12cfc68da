#pragma once

#include <QString>

class QWidget;

namespace prescreen::ui {

/// Renders the widget (and its children, with any dialog open over it) as shown now and writes
/// it as PNG. Returns an empty string on success, else what went wrong.
QString saveScreenshot(QWidget& widget, const QString& pngFile);

} // namespace prescreen::ui
