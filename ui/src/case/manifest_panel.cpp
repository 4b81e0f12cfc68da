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

const QColor kWarning(0xff, 0xb7, 0x4d);
const QColor kWarningBackground(0x5a, 0x40, 0x16);

/// What in the declaration a scan-comparing risk rule concerns.
enum class Concerns { None, DeclaredWeight, DeclaredLines };

/// The rules of resources/rules/risk-rules.json that compare the scan with the declaration. A
/// scan rule not listed (e.g. impenetrable regions) concerns no declared field.
Concerns concerns(const std::string& ruleId) {
    if (ruleId == "scan-heavier-than-declared" || ruleId == "scan-lighter-than-declared")
        return Concerns::DeclaredWeight;
    if (ruleId == "scan-textiles-with-metal" || ruleId == "scan-food-with-metal" ||
        ruleId == "scan-metal-goods-organic")
        return Concerns::DeclaredLines;
    return Concerns::None;
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

    mismatches_ = new QLabel;
    mismatches_->setObjectName(QStringLiteral("ScanMismatches"));
    mismatches_->setWordWrap(true);
    mismatches_->setTextFormat(Qt::RichText);
    mismatches_->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; padding: 6px; "
                                              "border-radius: 3px; }")
                                   .arg(kWarningBackground.name(), kWarning.name()));
    mismatches_->hide();

    auto* linesTitle = new QLabel(tr("Declared lines"));
    QFont bold = linesTitle->font();
    bold.setBold(true);
    linesTitle->setFont(bold);

    auto* layout = new QVBoxLayout(manifestPage_);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(mismatches_);
    layout->addWidget(scroll, 3);
    layout->addWidget(linesTitle);
    layout->addWidget(lines_, 2);
    pages_->addWidget(manifestPage_);

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(pages_);
}

QLabel* ManifestPanel::addRow(const QString& label, const QString& value, const QString& toolTip) {
    auto* field = new QLabel(value);
    field->setWordWrap(true);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    field->setToolTip(toolTip);
    auto* name = new QLabel(label);
    name->setForegroundRole(QPalette::PlaceholderText);
    fields_->addRow(name, field);
    return field;
}

void ManifestPanel::clear() {
    while (fields_->rowCount() > 0)
        fields_->removeRow(0);
    lines_->setRowCount(0);
    mismatches_->clear();
    mismatches_->hide();
    pages_->setCurrentWidget(emptyPage_);
}

void ManifestPanel::showManifest(const core::Manifest& manifest,
                                 const std::optional<core::RiskAssessment>& risk) {
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
    auto* declaredTotal =
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
    declaredTotal->setObjectName(QStringLiteral("DeclaredTotal"));
    if (risk)
        flagMismatches(manifest, *risk, declaredTotal);
    pages_->setCurrentWidget(manifestPage_);
}

void ManifestPanel::flagMismatches(const core::Manifest& manifest, const core::RiskAssessment& risk,
                                   QLabel* declaredTotal) {
    QStringList banner;
    QStringList weightEvidence;
    QStringList linesEvidence;
    for (const auto& factor : risk.factors) {
        const Concerns what = concerns(factor.ruleId);
        if (what == Concerns::None)
            continue;
        const QString evidence = text(factor.evidence);
        (what == Concerns::DeclaredWeight ? weightEvidence : linesEvidence) << evidence;
        banner << tr("<b>%1</b>: %2")
                      .arg(text(factor.description).toHtmlEscaped(), evidence.toHtmlEscaped());
    }
    if (banner.isEmpty())
        return;
    mismatches_->setText(tr("⚠ The scan disagrees with the declaration<br>%1")
                             .arg(banner.join(QStringLiteral("<br>"))));
    mismatches_->show();

    if (!weightEvidence.isEmpty()) {
        declaredTotal->setText(tr("⚠ %1").arg(declaredTotal->text()));
        declaredTotal->setToolTip(weightEvidence.join(QLatin1Char('\n')));
        declaredTotal->setProperty("mismatch", true);
        QPalette palette = declaredTotal->palette();
        palette.setColor(QPalette::WindowText, kWarning);
        declaredTotal->setPalette(palette);
    }
    if (!linesEvidence.isEmpty()) {
        // The commodity rules hold for every declared line (all in the chapters they name): the
        // HS code and description of each are what the scan contradicts.
        const QString toolTip = linesEvidence.join(QLatin1Char('\n'));
        for (int row = 0; row < static_cast<int>(manifest.lines.size()); ++row)
            for (int column = 0; column < lines_->columnCount(); ++column) {
                auto* item = lines_->item(row, column);
                item->setData(MismatchRole, true);
                item->setBackground(kWarningBackground);
                if (column <= 1) {
                    item->setForeground(kWarning);
                    item->setToolTip(column == 1 ? tr("%1\n⚠ %2").arg(item->text(), toolTip)
                                                 : toolTip);
                }
            }
        // A warning swatch beside the HS code; the texts stay as declared.
        for (int row = 0; row < lines_->rowCount(); ++row)
            lines_->item(row, 0)->setData(Qt::DecorationRole, kWarning);
    }
}

} // namespace prescreen::ui
