#pragma once
// The audit mode, for supervisors: the decisions browser, overrides, examination results,
// statistics and the audit trail's verification come here. Until they do, the page says so
// plainly instead of pretending.

#include "workspace.h"

namespace prescreen::ui {

class EmptyState;

class SupervisorWorkspace : public Workspace {
    Q_OBJECT

public:
    explicit SupervisorWorkspace(QObject* parent = nullptr);

    core::Mode mode() const override { return core::Mode::Audit; }
    QString title() const override;
    void install(QMainWindow& window) override;
    QWidget* page() const override;
    void setSession(const core::Session* session) override;

private:
    EmptyState* page_ = nullptr;
};

} // namespace prescreen::ui
