#pragma once
// The manifest dock's content: the pre-arrival data of the open case — parties, origin and
// route, trusted-trader memberships, and the declared lines in a table — with the places where
// the scan disagrees with the declaration flagged (from the risk factors that compare them:
// declared weight against the X-ray mass estimate, declared commodities against the material
// composition).

#include <prescreen/core/model.h>

#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QStackedWidget;
class QTableWidget;

namespace prescreen::ui {

class ManifestPanel : public QWidget {
    Q_OBJECT

public:
    explicit ManifestPanel(QWidget* parent = nullptr);

    /// Shows the manifest; the assessment's scan-against-declaration factors flag the fields
    /// and lines they concern (in colour, with a warning sign and the evidence as tooltip) and
    /// are listed at the top.
    void showManifest(const core::Manifest& manifest,
                      const std::optional<core::RiskAssessment>& risk = std::nullopt);
    void clear();

    /// Item data role of a declared line's cells: true when the scan disagrees with that line.
    static constexpr int MismatchRole = Qt::UserRole + 1;

private:
    QLabel* addRow(const QString& label, const QString& value, const QString& toolTip = {});
    void flagMismatches(const core::Manifest& manifest, const core::RiskAssessment& risk,
                        QLabel* declaredTotal);

    QStackedWidget* pages_ = nullptr;
    QWidget* emptyPage_ = nullptr;
    QWidget* manifestPage_ = nullptr;
    QFormLayout* fields_ = nullptr;
    QTableWidget* lines_ = nullptr;
    QLabel* mismatches_ = nullptr; ///< the banner listing what the scan contradicts
};

} // namespace prescreen::ui
