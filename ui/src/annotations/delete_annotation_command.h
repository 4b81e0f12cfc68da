#pragma once
// Undo command: deleting a mark (see annotation_commands.h).
#include "annotation_commands.h"

#include <prescreen/core/model.h>

#include <QUndoCommand>

namespace prescreen::ui {

class AnnotationDocument;

/// Deleting a mark: undo saves a live version of it again.
class DeleteAnnotationCommand : public QUndoCommand {
public:
    DeleteAnnotationCommand(AnnotationDocument& document, const core::Annotation& mark);
    void redo() override;
    void undo() override;

private:
    AnnotationDocument& document_;
    core::Annotation mark_;
};

} // namespace prescreen::ui
