#pragma once
// The statement plumbing of every repository in this folder, written once:
//
// - Optional values and flags bind as they are: an empty std::optional is NULL (the
//   type_conversion below), and bool travels as a 0/1 integer, because SOCI binds no bool.
//   Domain enums travel by name (store/conversions.hpp).
// - Values never enter SQL text. `binds` holds them, at stable addresses (SOCI binds by
//   reference until the statement has run), in the order their placeholders appear.
// - `where_builder` makes a WHERE clause of "column = :name" conditions, of which those
//   given an empty std::optional are left out (the filters of a list), plus any other
//   condition with its values; `set_builder` makes the SET list of an UPDATE the same way.
// - Each entity has one row mapper, `void map(columns& c, T& row)`, that names every column
//   it reads together with the field that receives it: `c("s.id", row.id)`. The select list
//   and the binding are one piece of code and cannot drift apart. `select_all` and
//   `select_one` run "SELECT <the mapper's columns> <rest>" with the values bound.
//
// Column names and SQL fragments given to these helpers are constants of ours, never input.
//
// Error contract: the one of store/database.hpp. Nothing here catches anything: broken SQL
// or a lost connection throws soci::soci_error to the repository's caller.

#include "store/conversions.hpp"
#include "store/database.hpp"

#include <concepts>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace soci {

// An empty optional is NULL, both ways; a value goes through T's own conversion.
template <class T>
struct type_conversion<std::optional<T>> {
  using base_type = typename type_conversion<T>::base_type;

  static void from_base(const base_type& in, indicator ind, std::optional<T>& out) {
    if (ind == i_null) {
      out.reset();
      return;
    }
    T value{};
    type_conversion<T>::from_base(in, ind, value);
    out = std::move(value);
  }

  static void to_base(const std::optional<T>& in, base_type& out, indicator& ind) {
    if (!in) {
      ind = i_null;
      return;
    }
    type_conversion<T>::to_base(*in, out, ind);
  }
};

// Flags are BIGINT 0/1 columns on both backends.
template <>
struct type_conversion<bool> {
  using base_type = long long;

  static void from_base(long long in, indicator ind, bool& out) {
    if (ind == i_null) throw soci_error("NULL in a 0/1 column");
    out = in != 0;
  }

  static void to_base(bool in, long long& out, indicator& ind) {
    out = in ? 1 : 0;
    ind = i_ok;
  }
};

}  // namespace soci

namespace rf::store {

// Values bound to one statement, in the order of their placeholders.
class binds {
 public:
  binds() = default;
  template <class... V>
  requires(sizeof...(V) > 0 &&
           (!std::same_as<std::remove_cvref_t<V>, binds> && ...)) explicit binds(const V&... values) {
    (add(values), ...);
  }

  binds& add(std::string v) {
    values_.emplace_back(std::move(v));
    return *this;
  }
  binds& add(std::string_view v) { return add(std::string(v)); }
  binds& add(const char* v) { return add(std::string(v)); }
  template <std::integral I>
  binds& add(I v) {
    if constexpr (std::same_as<I, bool>)
      values_.emplace_back(v ? 1LL : 0LL);
    else
      values_.emplace_back(static_cast<long long>(v));
    return *this;
  }
  template <domain::named_enum E>
  binds& add(E v) {
    return add(std::string(domain::to_string(v)));
  }
  // NULL when empty.
  template <class V>
  binds& add(const std::optional<V>& v) {
    if constexpr (std::is_integral_v<V>)
      values_.emplace_back(v ? std::optional<long long>(*v) : std::nullopt);
    else if constexpr (domain::named_enum<V>)
      values_.emplace_back(v ? std::optional<std::string>(domain::to_string(*v)) : std::nullopt);
    else
      values_.emplace_back(v ? std::optional<std::string>(*v) : std::nullopt);
    return *this;
  }
  // Another list's values, after these.
  binds& append(const binds& other) {
    values_.insert(values_.end(), other.values_.begin(), other.values_.end());
    return *this;
  }

  // Hands every value to `st` as a `use`, in order.
  void exchange(soci::statement& st) const;

 private:
  using value = std::variant<std::string, long long, std::optional<std::string>, std::optional<long long>>;
  std::deque<value> values_;  // a deque: growing it never moves a value SOCI may point at
};

namespace detail {

// The conditions or assignments of one clause, joined by `separator` after `keyword`.
class clause_builder {
 public:
  // The clause with its keyword (" WHERE a = :a AND b = :b"), or "" when there is none.
  std::string sql() const;
  const binds& values() const { return values_; }

