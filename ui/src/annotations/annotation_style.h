#pragma once
// How annotations look and read on screen: a colour per category (outline and label) and the
// words for categories and shapes. Core names categories by stable identifiers ("narcotics",
// core::annotationCategories()); the screen shows them translated.

#include <prescreen/core/model.h>

#include <QColor>
#include <QCoreApplication>
#include <QString>

#include <string>

namespace prescreen::ui {

class AnnotationStyle {
    Q_DECLARE_TR_FUNCTIONS(AnnotationStyle)

public:
    /// A category's words; an unknown category is shown as it is.
    static QString category(const std::string& category);
    /// The colour of a category's outline and label (light grey for an unknown one).
    static QColor colour(const std::string& category);
    static QString shape(core::Shape shape);

    static constexpr double kPenWidthPx = 2.0;   ///< outline width, screen pixels
    static constexpr double kHaloWidthPx = 4.0;  ///< dark halo under the outline, screen pixels
    static constexpr double kHandleSizePx = 9.0; ///< side of a resize handle, screen pixels
    static constexpr double kHitWidthPx = 10.0;  ///< how close to an outline a click grabs it
    static constexpr double kZ = 10.0;           ///< above the image (which sits at 0)
};

} // namespace prescreen::ui
