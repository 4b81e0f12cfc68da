#pragma once
// The training mode, for trainers: training sets, sessions and scoring come here. Until they
// do, the page says so plainly instead of pretending.

#include "placeholder_workspace.h"

namespace prescreen::ui {

class TrainerWorkspace : public PlaceholderWorkspace {
    Q_OBJECT

public:
    explicit TrainerWorkspace(QObject* parent = nullptr) : PlaceholderWorkspace(parent) {}

    core::Mode mode() const override { return core::Mode::Training; }
    QString title() const override { return tr("Training"); }

protected:
    QString heading() const override { return tr("Training — coming in this release"); }
    QString explanation() const override;
    QString pageName() const override { return QStringLiteral("TrainingWorkspace"); }
};

} // namespace prescreen::ui
