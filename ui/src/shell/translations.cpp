#include "translations.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QTranslator>

namespace prescreen::ui {

QString installTranslations(QCoreApplication& app, const QLocale& locale) {
    // Owned by the application: installed translators must live as long as it does.
    auto* translator = new QTranslator(&app);
    if (!translator->load(locale, QStringLiteral("prescreen"), QStringLiteral("_"),
                          QStringLiteral(":/i18n"))) {
        delete translator;
        return {};
    }
    app.installTranslator(translator);
    // "prescreen_fr" -> "fr"
    return QFileInfo(translator->filePath()).completeBaseName().section(QLatin1Char('_'), 1);
}

} // namespace prescreen::ui
