#include "session_lock.h"

#include "officer_layout.h"
#include "sign_in_task.h"

#include <QApplication>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace prescreen::ui {
namespace {

/// Seconds as a whole positive-or-zero number, or nullopt.
std::optional<std::chrono::milliseconds> parseSeconds(const QString& text) {
    bool ok = false;
    const qlonglong seconds = text.trimmed().toLongLong(&ok);
    // Up to a day: a larger value is a typo, not a policy.
    if (!ok || seconds < 0 || seconds > 24 * 3600)
        return std::nullopt;
    return std::chrono::milliseconds(seconds * 1000);
}

bool isInput(QEvent::Type type) {
    switch (type) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TabletPress:
        return true;
    default:
        return false;
    }
}

} // namespace

InactivityWatch::InactivityWatch(QObject* parent) : QObject(parent) {
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, [this] {
        running_ = false;
        emit idle();
    });
    qApp->installEventFilter(this);
}

InactivityWatch::~InactivityWatch() {
    qApp->removeEventFilter(this);
}

std::chrono::milliseconds InactivityWatch::configuredTimeout() {
    if (const auto env = parseSeconds(qEnvironmentVariable("PRESCREEN_LOCK_AFTER_S")))
        return *env;
    const auto settings = openSettings();
    if (const auto stored =
            parseSeconds(settings->value(QStringLiteral("session/lockAfterSeconds")).toString()))
        return *stored;
    return kDefaultTimeout;
}

void InactivityWatch::setTimeout(std::chrono::milliseconds timeout) {
    timeout_ = timeout;
    if (running_)
        start();
}

void InactivityWatch::start() {
    if (timeout_.count() <= 0) {
        stop();
        return;
    }
    running_ = true;
    timer_.start(timeout_);
}

void InactivityWatch::stop() {
    running_ = false;
    timer_.stop();
}

bool InactivityWatch::eventFilter(QObject* watched, QEvent* event) {
    if (running_ && isInput(event->type()))
        timer_.start(timeout_);
    return QObject::eventFilter(watched, event);
}

SessionLock::SessionLock(core::Service& service, QWidget* parent)
    : QWidget(parent), service_(service),
      watcher_(std::make_unique<QFutureWatcher<SignInResult>>()) {
    setObjectName(QStringLiteral("SessionLock"));
    setAutoFillBackground(true);

    auto* title = new QLabel(tr("Workstation locked"), this);
    title->setObjectName(QStringLiteral("LockTitle"));
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    title->setFont(font);
    who_ = new QLabel(this);
    who_->setObjectName(QStringLiteral("LockedOfficer"));
    who_->setWordWrap(true);

    password_ = new QLineEdit(this);
    password_->setObjectName(QStringLiteral("UnlockPassword"));
    password_->setEchoMode(QLineEdit::Password);
    connect(password_, &QLineEdit::returnPressed, this, &SessionLock::unlock);

    error_ = new QLabel(this);
    error_->setObjectName(QStringLiteral("UnlockError"));
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #ff8a80;"));
    error_->hide();

    busy_ = new QProgressBar(this);
    busy_->setObjectName(QStringLiteral("UnlockBusy"));
    busy_->setRange(0, 0);
    busy_->setTextVisible(false);
    busy_->setMaximumHeight(6);
    QSizePolicy keepSpace = busy_->sizePolicy();
    keepSpace.setRetainSizeWhenHidden(true);
    busy_->setSizePolicy(keepSpace);
    busy_->hide();

    unlockButton_ = new QPushButton(tr("Unlock"), this);
    unlockButton_->setObjectName(QStringLiteral("UnlockButton"));
    unlockButton_->setDefault(true);
    connect(unlockButton_, &QPushButton::clicked, this, &SessionLock::unlock);
    signOutButton_ = new QPushButton(tr("Sign out"), this);
    signOutButton_->setObjectName(QStringLiteral("LockSignOutButton"));
    signOutButton_->setToolTip(tr("End this session; the open case stays claimed and every "
                                  "decision already made is saved."));
    connect(signOutButton_, &QPushButton::clicked, this, [this] {
        if (!checking_)
            emit signOutRequested();
    });
    connect(watcher_.get(), &QFutureWatcher<SignInResult>::finished, this,
            &SessionLock::finishUnlock);

    auto* form = new QFormLayout;
    form->addRow(tr("&Password"), password_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(signOutButton_);
    buttons->addStretch(1);
    buttons->addWidget(unlockButton_);

    auto* panel = new QWidget(this);
    panel->setMaximumWidth(460);
    auto* panelLayout = new QVBoxLayout(panel);
    panelLayout->addWidget(title);
    panelLayout->addWidget(who_);
    panelLayout->addSpacing(12);
    panelLayout->addLayout(form);
    panelLayout->addWidget(error_);
    panelLayout->addWidget(busy_);
    panelLayout->addLayout(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(panel, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

SessionLock::~SessionLock() {
    watcher_->waitForFinished();
}

void SessionLock::lock(const core::Officer& officer) {
    officer_ = officer;
    who_->setText(
        tr("Signed in: %1 (%2). Enter this officer's password to continue.")
            .arg(QString::fromStdString(officer.name), QString::fromStdString(officer.badge)));
    password_->clear();
    error_->hide();
    password_->setFocus();
}

void SessionLock::setChecking(bool checking) {
    checking_ = checking;
    password_->setReadOnly(checking);
    unlockButton_->setEnabled(!checking);
    signOutButton_->setEnabled(!checking);
    busy_->setVisible(checking);
    if (checking)
        error_->hide();
}

void SessionLock::unlock() {
    if (checking_ || !officer_)
        return;
    if (password_->text().isEmpty()) {
        error_->setText(tr("Enter your password."));
        error_->show();
        return;
    }
    setChecking(true);
    watcher_->setFuture(
        SignInTask::start(service_, QString::fromStdString(officer_->badge), password_->text()));
}

void SessionLock::finishUnlock() {
    const SignInResult result = watcher_->result();
    setChecking(false);
    password_->clear();
    // The badge was the locked officer's; the id check keeps that true even if badges changed.
    if (result.session && officer_ && result.session->officer().id == officer_->id) {
        emit unlocked();
        return;
    }
    error_->setText(
        result.session
            ? tr("Only %1 can unlock this session.").arg(QString::fromStdString(officer_->name))
            : result.problem);
    error_->show();
    password_->setFocus();
}

} // namespace prescreen::ui
