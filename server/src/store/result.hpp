#pragma once
// Outcomes of repository calls that depend on input (see the contract in database.hpp).

#include <optional>
#include <utility>

namespace rf::store {

enum class errc {
  ok,
  not_found,  // the object, or one it refers to, does not exist in this team
  duplicate,  // a unique key refused the write
  refused,    // a domain rule refused the change (e.g. demoting the last admin)
  in_use,     // the object is referred to by another and cannot go
  limit,      // a per-team quota refused the write (store/quotas.hpp)
};

template <class T>
struct result {
  errc code = errc::ok;
  std::optional<T> value;

  static result ok(T v) { return {errc::ok, std::move(v)}; }
  static result fail(errc e) { return {e, std::nullopt}; }
  explicit operator bool() const { return code == errc::ok; }
};

}  // namespace rf::store
