#pragma once
// The workstation's languages: every user-visible string goes through tr(); the translations
// (resources/translations/prescreen_<language>.ts, compiled into the program under :/i18n) are
// chosen by the system locale ($LC_ALL, $LC_MESSAGES, $LANG).

#include <QString>

class QCoreApplication;
class QLocale;

namespace prescreen::ui {

/// Installs the translation for `locale`'s languages on the application (the first one found
/// among them, e.g. "fr" for fr_CA). Returns the file's language ("en", "fr"), or an empty
/// string when the program has no translation for that locale (the English source texts show).
QString installTranslations(QCoreApplication& app, const QLocale& locale);

} // namespace prescreen::ui
