#include "delete_annotation_command.h"

#include "annotation_document.h"

namespace prescreen::ui {

DeleteAnnotationCommand::DeleteAnnotationCommand(AnnotationDocument& document,
                                                 const core::Annotation& mark)
    : document_(document), mark_(mark) {
    setText(annotationCommandText(QT_TRANSLATE_NOOP("AnnotationCommand", "delete %1"), mark.shape));
}

void DeleteAnnotationCommand::redo() {
    if (!document_.erase(mark_.id))
        setObsolete(true);
}

void DeleteAnnotationCommand::undo() {
    if (const auto saved = document_.store(mark_))
        mark_ = *saved;
    else
        setObsolete(true);
}

} // namespace prescreen::ui
