#include "annotation_commands.h"

#include "annotation_document.h"
#include "annotation_style.h"

#include <QCoreApplication>

namespace prescreen::ui {
namespace {

QString commandText(const char* source, core::Shape shape) {
    return QCoreApplication::translate("AnnotationCommand", source)
        .arg(AnnotationStyle::shape(shape).toLower());
}

} // namespace

CreateAnnotationCommand::CreateAnnotationCommand(AnnotationDocument& document,
                                                 const core::Annotation& draft)
    : document_(document), mark_(draft) {
    setText(commandText(QT_TRANSLATE_NOOP("AnnotationCommand", "draw %1"), draft.shape));
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

EditAnnotationCommand::EditAnnotationCommand(AnnotationDocument& document, Kind kind,
                                             const core::Annotation& before,
                                             const core::Annotation& after, bool mergesIntoCreation)
    : document_(document), kind_(kind), before_(before), after_(after),
      mergesIntoCreation_(mergesIntoCreation) {
    setText(
        kind == Kind::Geometry
            ? commandText(QT_TRANSLATE_NOOP("AnnotationCommand", "move or resize %1"), after.shape)
            : commandText(QT_TRANSLATE_NOOP("AnnotationCommand", "change category or note of %1"),
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

DeleteAnnotationCommand::DeleteAnnotationCommand(AnnotationDocument& document,
                                                 const core::Annotation& mark)
    : document_(document), mark_(mark) {
    setText(commandText(QT_TRANSLATE_NOOP("AnnotationCommand", "delete %1"), mark.shape));
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
