#include "fault_proxy.h"

#include <boost/asio.hpp>

#include <array>
#include <mutex>
#include <random>
#include <thread>
#include <utility>

namespace prescreen::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct FaultProxy::Impl : std::enable_shared_from_this<FaultProxy::Impl> {
    asio::io_context io;
    tcp::acceptor acceptor{io};
    tcp::endpoint target;
    std::mt19937_64 random;   ///< used on the io thread only
    mutable std::mutex mutex; ///< guards faults and stats
    Faults faults;
    ProxyStats stats;
    std::thread thread;

    double uniform() { return std::uniform_real_distribution<double>(0, 1)(random); }
    void accept();
};

namespace {

// One proxied connection: two pumps (client -> HQ, HQ -> client) over a pair of sockets.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(FaultProxy::Impl& proxy, tcp::socket client)
        : proxy_(proxy), client_(std::move(client)), upstream_(proxy.io) {}

    void start() {
        {
            std::lock_guard lock(proxy_.mutex);
            ++proxy_.stats.connections;
            if (proxy_.faults.cutAnswers > 0) {
                --proxy_.faults.cutAnswers;
                cutAnswer_ = true;
            }
            if (proxy_.uniform() < proxy_.faults.cutAnswerPerConnection)
                cutAnswer_ = true;
        }
        auto self = shared_from_this();
        upstream_.async_connect(proxy_.target, [self](boost::system::error_code ec) {
            if (ec)
                return self->closeBoth(false);
            self->pump(0);
            self->pump(1);
        });
    }

private:
    tcp::socket& from(int direction) { return direction == 0 ? client_ : upstream_; }
    tcp::socket& to(int direction) { return direction == 0 ? upstream_ : client_; }

    void pump(int direction) {
        auto self = shared_from_this();
        from(direction).async_read_some(
            asio::buffer(buffers_[direction]),
            [self, direction](boost::system::error_code ec, std::size_t n) {
                if (ec)
                    return self->closeBoth(false);
                self->deliver(direction, n);
            });
    }

    void deliver(int direction, std::size_t n) {
        Faults faults;
        {
            std::lock_guard lock(proxy_.mutex);
            faults = proxy_.faults;
        }
        if (direction == 0)
            clientBytes_ += static_cast<std::int64_t>(n);
        if (direction == 1 && cutAnswer_ && clientBytes_ > faults.cutAfterClientBytes) {
            count(&ProxyStats::cutAnswers);
            return closeBoth(false);
        }
        const double roll = proxy_.uniform();
        double edge = faults.dropPerChunk;
        if (roll < edge) {
            count(&ProxyStats::drops);
            return closeBoth(false);
        }
        if (roll < (edge += faults.truncatePerChunk)) {
            count(&ProxyStats::truncations);
            const std::size_t part = n / 2;
            auto self = shared_from_this();
            return asio::async_write(
                to(direction), asio::buffer(buffers_[direction].data(), part),
                [self](boost::system::error_code, std::size_t) { self->closeBoth(false); });
        }
        if (roll < (edge += faults.resetPerChunk)) {
            count(&ProxyStats::resets);
            return closeBoth(true);
        }
        if (roll < (edge += faults.delayPerChunk)) {
            count(&ProxyStats::delays);
            const int ms = 1 + static_cast<int>(proxy_.uniform() * faults.maxDelayMs);
            auto self = shared_from_this();
            auto timer = std::make_shared<asio::steady_timer>(proxy_.io);
            timer->expires_after(std::chrono::milliseconds(ms));
            return timer->async_wait([self, timer, direction, n](boost::system::error_code) {
                self->forward(direction, n);
            });
        }
        forward(direction, n);
    }

    void forward(int direction, std::size_t n) {
        if (closed_)
            return;
        auto self = shared_from_this();
        asio::async_write(to(direction), asio::buffer(buffers_[direction].data(), n),
                          [self, direction](boost::system::error_code ec, std::size_t written) {
                              if (ec)
                                  return self->closeBoth(false);
                              {
                                  std::lock_guard lock(self->proxy_.mutex);
                                  self->proxy_.stats.bytes += static_cast<std::int64_t>(written);
                              }
                              self->pump(direction);
                          });
    }

    void count(std::int64_t ProxyStats::*counter) {
        std::lock_guard lock(proxy_.mutex);
        ++(proxy_.stats.*counter);
    }

    void closeBoth(bool reset) {
        if (closed_)
            return;
        closed_ = true;
        boost::system::error_code ignored;
        for (auto* socket : {&client_, &upstream_}) {
            if (reset && socket->is_open())
                socket->set_option(asio::socket_base::linger(true, 0), ignored);
            socket->close(ignored);
        }
    }

    FaultProxy::Impl& proxy_;
    tcp::socket client_;
    tcp::socket upstream_;
    std::array<std::array<char, 16384>, 2> buffers_{};
    bool cutAnswer_ = false;
    std::int64_t clientBytes_ = 0;
    bool closed_ = false;
};

} // namespace

void FaultProxy::Impl::accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open())
            return;
        if (!ec)
            std::make_shared<Session>(*this, std::move(socket))->start();
        accept();
    });
}

FaultProxy::FaultProxy(const std::string& targetHost, unsigned short targetPort, Faults faults,
                       std::uint64_t seed)
    : impl_(std::make_shared<Impl>()) {
    impl_->target = tcp::endpoint(asio::ip::make_address(targetHost), targetPort);
    impl_->random.seed(seed);
    impl_->faults = faults;
    const tcp::endpoint local(asio::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(local.protocol());
    impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
    impl_->acceptor.bind(local);
    impl_->acceptor.listen();
    impl_->accept();
    impl_->thread = std::thread([impl = impl_] { impl->io.run(); });
}

FaultProxy::~FaultProxy() {
    asio::post(impl_->io, [impl = impl_] {
        boost::system::error_code ignored;
        impl->acceptor.close(ignored);
        impl->io.stop();
    });
    impl_->thread.join();
}

unsigned short FaultProxy::port() const {
    return impl_->acceptor.local_endpoint().port();
}

void FaultProxy::setFaults(const Faults& faults) {
    std::lock_guard lock(impl_->mutex);
    impl_->faults = faults;
}

ProxyStats FaultProxy::stats() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->stats;
}

} // namespace prescreen::test
