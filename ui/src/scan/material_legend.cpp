#include "material_legend.h"

#include <prescreen/imaging/materials/classify.h>

#include <QHBoxLayout>
#include <QLabel>

namespace prescreen::ui {
namespace {

namespace materials = imaging::materials;

QWidget* swatch(const QBrush& colour, const QString& name, const QString& meaning,
                QLabel** text = nullptr) {
    auto* box = new QLabel;
    const int side = box->fontMetrics().height() - 4;
    box->setFixedSize(side, side);
    box->setAutoFillBackground(true);
    QPalette palette = box->palette();
    palette.setBrush(QPalette::Window, colour);
    box->setPalette(palette);
    box->setFrameShape(QFrame::Box);

    auto* label = new QLabel(name);
    if (text)
        *text = label;
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

QColor colourOf(materials::MaterialClass value) {
    const auto rgb = materials::classColour(value);
    return {rgb.r, rgb.g, rgb.b};
}

} // namespace

MaterialLegend::MaterialLegend(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("MaterialLegend"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(12);
    organic_ = swatch(colourOf(materials::MaterialClass::Organic), tr("Organic"),
                      tr("Effective Z below about 10: plastics, food, paper, drugs, explosives"));
    inorganic_ = swatch(colourOf(materials::MaterialClass::Inorganic), tr("Inorganic"),
                        tr("Effective Z about 10 to 18: glass, aluminium, salts"));
    metal_ = swatch(colourOf(materials::MaterialClass::Metal), tr("Metal"),
                    tr("Effective Z above about 18: steel, copper"));
    impenetrable_ = swatch(colourOf(materials::MaterialClass::Impenetrable), tr("Impenetrable"),
                           tr("No signal above the detector's noise floor: it hides what is "
                              "behind"));
    // Hatched, so that "undecided" never reads as a material colour.
    unknown_ = swatch(QBrush(colourOf(materials::MaterialClass::Unknown), Qt::BDiagPattern),
                      tr("Undecided"),
                      tr("The physics cannot decide here: too thin, too dense for the low "
                         "energy, or too noisy to tell the classes apart"));
    profile_ = new QLabel;
    profile_->setObjectName(QStringLiteral("CalibrationProfile"));
    profile_->setToolTip(tr("The calibration profile that classifies this scan's materials"));
    slice_ = swatch(QColor(230, 40, 200), QString(),
                    tr("Density slice: the pixels whose value lies in this band"), &sliceText_);
    for (auto* item : {organic_, inorganic_, metal_, impenetrable_, unknown_, slice_,
                       static_cast<QWidget*>(profile_)})
        layout->addWidget(item);
    setMode(DisplayMode::Grey);
}

void MaterialLegend::setMode(DisplayMode mode, double sliceLower, double sliceUpper) {
    const bool material = mode == DisplayMode::Material || mode == DisplayMode::OrganicOnly ||
                          mode == DisplayMode::InorganicOnly;
    organic_->setVisible(mode == DisplayMode::Material || mode == DisplayMode::OrganicOnly);
    inorganic_->setVisible(mode == DisplayMode::Material || mode == DisplayMode::InorganicOnly);
    metal_->setVisible(mode == DisplayMode::Material || mode == DisplayMode::InorganicOnly);
    impenetrable_->setVisible(material);
    unknown_->setVisible(material);
    profile_->setVisible(material && !profile_->text().isEmpty());
    slice_->setVisible(mode == DisplayMode::DensitySlice);
    sliceText_->setText(
        tr("Values %1 to %2").arg(sliceLower, 0, 'f', 0).arg(sliceUpper, 0, 'f', 0));
    hasKey_ = mode != DisplayMode::Grey;
    adjustSize();
}

void MaterialLegend::setProfileName(const QString& name) {
    profile_->setText(name.isEmpty() ? QString() : tr("Calibration: %1").arg(name));
}

} // namespace prescreen::ui
