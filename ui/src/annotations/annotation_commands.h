#pragma once
// The undoable annotation edits of a case (STYLE.md: the document owns the undo stack). Each
// command keeps whole versions of the mark, before and after, and both directions go through
// AnnotationDocument, i.e. through core: undoing a creation deletes the mark (a new, deleted
// version), redoing it saves a new live version of the same mark. When core refuses a step the
// command becomes obsolete and leaves the stack; the document has already said why.

#include <prescreen/core/model.h>

#include <QUndoCommand>

namespace prescreen::ui {

class AnnotationDocument;

/// Command ids for QUndoStack merging: a category or note change merges into the creation of a
/// mark just drawn, and into an immediately preceding change of the same mark's details.
inline constexpr int kAnnotationDetailsCommandId = 0x5e1;

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

/// A move or resize (Geometry), or a new category or note (Details), of one mark.
class EditAnnotationCommand : public QUndoCommand {
public:
    enum class Kind { Geometry, Details };
    EditAnnotationCommand(AnnotationDocument& document, Kind kind, const core::Annotation& before,
                          const core::Annotation& after, bool mergesIntoCreation);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    Kind kind() const { return kind_; }
    const core::Annotation& after() const { return after_; }
    bool mergesIntoCreation() const { return mergesIntoCreation_; }

private:
    AnnotationDocument& document_;
    Kind kind_;
    core::Annotation before_;
    core::Annotation after_;
    bool mergesIntoCreation_;
};

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
