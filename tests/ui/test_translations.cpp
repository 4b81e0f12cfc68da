// Every user-visible string goes through tr(): with a pseudo-translation that wraps each
// translated text in ⟦…⟧, every text the sign-in dialog and the main window show must carry
// the brackets. The real translations are compiled in and chosen by the locale.
#include "translations.h"
#include "ui_site.h"

#include <prescreen/ui/login_dialog.h>
#include <prescreen/ui/main_window.h>

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QTableView>
#include <QTest>
#include <QTranslator>
#include <catch2/catch.hpp>

using namespace prescreen;

namespace {

const QString kOpen = QStringLiteral("⟦");

/// Translates every text, in every context, to itself in brackets.
class PseudoTranslator : public QTranslator {
public:
    QString translate(const char* /*context*/, const char* sourceText,
                      const char* /*disambiguation*/, int /*n*/) const override {
        return kOpen + QString::fromUtf8(sourceText) + QStringLiteral("⟧");
    }
    bool isEmpty() const override { return false; }
};

/// Installs the pseudo-translation for the scope of a test.
struct PseudoLanguage {
    PseudoTranslator translator;
    PseudoLanguage() { QCoreApplication::installTranslator(&translator); }
    ~PseudoLanguage() { QCoreApplication::removeTranslator(&translator); }
};

/// The texts an officer can see in a window: labels, buttons, menu and toolbar actions, dock
/// titles, combo entries, table headers and the window title; "where: text" for messages.
QStringList untranslated(QWidget& root) {
    QStringList found;
    auto check = [&](const QString& where, const QString& text) {
        if (!text.trimmed().isEmpty() && !text.contains(kOpen))
            found << where + QStringLiteral(": ") + text;
    };
    check(root.objectName() + QStringLiteral(" title"), root.windowTitle());
    for (auto* label : root.findChildren<QLabel*>())
        if (label->isVisibleTo(&root))
            check(QStringLiteral("label ") + label->objectName(), label->text());
    for (auto* button : root.findChildren<QAbstractButton*>())
        if (button->isVisibleTo(&root))
            check(QStringLiteral("button ") + button->objectName(), button->text());
    for (auto* action : root.findChildren<QAction*>())
        if (!action->isSeparator())
            check(QStringLiteral("action ") + action->objectName(), action->text());
    for (auto* menu : root.findChildren<QMenu*>())
        check(QStringLiteral("menu ") + menu->objectName(), menu->title());
    for (auto* dock : root.findChildren<QDockWidget*>())
        check(QStringLiteral("dock ") + dock->objectName(), dock->windowTitle());
    for (auto* combo : root.findChildren<QComboBox*>())
        for (int i = 0; i < combo->count(); ++i)
            check(QStringLiteral("combo ") + combo->objectName(), combo->itemText(i));
    for (auto* table : root.findChildren<QTableView*>()) {
        auto* model = table->model();
        for (int column = 0; model != nullptr && column < model->columnCount(); ++column)
            check(QStringLiteral("header ") + table->objectName(),
                  model->headerData(column, Qt::Horizontal).toString());
    }
    return found;
}

} // namespace

TEST_CASE("every text of the sign-in dialog and main window is translatable", "[ui][i18n]") {
    test::OfficerSite site;
    const PseudoLanguage pseudo;
    ui::MainWindow window(site.service);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    ui::LoginDialog login(site.service, &window);
    login.open();
    REQUIRE(QTest::qWaitForWindowExposed(&login));
    login.showError(QObject::tr("refused"));

    CHECK(untranslated(login) == QStringList());
    CHECK(untranslated(window) == QStringList());

    // Signed in, and on the lock screen.
    login.close();
    window.setLockTimeout(std::chrono::milliseconds(0));
    window.setSession(site.service.login("OFF1", test::kOfficerPassword));
    CHECK(untranslated(window) == QStringList());
    window.lockSession();
    CHECK(untranslated(window) == QStringList());

    // The check itself finds a text that bypassed tr().
    auto* stray = new QLabel(QStringLiteral("not translated"), window.centralWidget());
    stray->show();
    CHECK(untranslated(window).size() == 1);
}

TEST_CASE("translations are compiled in and chosen by the locale", "[ui][i18n]") {
    auto& app = *QCoreApplication::instance();
    const QString french = ui::installTranslations(app, QLocale(QLocale::French, QLocale::Canada));
    CHECK(french == QStringLiteral("fr"));
    const QString english = ui::installTranslations(app, QLocale(QLocale::English));
    CHECK(english == QStringLiteral("en"));
    // English plural forms come from the English file.
    CHECK(QCoreApplication::translate("prescreen::ui::WorkQueuePanel", "%n case(s)", nullptr, 1) ==
          QStringLiteral("1 case"));
    CHECK(QCoreApplication::translate("prescreen::ui::WorkQueuePanel", "%n case(s)", nullptr, 3) ==
          QStringLiteral("3 cases"));
    CHECK(ui::installTranslations(app, QLocale(QLocale::Japanese)).isEmpty());
    for (auto* translator : app.findChildren<QTranslator*>())
        QCoreApplication::removeTranslator(translator);
}
