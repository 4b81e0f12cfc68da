#include "annotation_editor.h"

#include "annotation_style.h"
#include "field_keys.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace prescreen::ui {
namespace {

constexpr int kMarginPx = 8;
constexpr int kMaxNoteLength = 4000; ///< core's limit (bytes of UTF-8; checked again by core)

} // namespace

AnnotationEditor::AnnotationEditor(QWidget* host) : QFrame(host), host_(host) {
    setObjectName(QStringLiteral("AnnotationEditor"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("AnnotationEditorTitle"));
    category_ = new QComboBox(this);
    category_->setObjectName(QStringLiteral("AnnotationCategory"));
    for (const auto& name : core::annotationCategories())
        category_->addItem(AnnotationStyle::category(name), QString::fromStdString(name));
    note_ = new QLineEdit(this);
    note_->setObjectName(QStringLiteral("AnnotationNote"));
    note_->setPlaceholderText(tr("What is seen here"));
    note_->setMaxLength(kMaxNoteLength);
    note_->setClearButtonEnabled(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Category"), category_);
    form->addRow(tr("Note"), note_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->addWidget(title_);
    layout->addLayout(form);
    setMinimumWidth(260);

    connect(category_, &QComboBox::currentIndexChanged, this, [this] { commit(); });
    connect(note_, &QLineEdit::editingFinished, this, [this] { commit(); });
    // Enter and Escape leave the note (it is kept, as when clicking away) for the scan, so the
    // next single key is a shortcut again; while the note or the category has the keyboard,
    // single-key shortcuts neither act nor type elsewhere.
    connect(FieldKeys::install(note_, host_), &FieldKeys::leaving, this, [this] { commit(); });
    FieldKeys::install(category_, host_);
    host_->installEventFilter(this);
    hide();
}

void AnnotationEditor::showMark(const core::Annotation& mark, const QString& author,
                                bool editable) {
    markId_ = QString::fromStdString(mark.id);
    shownCategory_ = QString::fromStdString(mark.category);
    shownNote_ = QString::fromStdString(mark.note);
    title_->setText(
        editable ? tr("%1 — yours").arg(AnnotationStyle::shape(mark.shape))
                 : tr("%1 — by %2 (read-only)").arg(AnnotationStyle::shape(mark.shape), author));
    {
        const QSignalBlocker blockCategory(category_);
        const QSignalBlocker blockNote(note_);
        int index = category_->findData(shownCategory_);
        if (index < 0) { // a category this version does not know: show it, keep it
            category_->addItem(shownCategory_, shownCategory_);
            index = category_->count() - 1;
        }
        category_->setCurrentIndex(index);
        if (note_->text() != shownNote_ || !note_->hasFocus())
            note_->setText(shownNote_);
    }
    category_->setEnabled(editable);
    note_->setReadOnly(!editable);
    place();
    show();
    raise();
}

void AnnotationEditor::hideMark() {
    if (note_->hasFocus())
        commit(); // a note typed and then the mark deselected is still saved
    markId_.clear();
    hide();
}

void AnnotationEditor::commit() {
    if (markId_.isEmpty() || !category_->isEnabled())
        return;
    const QString category = category_->currentData().toString();
    const QString note = note_->text().trimmed();
    if (category == shownCategory_ && note == shownNote_)
        return;
    shownCategory_ = category;
    shownNote_ = note;
    if (note_->text() != note || note_->isUndoAvailable()) {
        // The saved note is where the field's undo history starts: Ctrl+Z in the field undoes
        // typing since the last save, never back to an empty note that would then be saved.
        const QSignalBlocker block(note_);
        note_->setText(note);
    }
    emit detailsEdited(markId_, category, note);
}

bool AnnotationEditor::eventFilter(QObject* watched, QEvent* event) {
    if (watched == host_ && event->type() == QEvent::Resize)
        place();
    return false;
}

void AnnotationEditor::place() {
    adjustSize();
    move(host_->width() - width() - kMarginPx, kMarginPx);
}

} // namespace prescreen::ui
