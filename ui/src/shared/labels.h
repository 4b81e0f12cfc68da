#pragma once
// Words the officer reads for core's enumerations and codes. Core names things in stable
// lower-case identifiers ("courier", "dense_region"); the screen shows them translated.

#include <prescreen/core/model.h>

#include <QColor>
#include <QCoreApplication>
#include <QString>

#include <string>

namespace prescreen::ui {

class Labels {
    Q_DECLARE_TR_FUNCTIONS(Labels)

public:
    static QString role(core::Role role);
    static QString roles(core::Roles roles); ///< "officer, supervisor"
    static QString mode(core::TransportMode mode);
    static QString status(core::CaseStatus status);
    static QString level(core::RiskLevel level);
    static QString outcome(core::Outcome outcome);
    /// A reason code's words; an unknown code is shown as it is.
    static QString reason(const std::string& code);
    /// The colour that marks a risk level in the queue and the risk dock.
    static QColor levelColour(core::RiskLevel level);
};

} // namespace prescreen::ui
