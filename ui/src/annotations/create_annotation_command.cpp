#include "create_annotation_command.h"

#include "annotation_document.h"
#include "edit_annotation_command.h"

namespace prescreen::ui {

CreateAnnotationCommand::CreateAnnotationCommand(AnnotationDocument& document,
                                                 const core::Annotation& draft)
    : document_(document), mark_(draft) {
    setText(annotationCommandText(QT_TRANSLATE_NOOP("AnnotationCommand", "draw %1"), draft.shape));
}

void CreateAnnotationCommand::redo() {
    // The first time a new mark (empty id); after an undo, a live version of the same mark.
    if (const auto saved = document_.store(mark_))
        mark_ = *saved;
    else
        setObsolete(true);
}

void CreateAnnotationCommand::undo() {
    if (!document_.erase(mark_.id))
        setObsolete(true);
}

bool CreateAnnotationCommand::mergeWith(const QUndoCommand* other) {
    const auto* edit = dynamic_cast<const EditAnnotationCommand*>(other);
    if (edit == nullptr || edit->isObsolete() || !edit->mergesIntoCreation() ||
        edit->kind() != EditAnnotationCommand::Kind::Details || edit->after().id != mark_.id)
        return false;
    mark_ = edit->after();
    return true;
}

} // namespace prescreen::ui
