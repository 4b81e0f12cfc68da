#include "sync_indicator.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

namespace prescreen::ui {
namespace {

constexpr int kRefreshMs = 5000; ///< the status bar follows the runner at this pace

/// "3 min ago" for an ISO 8601 UTC time; the time itself if it does not parse.
QString ago(const std::string& utc) {
    const auto when = QDateTime::fromString(QString::fromStdString(utc), Qt::ISODateWithMs);
    if (!when.isValid())
        return QString::fromStdString(utc);
    const auto seconds = when.secsTo(QDateTime::currentDateTimeUtc());
    if (seconds < 60)
        return SyncIndicator::tr("just now");
    if (seconds < 3600)
        return SyncIndicator::tr("%n min ago", nullptr, static_cast<int>(seconds / 60));
    if (seconds < 48 * 3600)
        return SyncIndicator::tr("%n h ago", nullptr, static_cast<int>(seconds / 3600));
    return SyncIndicator::tr("%n days ago", nullptr, static_cast<int>(seconds / 86400));
}

} // namespace

SyncIndicator::SyncIndicator(std::filesystem::path databaseFile, std::function<void()> requestNow,
                             QWidget* parent)
    : QWidget(parent), reader_(std::make_shared<sync::SyncStatusReader>(std::move(databaseFile))),
      requestNow_(std::move(requestNow)) {
    setObjectName(QStringLiteral("SyncIndicator"));
    text_ = new QLabel(tr("Sync: …"), this);
    text_->setObjectName(QStringLiteral("SyncText"));
    now_ = new QToolButton(this);
    now_->setObjectName(QStringLiteral("SyncNow"));
    now_->setText(tr("Sync now"));
    now_->setToolTip(tr("Send the work of this workstation to headquarters and fetch new cases "
                        "now"));
    now_->setAutoRaise(true);
    now_->setVisible(static_cast<bool>(requestNow_));
    connect(now_, &QToolButton::clicked, this, [this] {
        if (requestNow_)
            requestNow_();
        text_->setText(tr("Sync: starting…"));
    });

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(text_);
    layout->addWidget(now_);

    connect(&watcher_, &QFutureWatcherBase::finished, this, [this] {
        show(watcher_.result());
        if (again_) {
            again_ = false;
            refresh();
        }
    });
    timer_ = new QTimer(this);
    timer_->setInterval(kRefreshMs);
    connect(timer_, &QTimer::timeout, this, &SyncIndicator::refresh);
    timer_->start();
    refresh();
}

SyncIndicator::~SyncIndicator() {
    watcher_.waitForFinished();
}

void SyncIndicator::refresh() {
    if (watcher_.isRunning()) {
        again_ = true;
        return;
    }
    // The reader is shared with the worker, so it outlives the widget if the window closes first.
    auto reader = reader_;
    watcher_.setFuture(QtConcurrent::run([reader] {
        try {
            return reader->read();
        } catch (const std::exception& error) {
            sync::SyncStatus failed;
            failed.configError = error.what();
            return failed;
        }
    }));
}

QString SyncIndicator::summary(const sync::SyncStatus& status) {
    if (!status.configured)
        return status.configError.empty() ? tr("Sync: off (this workstation works alone)")
                                          : tr("Sync: not configured");
    QString line;
    if (!status.lastError.empty())
        line = tr("Sync: failing");
    else if (status.lastSuccess.empty())
        line = tr("Sync: not yet");
    else
        line = tr("Sync: %1").arg(ago(status.lastSuccess));
    if (status.pendingPush > 0)
        line += tr(" · %n to send", nullptr, static_cast<int>(status.pendingPush));
    if (status.pendingScans > 0)
        line += tr(" · %n scans to fetch", nullptr, static_cast<int>(status.pendingScans));
    if (status.rejected > 0)
        line += tr(" · %n refused by HQ", nullptr, static_cast<int>(status.rejected));
    return line;
}

void SyncIndicator::show(const sync::SyncStatus& status) {
    status_ = status;
    text_->setText(summary(status));
    QStringList details;
    if (status.configured) {
        details << tr("Headquarters: %1").arg(QString::fromStdString(status.hq));
        details << tr("Last success: %1")
                       .arg(status.lastSuccess.empty()
                                ? tr("never")
                                : QString::fromStdString(status.lastSuccess));
        details << tr("Last attempt: %1")
                       .arg(status.lastAttempt.empty()
                                ? tr("never")
                                : QString::fromStdString(status.lastAttempt));
        if (!status.lastError.empty())
            details << tr("Last error: %1").arg(QString::fromStdString(status.lastError));
        details << tr("Waiting to be sent: %1").arg(status.pendingPush);
        details << tr("Cases waiting for their scans: %1").arg(status.pendingCases);
        if (status.failedCases > 0)
            details << tr("Cases that could not be added: %1").arg(status.failedCases);
        if (!status.rulesVersion.empty())
            details << tr("Risk rules from headquarters: %1")
                           .arg(QString::fromStdString(status.rulesVersion));
        if (!status.rulesError.empty())
            details
                << tr("Latest rules refused: %1").arg(QString::fromStdString(status.rulesError));
    } else if (!status.configError.empty()) {
        details
            << tr("sync.json cannot be used: %1").arg(QString::fromStdString(status.configError));
    } else {
        details << tr("No sync.json beside the database: decisions stay on this workstation "
                      "until sync is configured (prescreen-cli sync configure).");
    }
    text_->setToolTip(details.join(QLatin1Char('\n')));
    const bool failing = status.configured && !status.lastError.empty();
    text_->setProperty("problem", failing);
    text_->setStyleSheet(failing ? QStringLiteral("color: #ff8a65;") : QString());
    emit updated();
}

} // namespace prescreen::ui
