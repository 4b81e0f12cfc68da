#include "sign_in_task.h"

#include <prescreen/error.h>

#include <QtConcurrent>

namespace prescreen::ui {

QFuture<SignInResult> SignInTask::start(core::Service& service, const QString& badge,
                                        const QString& password) {
    return QtConcurrent::run([&service, badge = badge.toStdString(),
                              password = password.toStdString()]() -> SignInResult {
        SignInResult result;
        try {
            result.session = service.login(badge, password);
        } catch (const Error& error) {
            result.problem = error.code() == ErrorCode::AuthenticationFailed
                                 ? tr("Not signed in: %1").arg(QString::fromUtf8(error.what()))
                                 : tr("Signing in failed: %1").arg(QString::fromUtf8(error.what()));
        } catch (const std::exception& error) {
            result.problem = tr("Signing in failed: %1").arg(QString::fromUtf8(error.what()));
        }
        return result;
    });
}

} // namespace prescreen::ui
