#pragma once
// Checking a badge and password with core::Service::login on a worker thread: Argon2id takes
// about half a second, during which the screen must keep answering. Used by the sign-in dialog
// and by the lock screen.
//
// Thread rule: the service (one SQLite connection, not thread-safe) is used by the worker while
// the check runs; the caller must not use the service until the future has finished. The sign-in
// dialog and the lock screen hold the only session-bearing UI, which waits for the result.

#include <prescreen/core/service.h>

#include <QCoreApplication>
#include <QFuture>
#include <QString>

#include <optional>

namespace prescreen::ui {

/// What a sign-in check gave: a session, or why there is none (core's words, translated frame).
struct SignInResult {
    std::optional<core::Session> session;
    QString problem;
};

class SignInTask {
    Q_DECLARE_TR_FUNCTIONS(SignInTask)

public:
    /// Starts core's login on the global thread pool. Never throws; failures are in the result.
    /// The service must outlive the future.
    static QFuture<SignInResult> start(core::Service& service, const QString& badge,
                                       const QString& password);
};

} // namespace prescreen::ui
