#include "supervisor_workspace.h"

#include "empty_state.h"

namespace prescreen::ui {

SupervisorWorkspace::SupervisorWorkspace(QObject* parent) : Workspace(parent) {}

QString SupervisorWorkspace::title() const {
    return tr("Audit");
}

void SupervisorWorkspace::install(QMainWindow& /*window*/) {
    page_ = new EmptyState(tr("Audit — coming in this release"),
                           tr("Browsing decisions, overriding them, recording examination "
                              "results and verifying the audit trail will be done here. Until "
                              "then, review cases read-only in the Screening mode (Ctrl+1)."));
    page_->setObjectName(QStringLiteral("AuditWorkspace"));
}

QWidget* SupervisorWorkspace::page() const {
    return page_;
}

void SupervisorWorkspace::setSession(const core::Session* /*session*/) {}

} // namespace prescreen::ui
