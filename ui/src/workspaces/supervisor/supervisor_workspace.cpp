#include "supervisor_workspace.h"

namespace prescreen::ui {

QString SupervisorWorkspace::explanation() const {
    return tr(
        "Browsing decisions, overriding them, recording examination results and verifying the "
        "audit trail will be done here. Until then, review cases read-only in the "
        "Screening mode (Ctrl+1).");
}

} // namespace prescreen::ui
