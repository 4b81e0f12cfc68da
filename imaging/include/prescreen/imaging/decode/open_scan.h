#pragma once
// Opening scans: a file, or a folder of files, becomes a Scan with its views and planes.
// Formats: DICOS DX / CT, DICONDE and DICOM DX / CR / XA / SC / CT in any transfer syntax DCMTK
// or OpenJPEG decodes; 16-bit PNG and TIFF for lab data. See docs/imaging.md.

#include <prescreen/imaging/scan.h>

#include <filesystem>
#include <string>
#include <vector>

namespace prescreen::imaging {

struct OpenOptions {
    /// Look in the file's folder for the other files of the same scan (same Study Instance UID).
    bool findSiblings = true;
    /// Folders with more files than this are not searched for siblings (a scan has a handful).
    std::size_t maxFolderEntries = 5000;
};

/// Opens the scan that `path` belongs to: a file (plus its siblings) or a folder holding one
/// scan. Throws prescreen::Error saying what and where when the file cannot be read as a scan,
/// or when a folder holds no scan or several (use openFolder for those).
Scan openScan(const std::filesystem::path& path, const OpenOptions& options = {});

/// One file's planes only, grouped into a Scan of its own (no sibling search).
Scan readScanFile(const std::filesystem::path& file);

/// A file of a folder that could not be used, and why.
struct SkippedFile {
    std::filesystem::path file;
    std::string reason;
};

struct FolderContents {
    std::vector<Scan> scans;          ///< one per Study Instance UID (or per lab image)
    std::vector<SkippedFile> skipped; ///< unreadable files: the rest still opens
};

/// Every scan in a folder (not recursive), each with all its files.
FolderContents openFolder(const std::filesystem::path& folder, const OpenOptions& options = {});

} // namespace prescreen::imaging
