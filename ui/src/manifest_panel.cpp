#include "manifest_panel.h"

#include "empty_state.h"
#include "labels.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace prescreen::ui {
namespace {

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

QString number(double value, int decimals) {
    return QLocale().toString(value, 'f', decimals);
}

QString party(const core::Party& who) {
    QStringList parts;
    if (!who.name.empty())
        parts << text(who.name);
    if (!who.businessNumber.empty())
        parts << ManifestPanel::tr("BN %1").arg(text(who.businessNumber));
    if (!who.country.empty())
        parts << text(who.country);
    return parts.isEmpty() ? ManifestPanel::tr("not declared")
                           : parts.join(ManifestPanel::tr(" · "));
}

QTableWidgetItem* cell(const QString& value, Qt::Alignment alignment = Qt::AlignLeft) {
    auto* item = new QTableWidgetItem(value);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setTextAlignment(alignment | Qt::AlignVCenter);
    return item;
}

} // namespace

ManifestPanel::ManifestPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("ManifestPanel"));
    pages_ = new QStackedWidget(this);
    emptyPage_ = new EmptyState(tr("No manifest"), tr("The pre-arrival data of the open case."));
    pages_->addWidget(emptyPage_);

    manifestPage_ = new QWidget;
    auto* fieldsWidget = new QWidget;
    fields_ = new QFormLayout(fieldsWidget);
    fields_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    fields_->setRowWrapPolicy(QFormLayout::DontWrapRows);
    fields_->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea;
    scroll->setWidget(fieldsWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    lines_ = new QTableWidget(0, 5);
    lines_->setObjectName(QStringLiteral("ManifestLines"));
    lines_->setHorizontalHeaderLabels(
        {tr("HS code"), tr("Description"), tr("Quantity"), tr("Weight (kg)"), tr("Value")});
    lines_->verticalHeader()->hide();
    lines_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    lines_->setSelectionBehavior(QAbstractItemView::SelectRows);
    lines_->setWordWrap(false);
    lines_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    lines_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);

    auto* linesTitle = new QLabel(tr("Declared lines"));
    QFont bold = linesTitle->font();
    bold.setBold(true);
    linesTitle->setFont(bold);

    auto* layout = new QVBoxLayout(manifestPage_);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(scroll, 3);
    layout->addWidget(linesTitle);
    layout->addWidget(lines_, 2);
    pages_->addWidget(manifestPage_);

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(pages_);
}

void ManifestPanel::addRow(const QString& label, const QString& value, const QString& toolTip) {
    auto* field = new QLabel(value);
    field->setWordWrap(true);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    field->setToolTip(toolTip);
    auto* name = new QLabel(label);
    name->setForegroundRole(QPalette::PlaceholderText);
    fields_->addRow(name, field);
}

void ManifestPanel::clear() {
    while (fields_->rowCount() > 0)
        fields_->removeRow(0);
    lines_->setRowCount(0);
    pages_->setCurrentWidget(emptyPage_);
}

void ManifestPanel::showManifest(const core::Manifest& manifest) {
    clear();
    addRow(tr("Cargo control no."), text(manifest.cargoControlNumber));
    addRow(tr("Mode / carrier"),
           tr("%1 · %2").arg(Labels::mode(manifest.mode), text(manifest.carrier)));
    addRow(tr("Shipper"), party(manifest.shipper), text(manifest.shipper.address));
    addRow(tr("Consignee"), party(manifest.consignee), text(manifest.consignee.address));
    addRow(tr("Importer"), party(manifest.importer), text(manifest.importer.address));
    QStringList route{text(manifest.origin)};
    for (const auto& country : manifest.route)
        route << text(country);
    addRow(tr("Origin / route"), route.join(tr(" → ")));
    QStringList programmes;
    for (const auto& programme : manifest.trustedTrader)
        programmes << text(programme);
    addRow(tr("Trusted trader"), programmes.isEmpty() ? tr("none") : programmes.join(tr(", ")));
    addRow(tr("Low-value shipment"), manifest.lowValueShipment ? tr("yes") : tr("no"));
    if (!manifest.expectedArrival.empty())
        addRow(tr("Expected arrival"), text(manifest.expectedArrival));
    const QString currency =
        manifest.lines.empty() ? QString() : text(manifest.lines.front().currency);
    addRow(tr("Declared total"), tr("%1 kg · %2 %3")
                                     .arg(number(manifest.declaredWeightKg(), 1),
                                          number(manifest.declaredValue(), 2), currency));

    lines_->setRowCount(static_cast<int>(manifest.lines.size()));
    int row = 0;
    for (const auto& line : manifest.lines) {
        lines_->setItem(row, 0, cell(text(line.hsCode)));
        lines_->setItem(row, 1, cell(text(line.description)));
        lines_->item(row, 1)->setToolTip(text(line.description));
        lines_->setItem(row, 2,
                        cell(tr("%1 %2").arg(QLocale().toString(line.quantity), text(line.unit)),
                             Qt::AlignRight));
        lines_->setItem(row, 3, cell(number(line.weightKg, 1), Qt::AlignRight));
        lines_->setItem(
            row, 4,
            cell(tr("%1 %2").arg(number(line.value, 2), text(line.currency)), Qt::AlignRight));
        ++row;
    }
    pages_->setCurrentWidget(manifestPage_);
}

} // namespace prescreen::ui
