#include "store/sql.hpp"

#include <algorithm>

namespace rf::store {

void binds::exchange(soci::statement& st) const {
  for (const auto& v : values_) std::visit([&](const auto& x) { st.exchange(soci::use(x)); }, v);
}

namespace detail {

std::string clause_builder::sql() const {
  if (parts_.empty()) return {};
  std::string out = keyword_;
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    if (i) out += separator_;
    out += parts_[i];
  }
  return out;
}

std::string clause_builder::placeholder(std::string_view column) {
  const auto dot = column.rfind('.');
  const std::string base = prefix_ + std::string(dot == std::string_view::npos ? column : column.substr(dot + 1));
  // SQLite reads one name twice as one parameter, so every placeholder of a statement
  // needs a name of its own (a name, not a value: nothing of the input enters the text).
  std::string name = base;
  for (int n = 2; std::find(names_.begin(), names_.end(), name) != names_.end(); ++n)
    name = base + "_" + std::to_string(n);
  names_.push_back(name);
  return name;
}

}  // namespace detail

long long count_rows(lease& sql, std::string_view rest, const binds& values) {
  long long n = 0;
  soci::statement st(sql);
  st.alloc();
  st.exchange(soci::into(n));
  values.exchange(st);
  st.prepare("SELECT COUNT(*) " + std::string(rest), detail::once);
  st.define_and_bind();
  st.execute(true);
  return n;
}

long long execute(lease& sql, std::string_view text, const binds& values) {
  soci::statement st(sql);
  st.alloc();
  values.exchange(st);
  st.prepare(std::string(text), detail::once);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace rf::store
