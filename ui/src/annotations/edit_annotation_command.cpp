#include "edit_annotation_command.h"

#include "annotation_document.h"

namespace prescreen::ui {

EditAnnotationCommand::EditAnnotationCommand(AnnotationDocument& document, Kind kind,
                                             const core::Annotation& before,
                                             const core::Annotation& after, bool mergesIntoCreation)
    : document_(document), kind_(kind), before_(before), after_(after),
      mergesIntoCreation_(mergesIntoCreation) {
    setText(kind == Kind::Geometry
                ? annotationCommandText(QT_TRANSLATE_NOOP("AnnotationCommand", "move or resize %1"),
                                        after.shape)
                : annotationCommandText(
                      QT_TRANSLATE_NOOP("AnnotationCommand", "change category or note of %1"),
                      after.shape));
}

int EditAnnotationCommand::id() const {
    return kind_ == Kind::Details ? kAnnotationDetailsCommandId : -1;
}

void EditAnnotationCommand::redo() {
    if (const auto saved = document_.store(after_))
        after_ = *saved;
    else
        setObsolete(true);
}

void EditAnnotationCommand::undo() {
    if (const auto saved = document_.store(before_))
        before_ = *saved;
    else
        setObsolete(true);
}

bool EditAnnotationCommand::mergeWith(const QUndoCommand* other) {
    const auto* edit = dynamic_cast<const EditAnnotationCommand*>(other);
    if (edit == nullptr || edit->isObsolete() || edit->kind_ != Kind::Details ||
        kind_ != Kind::Details || edit->after_.id != after_.id)
        return false;
    after_ = edit->after_;
    return true;
}

} // namespace prescreen::ui
