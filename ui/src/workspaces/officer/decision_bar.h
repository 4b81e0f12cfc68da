#pragma once
// The decision bar under the scan: Release (R) and Refer (F), reason codes, a comment and the
// time on task since the case was opened. It asks; the main window calls core and reports back
// whether the decision was saved.

#include <prescreen/core/model.h>

#include <QElapsedTimer>
#include <QList>
#include <QWidget>

#include <string>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace prescreen::ui {

class FieldKeys;

class DecisionBar : public QWidget {
    Q_OBJECT

public:
    explicit DecisionBar(QWidget* parent = nullptr);

    /// A case was opened: resets reason and comment and starts the time on task. A read-only
    /// case disables the decision, saying why.
    void startCase(const core::Case& summary, bool readOnly, const QString& readOnlyReason);
    /// No case on screen.
    void clearCase();
    /// Where Enter and Escape in the reason list and the comment send the keyboard (the scan).
    void setFocusHome(QWidget* home);

    std::vector<std::string> reasonCodes() const; ///< the ticked codes, in list order
    std::string comment() const;
    std::int64_t timeOnTaskMs() const;

    /// Core committed the decision: say so (this stays until the next decision).
    void showSaved(const QString& message);
    /// Core refused or failed: say why; the case stays open for another try.
    void showError(const QString& message);

    /// A release that needs a second step (site policy): says why and enables Confirm release
    /// (Shift+R) for this case; R alone does not release it.
    void askReleaseConfirmation(const QString& message);
    /// True when this request comes from Confirm release after askReleaseConfirmation().
    bool releaseConfirmed() const { return confirmed_; }

signals:
    void decisionRequested(core::Outcome outcome);

private:
    void updateTime();
    void toggleReason(int index);
    void clearReasons();
    void updateReasonSummary();

    QAction* release_ = nullptr;
    QAction* refer_ = nullptr;
    QAction* confirm_ = nullptr; ///< Shift+R, enabled only after askReleaseConfirmation()
    bool confirmed_ = false;
    QComboBox* reason_ = nullptr;
    QLineEdit* comment_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* time_ = nullptr;
    QLabel* status_ = nullptr;
    QTimer* ticker_ = nullptr;
    QList<FieldKeys*> fieldKeys_;
    QElapsedTimer onTask_;
    bool statusIsError_ = false;
};

} // namespace prescreen::ui
