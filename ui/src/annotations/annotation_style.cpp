#include "annotation_style.h"

namespace prescreen::ui {

QString AnnotationStyle::category(const std::string& category) {
    if (category == "weapon")
        return tr("Weapon");
    if (category == "explosive")
        return tr("Explosive");
    if (category == "narcotics")
        return tr("Narcotics");
    if (category == "pharmaceutical")
        return tr("Pharmaceutical");
    if (category == "currency")
        return tr("Currency");
    if (category == "tobacco")
        return tr("Tobacco");
    if (category == "alcohol")
        return tr("Alcohol");
    if (category == "undeclared_goods")
        return tr("Undeclared goods");
    if (category == "concealment")
        return tr("Concealment");
    if (category == "electronics")
        return tr("Electronics");
    if (category == "anomaly")
        return tr("Anomaly");
    if (category == "other")
        return tr("Other");
    return QString::fromStdString(category);
}

QColor AnnotationStyle::colour(const std::string& category) {
    // Saturated and distinct from each other; threats warm, goods cool.
    struct Entry {
        const char* name;
        QRgb rgb;
    };
    static constexpr Entry kColours[] = {
        {"weapon", 0xff3b30},         {"explosive", 0xff6d00},        {"narcotics", 0xff2dd4},
        {"pharmaceutical", 0xf48fb1}, {"currency", 0x64dd17},         {"tobacco", 0xc0a060},
        {"alcohol", 0xb388ff},        {"undeclared_goods", 0xffea00}, {"concealment", 0x00e5ff},
        {"electronics", 0x448aff},    {"anomaly", 0xffab40},          {"other", 0xe0e0e0},
    };
    for (const auto& entry : kColours)
        if (category == entry.name)
            return QColor::fromRgb(entry.rgb);
    return QColor(0xbd, 0xbd, 0xbd);
}

QString AnnotationStyle::shape(core::Shape shape) {
    switch (shape) {
    case core::Shape::Rectangle:
        return tr("Rectangle");
    case core::Shape::Ellipse:
        return tr("Ellipse");
    case core::Shape::Polygon:
        return tr("Polygon");
    }
    return {};
}

} // namespace prescreen::ui
