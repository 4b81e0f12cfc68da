#pragma once
// Undo command: drawing a new mark (annotation_commands.h says how the commands work).
#include "annotation_commands.h"

#include <prescreen/core/model.h>

#include <QUndoCommand>

namespace prescreen::ui {

class AnnotationDocument;

/// Drawing a mark: undo deletes it, redo saves a live version of the same mark again.
class CreateAnnotationCommand : public QUndoCommand {
public:
    CreateAnnotationCommand(AnnotationDocument& document, const core::Annotation& draft);
    void redo() override;
    void undo() override;
    int id() const override { return kAnnotationDetailsCommandId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    AnnotationDocument& document_;
    core::Annotation mark_; ///< the latest version saved (empty id before the first redo)
};

} // namespace prescreen::ui
