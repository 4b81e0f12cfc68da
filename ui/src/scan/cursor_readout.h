#pragma once
// What is under the cursor: the position in millimetres (pixels when the scan does not say its
// pixel spacing), the stored value and attenuation of each energy plane, and the material
// class. Read from the full-resolution planes, whatever the zoom.

#include "scan_render.h"

#include <prescreen/imaging/materials/material_table.h>

#include <QPointF>
#include <QString>

#include <optional>
#include <vector>

namespace prescreen::ui {

struct PlaneReading {
    QString name;                      ///< "HIGH ENERGY", "LOW ENERGY", ...
    quint16 stored = 0;                ///< the 16-bit value in the file
    double modality = 0;               ///< after rescale slope / intercept
    std::optional<double> attenuation; ///< -ln(I / I0) when the plane's open beam is known
};

struct CursorReading {
    int x = 0; ///< full-resolution pixel column
    int y = 0; ///< full-resolution pixel row
    /// Position of the pixel's centre in mm (x along columns, y along rows) when known.
    std::optional<QPointF> mm;
    std::vector<PlaneReading> planes;
    std::optional<imaging::materials::MaterialClass> materialClass; ///< dual-energy views only
};

/// The reading at a scene (full-resolution image) point; nullopt outside the image.
std::optional<CursorReading> readAt(const PreparedView& view, QPointF scenePoint);

/// One line for a label or the status bar, e.g. "x 120.6 mm  y 33.0 mm · HIGH 31200 (A 0.65) ·
/// LOW 20100 (A 0.81) · organic".
QString describe(const CursorReading& reading);

/// The translated name of a material class ("organic", ...).
QString materialClassWord(imaging::materials::MaterialClass value);

} // namespace prescreen::ui
