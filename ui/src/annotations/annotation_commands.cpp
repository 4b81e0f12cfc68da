#include "annotation_commands.h"

#include "annotation_style.h"

#include <QCoreApplication>

namespace prescreen::ui {

QString annotationCommandText(const char* source, core::Shape shape) {
    return QCoreApplication::translate("AnnotationCommand", source)
        .arg(AnnotationStyle::shape(shape).toLower());
}

} // namespace prescreen::ui
