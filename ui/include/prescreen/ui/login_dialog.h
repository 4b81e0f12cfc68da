#pragma once
// Signing in: badge and password, checked by core::Service::login. Enter submits; a refusal
// (wrong password, unknown badge, locked account) is shown in the dialog, which stays open.

#include <prescreen/core/service.h>

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace prescreen::ui {

class LoginDialog : public QDialog {
    Q_OBJECT

public:
    /// The service must outlive the dialog.
    explicit LoginDialog(core::Service& service, QWidget* parent = nullptr);

    /// The signed-in officer's session once the dialog was accepted; empty before.
    const std::optional<core::Session>& session() const { return session_; }

    /// Shows why signing in did not work (also used for a refused automatic sign-in).
    void showError(const QString& message);
    void setBadge(const QString& badge);

    /// Checks the badge and password as typed (what Enter and the button do): accepts the
    /// dialog on success, else shows why and keeps it open. Runs on the UI thread; Argon2id
    /// takes a fraction of a second.
    void signIn();

private:
    core::Service& service_;
    std::optional<core::Session> session_;
    QLineEdit* badge_ = nullptr;
    QLineEdit* password_ = nullptr;
    QLabel* error_ = nullptr;
    QPushButton* signInButton_ = nullptr;
};

} // namespace prescreen::ui
