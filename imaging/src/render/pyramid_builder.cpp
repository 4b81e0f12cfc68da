#include "pyramid_check.h"

#include <prescreen/error.h>
#include <prescreen/imaging/render/pyramid.h>

#include <chrono>
#include <exception>

namespace prescreen::imaging::render {

PyramidBuilder::PyramidBuilder(std::vector<ImageView> planes, PyramidOptions options)
    : planes_(std::move(planes)), options_(options) {
    detail::checkPyramidInput(planes_, options_);
}

PyramidBuilder::~PyramidBuilder() {
    cancel();
}

void PyramidBuilder::start(ProgressCallback onProgress) {
    if (future_.valid() || worker_.joinable())
        throw Error(ErrorCode::InvalidArgument, "pyramid builder: already started");
    std::packaged_task<std::optional<Pyramid>()> task(
        [this, callback = std::move(onProgress), stop = stop_.get_token()]() {
            return buildPyramid(
                planes_, options_,
                [this, &callback](double fraction) {
                    progress_.store(fraction);
                    if (callback)
                        callback(fraction);
                },
                stop);
        });
    future_ = task.get_future();
    worker_ = std::jthread(std::move(task));
}

void PyramidBuilder::cancel() noexcept {
    stop_.request_stop();
}

bool PyramidBuilder::ready() const {
    return future_.valid() &&
           future_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

std::optional<Pyramid> PyramidBuilder::result() {
    if (!future_.valid())
        throw Error(ErrorCode::InvalidArgument,
                    "pyramid builder: result() before start() or after a previous result()");
    std::optional<Pyramid> pyramid = future_.get();
    worker_.join();
    return pyramid;
}

} // namespace prescreen::imaging::render
