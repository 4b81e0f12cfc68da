// Files -> scans: decode, find siblings, group by scan and view.
#include "decoded_file.h"

#include <prescreen/error.h>
#include <prescreen/imaging/decode/open_scan.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace prescreen::imaging {
namespace {

decode::DecodedFile decodeAny(const std::filesystem::path& file) {
    if (decode::looksLikeRaster(file))
        return decode::decodeRasterFile(file);
    return decode::decodeDicomFile(file);
}

int planeOrder(PlaneKind kind) {
    switch (kind) {
    case PlaneKind::HighEnergy:
        return 0;
    case PlaneKind::LowEnergy:
        return 1;
    default:
        return 2 + static_cast<int>(kind);
    }
}

// `files` front first: the file the user opened wins over copies of the same instance.
Scan buildScan(std::vector<decode::DecodedFile> files) {
    Scan scan;
    if (files.empty())
        return scan;
    std::set<std::string> instances;
    std::vector<decode::DecodedFile> unique;
    for (auto& file : files) {
        const std::string uid =
            file.planes.empty() ? std::string() : file.planes.front().sopInstanceUid;
        if (!uid.empty() && !instances.insert(uid).second) {
            scan.warnings.push_back(file.file.filename().string() +
                                    " skipped: another copy of image " + uid);
            continue;
        }
        unique.push_back(std::move(file));
    }
    files = std::move(unique);
    // The same order whatever order the folder listed the files in.
    std::sort(files.begin(), files.end(),
              [](const auto& a, const auto& b) { return a.file < b.file; });
    scan.metadata = files.front().metadata;
    std::map<int, View> views;
    for (auto& file : files) {
        scan.files.push_back(file.file);
        for (auto& warning : file.warnings)
            scan.warnings.push_back(std::move(warning));
        View& view = views[file.viewIndex];
        view.index = file.viewIndex;
        if (view.description.empty())
            view.description = file.viewDescription;
        for (auto& plane : file.planes) {
            if (view.find(plane.kind) != nullptr)
                scan.warnings.push_back(plane.sourceFile.filename().string() + ": a second " +
                                        planeKindName(plane.kind) + " plane in view " +
                                        std::to_string(view.index));
            view.planes.push_back(std::move(plane));
        }
    }
    for (auto& [index, view] : views) {
        std::stable_sort(view.planes.begin(), view.planes.end(), [](const auto& a, const auto& b) {
            return planeOrder(a.kind) < planeOrder(b.kind);
        });
        const auto* high = view.find(PlaneKind::HighEnergy);
        const auto* low = view.find(PlaneKind::LowEnergy);
        if (high != nullptr && low != nullptr &&
            (high->pixels.width() != low->pixels.width() ||
             high->pixels.height() != low->pixels.height()))
            scan.warnings.push_back("view " + std::to_string(index) +
                                    ": high and low energy planes differ in size; material "
                                    "colour is not available");
        scan.views.push_back(std::move(view));
    }
    return scan;
}

std::vector<std::filesystem::path> folderFiles(const std::filesystem::path& folder,
                                               std::size_t limit) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        std::error_code typeError;
        if (!entry.is_regular_file(typeError))
            continue;
        if (files.size() >= limit)
            throw Error(ErrorCode::Unsupported, folder.string() + ": more than " +
                                                    std::to_string(limit) +
                                                    " files; open a scan's own folder");
        files.push_back(entry.path());
    }
    if (ec)
        throw Error(ErrorCode::Io, folder.string() + ": cannot list folder (" + ec.message() + ")");
    std::sort(files.begin(), files.end());
    return files;
}

// What a quick look at a file says: the key that groups it into a scan (empty, with a reason,
// when it cannot be used) and, for DICOM files, which image, view and plane it holds.
struct Candidate {
    std::filesystem::path file;
    std::string key;
    std::string problem;
    std::optional<decode::FileIdentity> identity; ///< DICOM files only
};

Candidate lookAt(const std::filesystem::path& file) {
    Candidate candidate{file, {}, {}, {}};
    if (decode::looksLikeRaster(file)) {
        candidate.key = decode::rasterScanKey(file); // lab pairs are grouped by name
        return candidate;
    }
    auto identity = decode::identifyFile(file);
    if (!identity.isDicom) {
        candidate.problem = identity.problem;
        return candidate;
    }
    candidate.key = identity.studyUid.empty() ? "file:" + file.string() : identity.studyUid;
    candidate.identity = std::move(identity);
    return candidate;
}

