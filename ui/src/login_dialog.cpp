#include <prescreen/error.h>
#include <prescreen/ui/login_dialog.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace prescreen::ui {

LoginDialog::LoginDialog(core::Service& service, QWidget* parent)
    : QDialog(parent), service_(service) {
    setObjectName(QStringLiteral("LoginDialog"));
    setWindowTitle(tr("Sign in — Prescreen"));
    setModal(true);

    auto* title = new QLabel(tr("Sign in to screen cases"), this);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    title->setFont(font);

    badge_ = new QLineEdit(this);
    badge_->setObjectName(QStringLiteral("BadgeEdit"));
    badge_->setPlaceholderText(tr("e.g. officer1"));
    password_ = new QLineEdit(this);
    password_->setObjectName(QStringLiteral("PasswordEdit"));
    password_->setEchoMode(QLineEdit::Password);

    error_ = new QLabel(this);
    error_->setObjectName(QStringLiteral("LoginError"));
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #ff8a80;"));
    error_->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Badge"), badge_);
    form->addRow(tr("&Password"), password_);

    auto* buttons = new QDialogButtonBox(this);
    signInButton_ = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    signInButton_->setObjectName(QStringLiteral("SignInButton"));
    signInButton_->setDefault(true);
    buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::signIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    if (service_.officerCount() == 0) {
        auto* hint = new QLabel(tr("This workstation has no officer accounts yet. An "
                                   "administrator creates them with “prescreen-cli officer”, or "
                                   "try the demo site: “prescreen-cli demo-site DIR”."),
                                this);
        hint->setObjectName(QStringLiteral("NoOfficersHint"));
        hint->setWordWrap(true);
        hint->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(hint);
    }
    layout->addLayout(form);
    layout->addWidget(error_);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

void LoginDialog::showError(const QString& message) {
    error_->setText(message);
    error_->show();
}

void LoginDialog::setBadge(const QString& badge) {
    badge_->setText(badge);
    password_->setFocus();
}

void LoginDialog::signIn() {
    const QString badge = badge_->text().trimmed();
    if (badge.isEmpty() || password_->text().isEmpty()) {
        showError(tr("Enter your badge and your password."));
        (badge.isEmpty() ? badge_ : password_)->setFocus();
        return;
    }
    signInButton_->setEnabled(false);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString problem;
    try {
        session_ = service_.login(badge.toStdString(), password_->text().toStdString());
    } catch (const Error& error) {
        problem = error.code() == ErrorCode::AuthenticationFailed
                      ? tr("Not signed in: %1").arg(QString::fromUtf8(error.what()))
                      : tr("Signing in failed: %1").arg(QString::fromUtf8(error.what()));
    } catch (const std::exception& error) {
        problem = tr("Signing in failed: %1").arg(QString::fromUtf8(error.what()));
    }
    QApplication::restoreOverrideCursor();
    signInButton_->setEnabled(true);
    if (session_) {
        password_->clear();
        accept();
        return;
    }
    password_->clear();
    password_->setFocus();
    showError(problem);
}

} // namespace prescreen::ui
