#pragma once
// Migrations are SQL files under migrations/<dialect>/NNNN_name.sql, embedded into the
// binary at build time (see server/CMakeLists.txt) so that the binary runs from anywhere.

#include <string_view>
#include <vector>

namespace rf::store {

struct migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<migration>& sqlite_migrations();
const std::vector<migration>& postgresql_migrations();

}  // namespace rf::store