// The images and the (view, plane kind) slots a scan already has, so that a file adding nothing
// new is named and left undecoded: a folder of one image in seven encodings (as DICOM's WG-04
// test set is: one series, no view position) opens the one asked for, not all seven, and the one
// asked for is the one shown. Views of plain DICOM (no Series View) with another View Position
// or series are other slots and still join.
class Claims {
public:
    void claim(const decode::DecodedFile& file) {
        for (const auto& plane : file.planes) {
            if (!plane.sopInstanceUid.empty())
                instances_.insert(plane.sopInstanceUid);
            slots_.emplace(std::pair{file.viewSlot, plane.kind}, file.file.filename().string());
        }
    }

    /// Why `candidate` adds nothing to the scan, or empty when it may.
    std::string overlap(const Candidate& candidate) const {
        if (!candidate.identity)
            return {};
        const auto& identity = *candidate.identity;
        if (!identity.sopInstanceUid.empty() && instances_.count(identity.sopInstanceUid) != 0)
            return "another copy of image " + identity.sopInstanceUid;
        const auto slot = slots_.find({identity.viewSlot, identity.kind});
        if (slot != slots_.end())
            return "view " + std::to_string(identity.viewIndex) + " already has its " +
                   planeKindName(identity.kind) + " plane from " + slot->second;
        return {};
    }

private:
    std::set<std::string> instances_;
    std::map<std::pair<std::string, PlaneKind>, std::string> slots_;
};

} // namespace

Scan readScanFile(const std::filesystem::path& file) {
    std::vector<decode::DecodedFile> files;
    files.push_back(decodeAny(file));
    return buildScan(std::move(files));
}

FolderContents openFolder(const std::filesystem::path& folder, const OpenOptions& options) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw Error(ErrorCode::NotFound, folder.string() + ": no such folder");
    FolderContents contents;
    std::map<std::string, std::vector<Candidate>> groups;
    for (const auto& file : folderFiles(folder, options.maxFolderEntries)) {
        auto candidate = lookAt(file);
        if (candidate.key.empty())
            contents.skipped.push_back({file, candidate.problem});
        else
            groups[candidate.key].push_back(std::move(candidate));
    }
    for (const auto& [key, candidates] : groups) {
        std::vector<decode::DecodedFile> decoded;
        Claims claims; // in name order: the first file of an image, view and plane wins
        for (const auto& candidate : candidates) {
            if (auto overlap = claims.overlap(candidate); !overlap.empty()) {
                contents.skipped.push_back({candidate.file, std::move(overlap)});
                continue;
            }
            try {
                decoded.push_back(decodeAny(candidate.file));
                claims.claim(decoded.back());
            } catch (const Error& error) {
                contents.skipped.push_back({candidate.file, error.what()});
            }
        }
        if (!decoded.empty())
            contents.scans.push_back(buildScan(std::move(decoded)));
    }
    return contents;
}

Scan openScan(const std::filesystem::path& path, const OpenOptions& options) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        auto contents = openFolder(path, options);
        if (contents.scans.size() == 1) {
            for (const auto& skipped : contents.skipped)
                contents.scans.front().warnings.push_back(skipped.file.filename().string() +
                                                          " skipped: " + skipped.reason);
            return std::move(contents.scans.front());
        }
        std::string reason = contents.scans.empty()
                                 ? "holds no readable scan"
                                 : "holds " + std::to_string(contents.scans.size()) +
                                       " scans; open one of its files";
        if (contents.scans.empty() && !contents.skipped.empty())
            reason += " (first problem: " + contents.skipped.front().file.filename().string() +
                      ": " + contents.skipped.front().reason + ")";
        throw Error(ErrorCode::BadFormat, path.string() + ": " + reason);
    }

    std::vector<decode::DecodedFile> files;
    files.push_back(decodeAny(path));
    const std::string key = files.front().studyUid;
    std::vector<std::string> warnings;
    if (options.findSiblings && !key.empty() && path.has_parent_path()) {
        std::vector<std::filesystem::path> candidates;
        try {
            candidates = folderFiles(path.parent_path(), options.maxFolderEntries);
        } catch (const Error& error) {
            warnings.push_back(std::string("siblings not searched: ") + error.what());
        }
        Claims claims;
        claims.claim(files.front()); // the file asked for wins over others of its image or plane
        for (const auto& sibling : candidates) {
            if (std::filesystem::equivalent(sibling, path, ec))
                continue;
            const Candidate candidate = lookAt(sibling);
            if (candidate.key != key)
                continue;
            if (auto overlap = claims.overlap(candidate); !overlap.empty()) {
                warnings.push_back(sibling.filename().string() + " skipped: " + overlap);
                continue;
            }
            try {
                files.push_back(decodeAny(sibling));
                claims.claim(files.back());
            } catch (const Error& error) {
                warnings.push_back(sibling.filename().string() + " skipped: " + error.what());
            }
        }
    }
    Scan scan = buildScan(std::move(files));
    scan.warnings.insert(scan.warnings.end(), warnings.begin(), warnings.end());
    return scan;
}

} // namespace prescreen::imaging
