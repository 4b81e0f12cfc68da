#include "empty_state.h"

#include <prescreen/core/store.h>
#include <prescreen/ui/main_window.h>
#include <prescreen/version.h>

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTableView>

namespace prescreen::ui {

MainWindow::MainWindow(core::Store& store, QWidget* parent) : QMainWindow(parent), store_(store) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Prescreen — Screening"));
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    setCentralWidget(new EmptyState(
        tr("No case open"),
        tr("Select a case in the work queue to view its scan beside the manifest and risk."),
        this));
    createMenus();
    createDocks();
    createStatusBar();
    resize(1600, 900);
}

void MainWindow::createDocks() {
    auto* queueModel = new QStandardItemModel(0, 6, this);
    queueModel->setHorizontalHeaderLabels(
        {tr("Risk"), tr("Score"), tr("Mode"), tr("Origin"), tr("Age"), tr("Status")});
    auto* queueView = new QTableView;
    queueView->setObjectName(QStringLiteral("WorkQueueView"));
    queueView->setModel(queueModel);
    queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    queueView->setSelectionMode(QAbstractItemView::SingleSelection);
    queueView->verticalHeader()->hide();
    queueView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);

    auto* queueDock = new QDockWidget(tr("Work queue"), this);
    queueDock->setObjectName(QStringLiteral("WorkQueueDock"));
    queueDock->setWidget(queueView);
    addDockWidget(Qt::LeftDockWidgetArea, queueDock);

    auto* manifestDock = new QDockWidget(tr("Manifest"), this);
    manifestDock->setObjectName(QStringLiteral("ManifestDock"));
    manifestDock->setWidget(
        new EmptyState(tr("No manifest"), tr("The pre-arrival data of the open case.")));
    addDockWidget(Qt::RightDockWidgetArea, manifestDock);

    auto* riskDock = new QDockWidget(tr("Risk"), this);
    riskDock->setObjectName(QStringLiteral("RiskDock"));
    riskDock->setWidget(
        new EmptyState(tr("No risk assessment"), tr("Score, level and the factors behind it.")));
    addDockWidget(Qt::RightDockWidgetArea, riskDock);

    resizeDocks({queueDock, manifestDock}, {420, 420}, Qt::Horizontal);
    for (auto* dock : {queueDock, manifestDock, riskDock})
        viewMenu_->addAction(dock->toggleViewAction());
}

void MainWindow::createMenus() {
    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    auto* quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    viewMenu_ = menuBar()->addMenu(tr("&View"));
    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Prescreen"), this, &MainWindow::showAbout);
}

void MainWindow::createStatusBar() {
    auto* signIn = new QLabel(tr("Not signed in"));
    signIn->setObjectName(QStringLiteral("SignInLabel"));
    statusBar()->addWidget(signIn);

    const auto databaseFile = QString::fromStdString(store_.file().string());
    auto* database = new QLabel(tr("Local database: %1").arg(databaseFile));
    database->setObjectName(QStringLiteral("DatabaseLabel"));
    database->setToolTip(tr("Workstation %1").arg(QString::fromStdString(store_.workstationId())));
    statusBar()->addPermanentWidget(database);
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Prescreen"),
                       tr("<b>Prescreen %1</b><p>Virtual cargo pre-screening workstation.</p>"
                          "<p>Workstation %2<br>Database %3</p>")
                           .arg(QString::fromUtf8(kVersion),
                                QString::fromStdString(store_.workstationId()),
                                QString::fromStdString(store_.file().string()).toHtmlEscaped()));
}

} // namespace prescreen::ui
