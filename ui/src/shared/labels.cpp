#include "labels.h"

namespace prescreen::ui {

QString Labels::role(core::Role role) {
    switch (role) {
    case core::Role::Officer:
        return tr("officer");
    case core::Role::Supervisor:
        return tr("supervisor");
    case core::Role::Trainer:
        return tr("trainer");
    case core::Role::Admin:
        return tr("administrator");
    }
    return {};
}

QString Labels::roles(core::Roles roles) {
    QStringList names;
    for (const auto role :
         {core::Role::Officer, core::Role::Supervisor, core::Role::Trainer, core::Role::Admin})
        if (roles.has(role))
            names << Labels::role(role);
    return names.isEmpty() ? tr("no role") : names.join(tr(", "));
}

QString Labels::mode(core::TransportMode mode) {
    switch (mode) {
    case core::TransportMode::Courier:
        return tr("Courier");
    case core::TransportMode::Air:
        return tr("Air");
    case core::TransportMode::Rail:
        return tr("Rail");
    case core::TransportMode::Truck:
        return tr("Truck");
    case core::TransportMode::Marine:
        return tr("Marine");
    }
    return {};
}

QString Labels::status(core::CaseStatus status) {
    switch (status) {
    case core::CaseStatus::Queued:
        return tr("Queued");
    case core::CaseStatus::Open:
        return tr("Open");
    case core::CaseStatus::Decided:
        return tr("Decided");
    }
    return {};
}

QString Labels::level(core::RiskLevel level) {
    switch (level) {
    case core::RiskLevel::Low:
        return tr("Low");
    case core::RiskLevel::Medium:
        return tr("Medium");
    case core::RiskLevel::High:
        return tr("High");
    }
    return {};
}

QString Labels::outcome(core::Outcome outcome) {
    return outcome == core::Outcome::Refer ? tr("Refer") : tr("Release");
}

QString Labels::reason(const std::string& code) {
    static const struct {
        const char* code;
        const char* words;
    } kReasons[] = {
        {"manifest_mismatch", QT_TR_NOOP("Manifest mismatch")},
        {"weight_discrepancy", QT_TR_NOOP("Weight discrepancy")},
        {"concealment_suspected", QT_TR_NOOP("Concealment suspected")},
        {"dense_region", QT_TR_NOOP("Dense region")},
        {"prohibited_item", QT_TR_NOOP("Prohibited item")},
        {"undeclared_goods", QT_TR_NOOP("Undeclared goods")},
        {"high_risk_score", QT_TR_NOOP("High risk score")},
        {"intelligence", QT_TR_NOOP("Intelligence")},
        {"random_examination", QT_TR_NOOP("Random examination")},
        {"other", QT_TR_NOOP("Other")},
        {"consistent_with_manifest", QT_TR_NOOP("Consistent with manifest")},
        {"low_risk", QT_TR_NOOP("Low risk")},
        {"trusted_trader", QT_TR_NOOP("Trusted trader")},
        {"explained_anomaly", QT_TR_NOOP("Explained anomaly")},
    };
    for (const auto& reason : kReasons)
        if (code == reason.code)
            return tr(reason.words);
    return QString::fromStdString(code);
}

QColor Labels::levelColour(core::RiskLevel level) {
    switch (level) {
    case core::RiskLevel::High:
        return {0xe0, 0x4f, 0x4f};
    case core::RiskLevel::Medium:
        return {0xe6, 0xa2, 0x3c};
    case core::RiskLevel::Low:
        return {0x5c, 0xb8, 0x5c};
    }
    return {};
}

} // namespace prescreen::ui
