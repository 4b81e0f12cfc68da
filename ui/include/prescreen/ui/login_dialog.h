#pragma once
// Signing in: badge and password, checked by core::Service::login on a worker thread (Argon2id
// takes about half a second) while the dialog shows that it is busy and keeps answering. Enter
// submits; a refusal (wrong password, unknown badge, locked account) is shown in the dialog,
// which stays open.

#include <prescreen/core/service.h>

#include <QDialog>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
template <typename T>
class QFutureWatcher;

namespace prescreen::ui {

struct SignInResult;

class LoginDialog : public QDialog {
    Q_OBJECT

public:
    /// The service must outlive the dialog.
    explicit LoginDialog(core::Service& service, QWidget* parent = nullptr);
    /// Waits for a check still running (it uses the service).
    ~LoginDialog() override;

    /// The signed-in officer's session once the dialog was accepted; empty before.
    const std::optional<core::Session>& session() const { return session_; }

    /// Shows why signing in did not work (also used for a refused automatic sign-in).
    void showError(const QString& message);
    /// Fills in the badge (empty: clears it), clears the password and any message, and puts
    /// the focus where typing goes next.
    void setBadge(const QString& badge);

    /// Starts checking the badge and password as typed (what Enter and the button do) on a
    /// worker thread and returns at once; the dialog is accepted on success, else shows why and
    /// stays open. While the check runs the fields are read-only, a busy bar shows, the dialog
    /// cannot be dismissed, and nobody else may use the service (see sign_in_task.h).
    void signIn();
    /// True while a check runs.
    bool isSigningIn() const { return signingIn_; }

    /// Refuses to close while a check runs (the worker uses the service).
    void reject() override;

signals:
    /// A check ended, signed in or not.
    void signInFinished(bool signedIn);

private:
    void setBusy(bool busy);
    void finishSignIn();

    core::Service& service_;
    std::optional<core::Session> session_;
    QLineEdit* badge_ = nullptr;
    QLineEdit* password_ = nullptr;
    QLabel* error_ = nullptr;
    QPushButton* signInButton_ = nullptr;
    QPushButton* quitButton_ = nullptr;
    QProgressBar* busy_ = nullptr;
    bool signingIn_ = false;
    std::unique_ptr<QFutureWatcher<SignInResult>> watcher_;
};

} // namespace prescreen::ui
