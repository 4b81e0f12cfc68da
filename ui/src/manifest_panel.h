#pragma once
// The manifest dock's content: the pre-arrival data of the open case — parties, origin and
// route, trusted-trader memberships, and the declared lines in a table.

#include <prescreen/core/model.h>

#include <QWidget>

class QFormLayout;
class QStackedWidget;
class QTableWidget;

namespace prescreen::ui {

class ManifestPanel : public QWidget {
    Q_OBJECT

public:
    explicit ManifestPanel(QWidget* parent = nullptr);

    void showManifest(const core::Manifest& manifest);
    void clear();

private:
    void addRow(const QString& label, const QString& value, const QString& toolTip = {});

    QStackedWidget* pages_ = nullptr;
    QWidget* emptyPage_ = nullptr;
    QWidget* manifestPage_ = nullptr;
    QFormLayout* fields_ = nullptr;
    QTableWidget* lines_ = nullptr;
};

} // namespace prescreen::ui
