#pragma once
// A workspace is one mode of the workstation (screening, audit, training): it brings its own
// central page, docks, toolbars, menus and status-bar widgets, and the shell (MainWindow)
// installs it once, then activates it or hides it as the officer switches modes. A workspace
// knows nothing of the others; what modes share lives in ui/src/{scan,annotations,case,queue}.

#include <prescreen/core/role_policy.h>
#include <prescreen/core/service.h>

#include <QList>
#include <QObject>
#include <QString>
#include <QVariantMap>

class QDockWidget;
class QMainWindow;
class QMenu;
class QToolBar;
class QWidget;

namespace prescreen::ui {

class Workspace : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    virtual core::Mode mode() const = 0;
    /// The mode's name as the switcher and the window title show it ("Screening").
    virtual QString title() const = 0;

    /// Builds the page, docks, toolbars and menus into the shell's window; called once. Docks
    /// and toolbars are added to `window`; the page and menus are handed over by the getters.
    virtual void install(QMainWindow& window) = 0;
    virtual QWidget* page() const = 0;
    virtual QList<QDockWidget*> docks() const { return {}; }
    virtual QList<QToolBar*> toolBars() const { return {}; }
    virtual QList<QMenu*> menus() const { return {}; }
    /// Shown in the status bar (after who is signed in) while the workspace is active.
    virtual QList<QWidget*> statusWidgets() const { return {}; }

    /// Signed in (the session outlives the workspace's use of it) or out (nullptr).
    virtual void setSession(const core::Session* session) = 0;
    /// The lock screen hides the docks; the workspace disables what could act behind it.
    virtual void setLocked(bool locked) { (void)locked; }
    /// Puts the keyboard focus where the officer works first.
    virtual void takeFocus() {}

    /// The officer's arrangement of what is not a dock or toolbar (sorting, filters, display
    /// presets), saved per officer and mode; restoreLayout({}) puts the defaults back.
    virtual QVariantMap saveLayout() const { return {}; }
    virtual void restoreLayout(const QVariantMap& layout) { (void)layout; }

signals:
    /// A transient message for the status bar.
    void message(const QString& text);
};

} // namespace prescreen::ui
