#pragma once
// The explainable risk engine. Rules are data (resources/rules/risk-rules.json, format in
// docs/risk.md): each has an id, a description, a condition over the manifest, the importer's
// history and the scan evidence, a weight, and an evidence template. The score is the clamped sum
// of the weights of the rules that fire; every factor says why in an officer's words.
// Deterministic: the same inputs and rules version give the same assessment.

#include <prescreen/core/model.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace prescreen::core {

/// What the X-ray says, from imaging's analysis of the scan (see scan_evidence.h).
struct ScanEvidence {
    bool dualEnergy = false;         ///< false: only greyscale facts below are meaningful
    double estimatedMassKg = 0;      ///< whole object
    double massUncertaintyKg = 0;    ///< one standard deviation
    bool massLowerBoundOnly = false; ///< impenetrable pixels present
    double organicFraction = 0;      ///< fraction of object pixels, 0..1
    double inorganicFraction = 0;
    double metalFraction = 0;
    double impenetrableFraction = 0;
    double undecidedFraction = 0; ///< pixels the physics could not class (too thin, too noisy)
    int impenetrableRegions = 0;  ///< of at least the finder's minimum area
    double largestImpenetrableAreaMm2 = 0;
    /// The calibration profile that classified the scan and estimated its mass (its name as
    /// shown to officers, and its id); empty when no analysis ran.
    std::string calibrationProfile;
    std::string calibrationProfileId;
};

/// What the workstation knows of the importer from earlier shipments.
struct ImporterHistory {
    int previousShipments = 0; ///< 0: first-time importer on this site
};

struct RiskInput {
    const Manifest& manifest;
    ImporterHistory importer;
    std::optional<ScanEvidence> scan; ///< absent until the scan is analysed
};

class RuleSet {
public:
    /// Parses and validates a rules file (against resources/rules/risk-rules.schema.json and
    /// then each condition's fields and operators); throws prescreen::Error (BadFormat) naming
    /// `source`, the rule id and the field.
    static RuleSet parse(std::string_view jsonText, const std::string& source);
    /// The rules compiled in from resources/rules/risk-rules.json.
    static const RuleSet& builtin();

    ~RuleSet();
    RuleSet(RuleSet&&) noexcept;
    RuleSet& operator=(RuleSet&&) noexcept;

    const std::string& version() const;
    std::size_t size() const;

    RiskAssessment assess(const RiskInput& input) const;

private:
    RuleSet();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace prescreen::core
