#pragma once
// Undo command: moving, resizing or re-describing a mark (see annotation_commands.h).
#include "annotation_commands.h"

#include <prescreen/core/model.h>

#include <QUndoCommand>

namespace prescreen::ui {

class AnnotationDocument;

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

} // namespace prescreen::ui
