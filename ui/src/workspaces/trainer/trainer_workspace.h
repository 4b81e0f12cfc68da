#pragma once
// The training mode, for trainers: training sets, sessions and scoring come here. Until they
// do, the page says so plainly instead of pretending.

#include "workspace.h"

namespace prescreen::ui {

class EmptyState;

class TrainerWorkspace : public Workspace {
    Q_OBJECT

public:
    explicit TrainerWorkspace(QObject* parent = nullptr);

    core::Mode mode() const override { return core::Mode::Training; }
    QString title() const override;
    void install(QMainWindow& window) override;
    QWidget* page() const override;
    void setSession(const core::Session* session) override;

private:
    EmptyState* page_ = nullptr;
};

} // namespace prescreen::ui
