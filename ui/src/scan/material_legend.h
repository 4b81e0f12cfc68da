#pragma once
// A one-line key to what the colours mean: the material classes (organic, inorganic, metal,
// impenetrable, undecided; the stripped ones left out) with the calibration profile's name in
// material modes, the painted band of values in density-slice mode. Hidden in grey.

#include <prescreen/ui/display_mode.h>

#include <QWidget>

class QLabel;

namespace prescreen::ui {

class MaterialLegend : public QWidget {
    Q_OBJECT

public:
    explicit MaterialLegend(QWidget* parent = nullptr);

    /// Shows the key of `mode`; `sliceLower` / `sliceUpper` (rescaled units) in slice mode.
    void setMode(DisplayMode mode, double sliceLower = 0, double sliceUpper = 0);
    /// The calibration profile's name shown beside the classes (empty: none shown).
    void setProfileName(const QString& name);
    /// True when the mode has colours to explain (not grey).
    bool hasKey() const { return hasKey_; }

private:
    QWidget* organic_ = nullptr;
    QWidget* inorganic_ = nullptr;
    QWidget* metal_ = nullptr;
    QWidget* impenetrable_ = nullptr;
    QWidget* unknown_ = nullptr;
    QLabel* profile_ = nullptr;
    QWidget* slice_ = nullptr;
    QLabel* sliceText_ = nullptr;
    bool hasKey_ = false;
};

} // namespace prescreen::ui
