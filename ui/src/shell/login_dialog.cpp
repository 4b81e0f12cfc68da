#include "sign_in_task.h"

#include <prescreen/ui/login_dialog.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace prescreen::ui {

LoginDialog::LoginDialog(core::Service& service, QWidget* parent)
    : QDialog(parent), service_(service),
      watcher_(std::make_unique<QFutureWatcher<SignInResult>>()) {
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
    quitButton_ = buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::signIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    connect(watcher_.get(), &QFutureWatcher<SignInResult>::finished, this,
            &LoginDialog::finishSignIn);

    busy_ = new QProgressBar(this);
    busy_->setObjectName(QStringLiteral("SignInBusy"));
    busy_->setRange(0, 0); // no known end: a moving bar
    busy_->setTextVisible(false);
    busy_->setMaximumHeight(6);
    busy_->setAccessibleName(tr("Checking the password"));
    // Keeps its place when hidden, so the dialog does not jump.
    QSizePolicy keepSpace = busy_->sizePolicy();
    keepSpace.setRetainSizeWhenHidden(true);
    busy_->setSizePolicy(keepSpace);
    busy_->hide();

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
    layout->addWidget(busy_);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

void LoginDialog::showError(const QString& message) {
    error_->setText(message);
    error_->show();
}

void LoginDialog::setBadge(const QString& badge) {
    badge_->setText(badge);
    password_->clear();
    error_->hide();
    (badge.isEmpty() ? badge_ : password_)->setFocus();
}

LoginDialog::~LoginDialog() {
    watcher_->waitForFinished();
}

void LoginDialog::reject() {
    if (!signingIn_)
        QDialog::reject();
}

void LoginDialog::setBusy(bool busy) {
    signingIn_ = busy;
    badge_->setReadOnly(busy);
    password_->setReadOnly(busy);
    signInButton_->setEnabled(!busy);
    quitButton_->setEnabled(!busy);
    busy_->setVisible(busy);
    if (busy)
        error_->hide();
}

void LoginDialog::signIn() {
    if (signingIn_)
        return;
    const QString badge = badge_->text().trimmed();
    if (badge.isEmpty() || password_->text().isEmpty()) {
        showError(tr("Enter your badge and your password."));
        (badge.isEmpty() ? badge_ : password_)->setFocus();
        return;
    }
    setBusy(true);
    watcher_->setFuture(SignInTask::start(service_, badge, password_->text()));
}

void LoginDialog::finishSignIn() {
    SignInResult result = watcher_->result();
    setBusy(false);
    password_->clear();
    if (result.session) {
        session_ = std::move(result.session);
        accept();
        emit signInFinished(true);
        return;
    }
    password_->setFocus();
    showError(result.problem);
    emit signInFinished(false);
}

} // namespace prescreen::ui
