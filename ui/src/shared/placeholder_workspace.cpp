#include "placeholder_workspace.h"

#include "empty_state.h"

namespace prescreen::ui {

void PlaceholderWorkspace::install(QMainWindow& /*window*/) {
    page_ = new EmptyState(heading(), explanation());
    page_->setObjectName(pageName());
}

QWidget* PlaceholderWorkspace::page() const {
    return page_;
}

} // namespace prescreen::ui
