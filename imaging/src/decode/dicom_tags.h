#pragma once
// Attribute reading helpers over a DCMTK data set (internal to decode).

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dctagkey.h>

#include <optional>
#include <string>
#include <vector>

namespace prescreen::imaging::decode {

// DICOS attributes DCMTK 3.6.7 has no constants for (see resources/dicos.dic).
inline const DcmTagKey kSeriesView(0x6100, 0x0024);
inline const DcmTagKey kSeriesViewDescription(0x6100, 0x0026);
inline const DcmTagKey kSeriesEnergy(0x6100, 0x0030);
inline const DcmTagKey kSeriesEnergyDescription(0x6100, 0x0031);
inline const DcmTagKey kOoiOwnerRiskScore(0x4010, 0x1022);
inline const DcmTagKey kPixelData32(0x7FE0, 0x0011);
inline const DcmTagKey kPixelData64(0x7FE0, 0x0012);
inline const DcmTagKey kPixelData32Float(0x7FE0, 0x0013);

/// Value `index` of a string attribute, trimmed; empty when absent.
std::string text(DcmItem& item, const DcmTagKey& tag, unsigned long index = 0);
/// All values of a multi-valued string attribute, trimmed.
std::vector<std::string> texts(DcmItem& item, const DcmTagKey& tag);
/// `deep` also searches sequences (e.g. the functional groups of enhanced multi-frame images).
std::optional<double> number(DcmItem& item, const DcmTagKey& tag, unsigned long index = 0,
                             bool deep = false);
std::vector<double> numbers(DcmItem& item, const DcmTagKey& tag, bool deep = false);
/// US / SS / IS / DS attributes as an integer.
std::optional<long> integer(DcmItem& item, const DcmTagKey& tag, unsigned long index = 0);

} // namespace prescreen::imaging::decode
