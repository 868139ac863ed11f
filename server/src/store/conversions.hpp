#pragma once
// How domain values travel through SOCI: every enum with a string table (domain/models.hpp)
// is stored as its name, so `into(t.tree_type)` and `use(s.status)` work directly, and a
// name the table does not know fails loudly instead of turning into a default.

#include "domain/models.hpp"

#include <soci/soci.h>

#include <string>

namespace soci {

template <rf::domain::named_enum E>
struct type_conversion<E> {
  using base_type = std::string;

  static void from_base(const std::string& text, indicator ind, E& out) {
    if (ind == i_null) throw soci_error("NULL in a column of names");
    auto parsed = rf::domain::parse<E>(text);
    if (!parsed) throw soci_error("unknown name '" + text + "' in the database");
    out = *parsed;
  }

  static void to_base(const E& value, std::string& text, indicator& ind) {
    text = std::string(rf::domain::to_string(value));
    ind = i_ok;
  }
};

}  // namespace soci
