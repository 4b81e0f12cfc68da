#pragma once
// A one-line key to the material colours (organic, inorganic, metal, impenetrable), shown while
// the scan is in a material mode.

#include <QWidget>

namespace prescreen::ui {

class MaterialLegend : public QWidget {
    Q_OBJECT

public:
    explicit MaterialLegend(QWidget* parent = nullptr);
};

} // namespace prescreen::ui
