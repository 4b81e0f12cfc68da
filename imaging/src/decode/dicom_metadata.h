#pragma once
// Metadata readers over a DCMTK data set (internal to decode).

#include <prescreen/imaging/scan.h>

#include <dcmtk/dcmdata/dcdatset.h>

#include <string>

namespace prescreen::imaging::decode {

ScanMetadata readScanMetadata(DcmDataset& dataset);
PlaneKind readPlaneKind(DcmDataset& dataset, bool isDicos);
void readViewIdentity(DcmDataset& dataset, int& index, std::string& description);
/// Rescale, windows, VOI function, pixel spacing, kVp and UIDs of one plane.
void readPlaneDisplay(DcmDataset& dataset, Plane& plane);

} // namespace prescreen::imaging::decode
