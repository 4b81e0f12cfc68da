#pragma once
// The HQ sync in the status bar: one line (state, pending items, last success) with the details
// in its tooltip, and a "Sync now" button. The status is read on a worker thread from the
// store's own read-only connection (prescreen/sync/state.h), so a busy disk never stalls the UI.

#include <prescreen/sync/state.h>

#include <QFutureWatcher>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QTimer;
class QToolButton;

namespace prescreen::ui {

class SyncIndicator : public QWidget {
    Q_OBJECT

public:
    /// `requestNow` asks the sync runner for a round (may be empty: the button is then hidden).
    SyncIndicator(std::filesystem::path databaseFile, std::function<void()> requestNow,
                  QWidget* parent = nullptr);
    ~SyncIndicator() override;

    /// Reads the status again soon (e.g. after a round ended); safe to call often.
    void refresh();
    /// The status shown (for tests); default-constructed until the first read finished.
    const sync::SyncStatus& status() const { return status_; }
    /// The one-line summary for a status (for tests and the tooltip's first line).
    static QString summary(const sync::SyncStatus& status);

signals:
    /// A status read finished and is on screen.
    void updated();

private:
    void show(const sync::SyncStatus& status);

    std::shared_ptr<sync::SyncStatusReader> reader_;
    std::function<void()> requestNow_;
    QFutureWatcher<sync::SyncStatus> watcher_;
    bool again_ = false; ///< a refresh arrived while a read was running
    sync::SyncStatus status_;
    QLabel* text_ = nullptr;
    QToolButton* now_ = nullptr;
    QTimer* timer_ = nullptr;
};

} // namespace prescreen::ui
