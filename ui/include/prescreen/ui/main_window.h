#pragma once
// The officer workstation's main window: the scan view in the centre, work queue, manifest and
// risk as docks around it, sign-in and sync state in the status bar.

#include <QMainWindow>

namespace prescreen::core {
class Store;
}

namespace prescreen::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// The store must outlive the window.
    explicit MainWindow(core::Store& store, QWidget* parent = nullptr);

private:
    void createDocks();
    void createMenus();
    void createStatusBar();
    void showAbout();

    core::Store& store_;
    QMenu* viewMenu_ = nullptr;
};

} // namespace prescreen::ui
