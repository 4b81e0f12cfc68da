#pragma once
// A mode whose screens are not built yet: its page says so plainly (an EmptyState) instead of
// pretending. The mode's own class names it and words the page, so its strings keep their
// translation context; everything else a placeholder does is here, once.

#include "workspace.h"

namespace prescreen::ui {

class EmptyState;

class PlaceholderWorkspace : public Workspace {
    Q_OBJECT

public:
    void install(QMainWindow& window) override;
    QWidget* page() const override;
    void setSession(const core::Session* /*session*/) override {}

protected:
    using Workspace::Workspace;
    /// The page's heading and the sentence under it, translated by the mode's class.
    virtual QString heading() const = 0;
    virtual QString explanation() const = 0;
    /// The page's object name, for tests ("AuditWorkspace").
    virtual QString pageName() const = 0;

private:
    EmptyState* page_ = nullptr;
};

} // namespace prescreen::ui
