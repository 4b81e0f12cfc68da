#pragma once
// The undoable annotation edits of a case (STYLE.md: the document owns the undo stack). Each
// command keeps whole versions of the mark, before and after, and both directions go through
// AnnotationDocument, i.e. through core: undoing a creation deletes the mark (a new, deleted
// version), redoing it saves a new live version of the same mark. When core refuses a step the
// command becomes obsolete and leaves the stack; the document has already said why.

#include <prescreen/core/model.h>

#include <QString>

namespace prescreen::ui {

/// Command ids for QUndoStack merging: a category or note change merges into the creation of a
/// mark just drawn, and into an immediately preceding change of the same mark's details.
inline constexpr int kAnnotationDetailsCommandId = 0x5e1;

/// The command's text for the Edit menu and tooltips: `source` (translated in context
/// "AnnotationCommand") with the shape's name for %1.
QString annotationCommandText(const char* source, core::Shape shape);

} // namespace prescreen::ui