 protected:
  clause_builder(const char* keyword, const char* separator, const char* prefix)
      : keyword_(keyword), separator_(separator), prefix_(prefix) {}

  // Adds "column = :name" with `v` bound; an empty std::optional adds nothing.
  template <class V>
  void add_equal(std::string_view column, const V& v) {
    if constexpr (requires { v.has_value(); }) {
      if (v) add_equal(column, *v);
    } else {
      parts_.push_back(std::string(column) + " = :" + placeholder(column));
      values_.add(v);
    }
  }
  // Adds a fragment of ours with the values of its placeholders.
  template <class... V>
  void add_text(std::string_view sql, const V&... v) {
    parts_.emplace_back(sql);
    (values_.add(v), ...);
  }

 private:
  // A placeholder name unique in this clause, from the column's name without its table.
  std::string placeholder(std::string_view column);

  const char* keyword_;
  const char* separator_;
  const char* prefix_;  // keeps a SET's placeholders apart from a WHERE's
  std::vector<std::string> parts_;
  std::vector<std::string> names_;
  binds values_;
};

}  // namespace detail

// where.equals("s.team_id", team_id).equals("s.tree_id", f.tree_id) gives
// " WHERE s.team_id = :team_id AND s.tree_id = :tree_id" (the second only when f.tree_id
// is set) and binds the values in that order.
class where_builder : public detail::clause_builder {
 public:
  where_builder() : clause_builder(" WHERE ", " AND ", "") {}

  // "column = :column"; left out when `v` is an empty std::optional.
  template <class V>
  where_builder& equals(std::string_view column, const V& v) {
    add_equal(column, v);
    return *this;
  }
  // Any other condition; `v` are the values of its placeholders, in order.
  template <class... V>
  where_builder& condition(std::string_view sql, const V&... v) {
    add_text(sql, v...);
    return *this;
  }
};

// The SET list of an UPDATE: " SET a = :new_a, b = :new_b".
class set_builder : public detail::clause_builder {
 public:
  set_builder() : clause_builder(" SET ", ", ", "new_") {}

  // "column = :new_column"; left out when `v` is an empty std::optional.
  template <class V>
  set_builder& assign(std::string_view column, const V& v) {
    add_equal(column, v);
    return *this;
  }
};

// What a row mapper writes to: each call adds a select-list expression and binds the
// field that receives its value (std::optional for a column that can be NULL).
class columns {
 public:
  explicit columns(soci::statement& st) : st_(st) {}

  template <class T>
  columns& operator()(std::string_view expression, T& field) {
    if (!list_.empty()) list_ += ", ";
    list_ += expression;
    st_.exchange(soci::into(field));
    return *this;
  }

  const std::string& list() const { return list_; }

 private:
  soci::statement& st_;
  std::string list_;
};

namespace detail {

// Every statement made here runs once. Said so, SOCI sends it to PostgreSQL with its values
// in one round trip (PQexecParams) instead of preparing it first in another; SQLite
// prepares it either way.
constexpr auto once = soci::details::st_one_time_query;

// Allocates a statement, binds the mapper's columns into `row` and `values` in order, and
// prepares "SELECT <columns> <rest>".
template <class T, class Map>
void prepare_select(soci::statement& st, Map& map, T& row, std::string_view rest, const binds& values) {
  st.alloc();
  columns c(st);
  map(c, row);
  values.exchange(st);
  std::string text = "SELECT " + c.list();
  text += ' ';
  text += rest;
  st.prepare(text, once);
  st.define_and_bind();
}

}  // namespace detail

// Every row of "SELECT <map's columns> <rest>".
template <class T, class Map>
std::vector<T> select_all(lease& sql, Map&& map, std::string_view rest, const binds& values = {}) {
  T row{};
  soci::statement st(sql);
  detail::prepare_select(st, map, row, rest, values);
  std::vector<T> out;
  st.execute();
  while (st.fetch()) out.push_back(row);
  return out;
}

// The first row of "SELECT <map's columns> <rest>", if there is one.
template <class T, class Map>
std::optional<T> select_one(lease& sql, Map&& map, std::string_view rest, const binds& values = {}) {
  T row{};
  soci::statement st(sql);
  detail::prepare_select(st, map, row, rest, values);
  if (!st.execute(true)) return std::nullopt;
  return row;
}

// "SELECT COUNT(*) <rest>".
long long count_rows(lease& sql, std::string_view rest, const binds& values = {});

// Runs an INSERT, UPDATE or DELETE and returns how many rows it changed.
long long execute(lease& sql, std::string_view text, const binds& values = {});

}  // namespace rf::store
