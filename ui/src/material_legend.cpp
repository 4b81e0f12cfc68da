#include "material_legend.h"

#include <prescreen/imaging/materials/classify.h>

#include <QHBoxLayout>
#include <QLabel>

namespace prescreen::ui {
namespace {

namespace materials = imaging::materials;

QWidget* swatch(materials::MaterialClass value, const QString& name, const QString& meaning) {
    const auto rgb = materials::classColour(value);
    auto* box = new QLabel;
    const int side = box->fontMetrics().height() - 4;
    box->setFixedSize(side, side);
    box->setAutoFillBackground(true);
    QPalette palette = box->palette();
    palette.setColor(QPalette::Window, QColor(rgb.r, rgb.g, rgb.b));
    box->setPalette(palette);
    box->setFrameShape(QFrame::Box);

    auto* label = new QLabel(name);
    auto* item = new QWidget;
    item->setObjectName(QStringLiteral("LegendItem"));
    item->setToolTip(meaning);
    auto* layout = new QHBoxLayout(item);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(box);
    layout->addWidget(label);
    return item;
}

} // namespace

MaterialLegend::MaterialLegend(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("MaterialLegend"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(12);
    layout->addWidget(swatch(materials::MaterialClass::Organic, tr("Organic"),
                             tr("Effective Z below about 10: plastics, food, paper, drugs, "
                                "explosives")));
    layout->addWidget(swatch(materials::MaterialClass::Inorganic, tr("Inorganic"),
                             tr("Effective Z about 10 to 18: glass, aluminium, salts")));
    layout->addWidget(swatch(materials::MaterialClass::Metal, tr("Metal"),
                             tr("Effective Z above about 18: steel, copper")));
    layout->addWidget(swatch(materials::MaterialClass::Impenetrable, tr("Impenetrable"),
                             tr("Too dense for the beam: it hides what is behind")));
}

} // namespace prescreen::ui
