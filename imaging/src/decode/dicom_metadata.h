#pragma once
// Metadata readers over a DCMTK data set (internal to decode).

#include <prescreen/imaging/scan.h>

#include <dcmtk/dcmdata/dcdatset.h>

#include <string>

namespace prescreen::imaging::decode {

ScanMetadata readScanMetadata(DcmDataset& dataset);
PlaneKind readPlaneKind(DcmDataset& dataset, bool isDicos);
void readViewIdentity(DcmDataset& dataset, int& index, std::string& description);
/// Which view of its scan a file shows, finer than the view index: DICOS numbers views (Series
/// View); plain DICOM does not, so its views are told apart by description (View Position ...)
/// and series. Two files of one scan with the same slot and plane kind hold the same picture.
std::string readViewSlot(DcmDataset& dataset);
/// Rescale, windows, VOI function, pixel spacing, kVp and UIDs of one plane.
void readPlaneDisplay(DcmDataset& dataset, Plane& plane);

} // namespace prescreen::imaging::decode
