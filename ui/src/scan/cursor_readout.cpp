#include "cursor_readout.h"

#include <prescreen/imaging/render/grey.h>

#include <QCoreApplication>

#include <cmath>

namespace prescreen::ui {
namespace {

namespace materials = imaging::materials;

QString tr(const char* text) {
    return QCoreApplication::translate("prescreen::ui::CursorReadout", text);
}

std::optional<double> attenuation(quint16 stored, std::optional<double> air) {
    if (!air || !(*air > 0))
        return std::nullopt;
    // A zero count is below the noise floor: report the attenuation of one count.
    return -std::log(std::max<double>(stored, 1.0) / *air);
}

} // namespace

QString materialClassWord(materials::MaterialClass value) {
    switch (value) {
    case materials::MaterialClass::Background:
        return tr("air");
    case materials::MaterialClass::Organic:
        return tr("organic");
    case materials::MaterialClass::Inorganic:
        return tr("inorganic");
    case materials::MaterialClass::Metal:
        return tr("metal");
    case materials::MaterialClass::Impenetrable:
        return tr("impenetrable");
    case materials::MaterialClass::Unknown:
        return tr("undecided");
    }
    return tr("unknown");
}

std::optional<CursorReading> readAt(const PreparedView& view, QPointF scenePoint) {
    const QSize size = view.size();
    const double fx = std::floor(scenePoint.x());
    const double fy = std::floor(scenePoint.y());
    if (!(fx >= 0 && fy >= 0 && fx < size.width() && fy < size.height()))
        return std::nullopt;
    CursorReading reading;
    reading.x = static_cast<int>(fx);
    reading.y = static_cast<int>(fy);
    const auto& planes = view.view().planes;
    if (const auto& spacing = planes.front().pixelSpacingMm)
        reading.mm =
            QPointF(((*spacing)[1]) * (reading.x + 0.5), (*spacing)[0] * (reading.y + 0.5));
    for (const auto& plane : planes) {
        const auto& pixels = plane.pixels;
        if (pixels.format() != imaging::PixelFormat::Gray16 || pixels.width() != size.width() ||
            pixels.height() != size.height())
            continue;
        PlaneReading value;
        value.name = QString::fromLatin1(imaging::planeKindName(plane.kind));
        value.stored = pixels.row<quint16>(reading.y)[reading.x];
        value.modality = imaging::render::modalityValue(plane, value.stored);
        if (plane.kind == imaging::PlaneKind::HighEnergy)
            value.attenuation = attenuation(
                value.stored, view.airHigh > 0 ? std::optional(view.airHigh) : plane.airValue);
        else if (plane.kind == imaging::PlaneKind::LowEnergy)
            value.attenuation = attenuation(
                value.stored, view.airLow > 0 ? std::optional(view.airLow) : plane.airValue);
        reading.planes.push_back(value);
    }
    if (view.isDualEnergy()) {
        const auto& high = view.plane(view.highPlane).pixels;
        const auto& low = view.plane(view.lowPlane).pixels;
        const auto aHigh = attenuation(high.row<quint16>(reading.y)[reading.x], view.airHigh);
        const auto aLow = attenuation(low.row<quint16>(reading.y)[reading.x], view.airLow);
        if (aHigh && aLow)
            reading.materialClass = materialRenderer(view).classify(*aHigh, *aLow);
    }
    return reading;
}

QString describe(const CursorReading& reading) {
    QStringList parts;
    if (reading.mm)
        parts << tr("x %1 mm  y %2 mm")
                     .arg(reading.mm->x(), 0, 'f', 1)
                     .arg(reading.mm->y(), 0, 'f', 1);
    else
        parts << tr("x %1 px  y %2 px").arg(reading.x).arg(reading.y);
    for (const auto& plane : reading.planes) {
        QString text = tr("%1 %2").arg(plane.name).arg(plane.stored);
        if (plane.attenuation)
            text += tr(" (A %1)").arg(*plane.attenuation, 0, 'f', 2);
        parts << text;
    }
    if (reading.materialClass)
        parts << materialClassWord(*reading.materialClass);
    return parts.join(QStringLiteral(" · "));
}

} // namespace prescreen::ui
