#pragma once
// A multi-resolution pyramid of the aligned planes of one view (e.g. high and low energy), for
// zoom and pan (viewport.h). Level 0 is the caller's full-resolution planes (not copied); level
// L + 1 halves level L in each dimension by a 2×2 area mean (an odd last row / column is averaged
// with itself), so level-L pixel (x, y) always covers full-resolution pixels
// [x·2^L, (x+1)·2^L) × [y·2^L, (y+1)·2^L) in every plane. Levels stop once the longer side is
// ≤ coarsestMaxSide. Integer means round half up, floor((a + b + c + d + 2) / 4), for unsigned
// and signed planes alike; float means are (((a + b) + c) + d) · 0.25.

#include <prescreen/imaging/image.h>

#include <atomic>
#include <functional>
#include <future>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

namespace prescreen::imaging::render {

struct PyramidOptions {
    int coarsestMaxSide = 256; ///< ≥ 1
    /// Which planes hold int16 bit patterns in their Gray16 pixels (Plane::signedPixels), by
    /// plane index; empty means none. Otherwise one entry per plane, true only for Gray16.
    std::vector<bool> signedPlanes = {};
};

/// Called with the fraction done (0..1, non-decreasing, ends with 1 on success) on the thread
/// that builds; keep it short and thread-safe.
using ProgressCallback = std::function<void(double fraction)>;

class Pyramid {
public:
    Pyramid() = default;
    Pyramid(Pyramid&&) noexcept = default;
    Pyramid& operator=(Pyramid&&) noexcept = default;

    int levelCount() const noexcept { return static_cast<int>(levels_.size()); }
    int planeCount() const noexcept {
        return levels_.empty() ? 0 : static_cast<int>(levels_[0].size());
    }
    int width(int level) const; ///< throws prescreen::Error InvalidArgument for a bad level
    int height(int level) const;
    /// The pixels of one plane at one level. Level 0 views the caller's pixels, which must
    /// outlive the pyramid; coarser levels are owned by the pyramid. Same format as the input.
    const ImageView& plane(int level, int index) const;

private:
    friend std::optional<Pyramid> buildPyramid(const std::vector<ImageView>&, const PyramidOptions&,
                                               const ProgressCallback&, std::stop_token);
    std::vector<std::vector<ImageView>> levels_; ///< [level][plane]
    std::vector<Image> owned_;                   ///< storage of levels ≥ 1
};

/// Builds the pyramid on the calling thread (each level's rows split over OpenCV's thread
/// pool). Planes: at least one, all of the same size and format (Gray8, Gray16 or Float32);
/// options.signedPlanes, if given, has one entry per plane.
/// Returns std::nullopt when `stop` is requested (checked every few rows). Throws
/// prescreen::Error InvalidArgument for bad planes or options.
std::optional<Pyramid> buildPyramid(const std::vector<ImageView>& planes,
                                    const PyramidOptions& options = {},
                                    const ProgressCallback& onProgress = {},
                                    std::stop_token stop = {});

/// Builds a pyramid off the calling thread. The planes are checked in the constructor (so bad
/// input throws there, synchronously); start() launches the worker. The destructor cancels and
/// joins. All members are safe to call from the thread that owns the builder while it runs.
class PyramidBuilder {
public:
    explicit PyramidBuilder(std::vector<ImageView> planes, PyramidOptions options = {});
    ~PyramidBuilder();
    PyramidBuilder(const PyramidBuilder&) = delete;
    PyramidBuilder& operator=(const PyramidBuilder&) = delete;

    /// Starts building; `onProgress` is also called on the worker thread. Once only.
    void start(ProgressCallback onProgress = {});
    /// Fraction done, 0..1.
    double progress() const noexcept { return progress_.load(); }
    /// Asks the worker to stop; result() then yields std::nullopt. Idempotent.
    void cancel() noexcept;
    /// True once the worker has finished, failed or stopped.
    bool ready() const;
    /// Waits for the worker; the pyramid, or std::nullopt if cancelled. Rethrows the build's
    /// prescreen::Error. Once only; throws prescreen::Error InvalidArgument if not started.
    std::optional<Pyramid> result();

private:
    std::vector<ImageView> planes_;
    PyramidOptions options_;
    std::atomic<double> progress_{0.0};
    std::future<std::optional<Pyramid>> future_;
    // The builder's own stop source, not the jthread's: cancel() may be called from the progress
    // callback on the worker before start() has finished assigning worker_.
    std::stop_source stop_;
    std::jthread worker_;
};

} // namespace prescreen::imaging::render
