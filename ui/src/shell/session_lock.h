#pragma once
// Locking the workstation while its officer is away: InactivityWatch reports when nobody has
// touched the keyboard or mouse for a while; SessionLock is the screen that then covers the case
// — it names who is signed in and takes only that officer's password (checked by core on a
// worker thread), or signs them out.

#include <prescreen/core/service.h>

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <QWidget>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace prescreen::ui {

struct SignInResult;

/// Watches the application's input events and emits idle() once none came for the timeout.
class InactivityWatch : public QObject {
    Q_OBJECT

public:
    /// The default time before the screen locks: 5 minutes.
    static constexpr std::chrono::milliseconds kDefaultTimeout{5 * 60 * 1000};

    explicit InactivityWatch(QObject* parent = nullptr);
    ~InactivityWatch() override;

    /// Zero or less: never idle. Restarts the count when running.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const { return timeout_; }
    /// Counting starts (again) from now; stop() until the next start().
    void start();
    void stop();
    bool isRunning() const { return running_; }

    /// The configured timeout: $PRESCREEN_LOCK_AFTER_S (seconds), else the setting
    /// "session/lockAfterSeconds" of the workstation's settings, else kDefaultTimeout. A value
    /// that is not a whole number of seconds is ignored.
    static std::chrono::milliseconds configuredTimeout();

signals:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QTimer timer_;
    std::chrono::milliseconds timeout_ = kDefaultTimeout;
    bool running_ = false;
};

/// The lock screen. Unlocking needs the password of the officer whose session is locked; another
/// officer's password does not unlock it (they may sign the locked officer out instead, which
/// ends the session without deciding anything: decisions are saved when made).
class SessionLock : public QWidget {
    Q_OBJECT

public:
    /// The service must outlive the widget.
    explicit SessionLock(core::Service& service, QWidget* parent = nullptr);
    /// Waits for a password check still running (it uses the service).
    ~SessionLock() override;

    /// Shows the screen for this officer (copied), password field empty and focused.
    void lock(const core::Officer& officer);
    /// Starts checking the typed password (Enter and the button do this); returns at once.
    void unlock();
    /// True while a password check runs: the caller must not use the service meanwhile.
    bool isChecking() const { return checking_; }

signals:
    /// The locked officer's password was right: the session may continue.
    void unlocked();
    /// Someone chose to end the locked session.
    void signOutRequested();

private:
    void finishUnlock();
    void setChecking(bool checking);

    core::Service& service_;
    std::optional<core::Officer> officer_;
    bool checking_ = false;
    std::unique_ptr<QFutureWatcher<SignInResult>> watcher_;
    QLabel* who_ = nullptr;
    QLineEdit* password_ = nullptr;
    QLabel* error_ = nullptr;
    QProgressBar* busy_ = nullptr;
    QPushButton* unlockButton_ = nullptr;
    QPushButton* signOutButton_ = nullptr;
};

} // namespace prescreen::ui
