#include "trainer_workspace.h"

namespace prescreen::ui {

QString TrainerWorkspace::explanation() const {
    return tr("Building training sets from decided cases, running training sessions and scoring "
              "them will be done here.");
}

} // namespace prescreen::ui
