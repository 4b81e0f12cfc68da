#include "annotation_document.h"

#include "create_annotation_command.h"
#include "delete_annotation_command.h"
#include "edit_annotation_command.h"

#include <prescreen/error.h>

#include <algorithm>
#include <exception>

namespace prescreen::ui {

AnnotationDocument::AnnotationDocument(core::Service& service, const core::Session& session,
                                       const core::CaseDetail& detail, QObject* parent)
    : QObject(parent), service_(service), session_(session), caseId_(detail.summary.id),
      readOnly_(detail.readOnly || !session.has(core::Role::Officer)), marks_(detail.annotations) {}

const core::Annotation* AnnotationDocument::find(const std::string& id) const {
    const auto found = std::find_if(marks_.begin(), marks_.end(),
                                    [&](const core::Annotation& mark) { return mark.id == id; });
    return found == marks_.end() ? nullptr : &*found;
}

void AnnotationDocument::create(const core::Annotation& draft) {
    if (readOnly_)
        return;
    stack_.push(new CreateAnnotationCommand(*this, draft));
}

void AnnotationDocument::changeGeometry(const std::string& id,
                                        const std::vector<core::Point>& points) {
    const auto* mark = find(id);
    if (readOnly_ || mark == nullptr || mark->points == points)
        return;
    core::Annotation after = *mark;
    after.points = points;
    stack_.push(new EditAnnotationCommand(*this, EditAnnotationCommand::Kind::Geometry, *mark,
                                          after, false));
}

void AnnotationDocument::changeDetails(const std::string& id, const std::string& category,
                                       const std::string& note, bool fresh) {
    const auto* mark = find(id);
    if (readOnly_ || mark == nullptr || (mark->category == category && mark->note == note))
        return;
    core::Annotation after = *mark;
    after.category = category;
    after.note = note;
    stack_.push(new EditAnnotationCommand(*this, EditAnnotationCommand::Kind::Details, *mark, after,
                                          fresh));
}

void AnnotationDocument::remove(const std::string& id) {
    const auto* mark = find(id);
    if (readOnly_ || mark == nullptr)
        return;
    stack_.push(new DeleteAnnotationCommand(*this, *mark));
}

std::optional<core::Annotation> AnnotationDocument::store(const core::Annotation& version) {
    core::Annotation draft = version;
    draft.deleted = false;
    draft.caseId = caseId_;
    core::Annotation saved;
    try {
        saved = service_.saveAnnotation(session_, draft);
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(version.id),
                    tr("The mark was not saved: %1").arg(QString::fromUtf8(error.what())));
        return std::nullopt;
    }
    auto found = std::find_if(marks_.begin(), marks_.end(),
                              [&](const core::Annotation& mark) { return mark.id == saved.id; });
    if (found == marks_.end())
        marks_.push_back(saved);
    else
        *found = saved;
    emit changed(QString::fromStdString(saved.id));
    return saved;
}

bool AnnotationDocument::erase(const std::string& id) {
    try {
        service_.deleteAnnotation(session_, id);
    } catch (const std::exception& error) {
        emit failed(QString::fromStdString(id),
                    tr("The mark was not deleted: %1").arg(QString::fromUtf8(error.what())));
        return false;
    }
    std::erase_if(marks_, [&](const core::Annotation& mark) { return mark.id == id; });
    emit changed(QString::fromStdString(id));
    return true;
}

} // namespace prescreen::ui
