#include "s3/http/http_transport.h"

namespace s3prune::s3 {

std::string_view HttpResponse::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return {};
}

TransportPool::Lease TransportPool::Borrow() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto transport = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(transport));
    }
  }
  return Lease(*this, factory_());
}

void TransportPool::Return(std::unique_ptr<HttpTransport> transport) {
  if (!transport) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(transport));
}

}  // namespace s3prune::s3
