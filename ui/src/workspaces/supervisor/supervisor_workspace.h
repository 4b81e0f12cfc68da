#pragma once
// The audit mode, for supervisors: the decisions browser, overrides, examination results,
// statistics and the audit trail's verification come here. Until they do, the page says so
// plainly instead of pretending.

#include "placeholder_workspace.h"

namespace prescreen::ui {

class SupervisorWorkspace : public PlaceholderWorkspace {
    Q_OBJECT

public:
    explicit SupervisorWorkspace(QObject* parent = nullptr) : PlaceholderWorkspace(parent) {}

    core::Mode mode() const override { return core::Mode::Audit; }
    QString title() const override { return tr("Audit"); }

protected:
    QString heading() const override { return tr("Audit — coming in this release"); }
    QString explanation() const override;
    QString pageName() const override { return QStringLiteral("AuditWorkspace"); }
};

} // namespace prescreen::ui
