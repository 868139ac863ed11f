#pragma once
// Migrations: one SQL source per schema version, migrations/NNNN_name.sql, embedded into
// the binary at build time (server/cmake/embed_migrations.cmake) so that the binary runs
// from any directory. database::migrate() applies the missing ones in version order, each
// in its own transaction, one statement at a time (split_statements below).
//
// A source is written in the SQL that SQLite and PostgreSQL share. A statement that
// cannot be is written once per dialect, in a dialect block between marker lines:
//
//   -- dialect: sqlite
//   UPDATE trees SET step_count = (SELECT COUNT(*) FROM json_each(...));
//   -- dialect: postgresql
//   UPDATE trees SET step_count = COALESCE(json_array_length(...), 0);
//   -- dialect: end
//
// A block holds whole statements: its markers must sit between statements. A dialect
// runs the lines outside every block and those of its own blocks; select_dialect() does
// the picking, and a malformed marker throws.
//
// What differs by dialect in migrating (store/database.hpp lists the rest):
// - the blocks: today the JSON functions of 0002's step_count backfill (json_each and
//   json_extract against json_array_elements and json_array_length) and the trim of its
//   cron expressions (trim with char() against btrim with an E'' string);
// - database::migrate() holds a PostgreSQL advisory lock so that replicas migrate one at
//   a time, where SQLite's BEGIN IMMEDIATE does the same per migration;
// - the same CREATE TABLE yields one difference: SQLite lets a TEXT or BIGINT PRIMARY
//   KEY column hold NULL. server/tests/store/schema_test.cpp checks that both backends
//   end with the same tables, columns, indexes and constraints but this one, which
//   server/tests/store/schema.expected records.
// Version 2's re-keying of e-mail addresses (rekey_emails in database.cpp) is C++ and
// the same on both.
//
// A shipped migration is never edited: a database records only the versions it applied,
// so each dialect must keep running exactly the statements it ran when the version
// shipped (server/tests/unit/migrations_test.cpp pins them).

#include "store/database.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace rf::store {

struct migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The embedded sources as written, dialect blocks and markers included, in version order.
const std::vector<migration>& migration_sources();

// The migrations one dialect runs: each source through select_dialect().
const std::vector<migration>& migrations(dialect d);
const std::vector<migration>& sqlite_migrations();
const std::vector<migration>& postgresql_migrations();

// The lines of `source` that dialect `d` runs: those outside dialect blocks and those of
// d's blocks, without the marker lines. Throws std::invalid_argument for an unknown
// dialect name, a block left open at the end, an end marker outside a block, a block
// naming the dialect it continues, or a marker inside a statement.
std::string select_dialect(std::string_view source, dialect d);

// Splits migration SQL into statements on ";" at the end of a line, dropping lines that
// start with "--": SQLite prepares one statement at a time and PostgreSQL's extended
// protocol takes one per call.
std::vector<std::string> split_statements(std::string_view sql);

}  // namespace rf::store
