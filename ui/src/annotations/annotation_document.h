#pragma once
// The annotations of the open case and their undo history. Every change, done or undone, goes
// through core::Service (saveAnnotation / deleteAnnotation: a new version each time, nothing is
// ever overwritten); only what core accepted is kept here and announced. One document per open
// case: opening another case makes a new one, so undo never reaches into another case.

#include <prescreen/core/service.h>

#include <QObject>
#include <QUndoStack>

#include <optional>
#include <string>
#include <vector>

namespace prescreen::ui {

class AnnotationDocument : public QObject {
    Q_OBJECT

public:
    /// The case's current marks come from `detail`; the service must outlive the document.
    AnnotationDocument(core::Service& service, const core::Session& session,
                       const core::CaseDetail& detail, QObject* parent = nullptr);

    const std::string& caseId() const { return caseId_; }
    /// True when the session may not annotate this case (core would refuse every change).
    bool readOnly() const { return readOnly_; }
    const core::Session& session() const { return session_; }
    QUndoStack& undoStack() { return stack_; }

    /// The case's current marks on every view, oldest first (deleted ones excluded).
    const std::vector<core::Annotation>& annotations() const { return marks_; }
    const core::Annotation* find(const std::string& id) const;

    // ---- The officer's edits: each is one undoable step (nothing happens when read-only) ----
    /// A new mark (empty id). `mergeDetails`: a category or note chosen right after drawing
    /// joins this step, so one undo takes the whole new mark away.
    void create(const core::Annotation& draft);
    void changeGeometry(const std::string& id, const std::vector<core::Point>& points);
    /// `fresh`: the mark was just drawn and has stayed selected since (the change merges into
    /// its creation).
    void changeDetails(const std::string& id, const std::string& category, const std::string& note,
                       bool fresh);
    void remove(const std::string& id);

    // ---- What the undo commands call ----
    /// Saves a version of a mark through core (a new mark when its id is empty; a deleted mark
    /// comes back). Returns the stored version, or nothing after emitting `failed`.
    std::optional<core::Annotation> store(const core::Annotation& version);
    /// Deletes a mark through core; false after emitting `failed`.
    bool erase(const std::string& id);

signals:
    /// A mark was added, changed or removed (find() tells which).
    void changed(const QString& id);
    /// Core refused or failed; the marks here are unchanged (the screen should show them again).
    void failed(const QString& id, const QString& reason);

private:
    core::Service& service_;
    core::Session session_;
    std::string caseId_;
    bool readOnly_ = true;
    std::vector<core::Annotation> marks_;
    QUndoStack stack_;
};

} // namespace prescreen::ui
