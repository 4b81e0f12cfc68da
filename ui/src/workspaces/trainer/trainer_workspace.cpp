#include "trainer_workspace.h"

#include "empty_state.h"

namespace prescreen::ui {

TrainerWorkspace::TrainerWorkspace(QObject* parent) : Workspace(parent) {}

QString TrainerWorkspace::title() const {
    return tr("Training");
}

void TrainerWorkspace::install(QMainWindow& /*window*/) {
    page_ = new EmptyState(tr("Training — coming in this release"),
                           tr("Building training sets from decided cases, running training "
                              "sessions and scoring them will be done here."));
    page_->setObjectName(QStringLiteral("TrainingWorkspace"));
}

QWidget* TrainerWorkspace::page() const {
    return page_;
}

void TrainerWorkspace::setSession(const core::Session* /*session*/) {}

} // namespace prescreen::ui
