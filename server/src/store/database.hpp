#pragma once
// The database: a SOCI connection pool over SQLite or PostgreSQL, migrations, and
// transactions. Repository code is the same for both backends; only the migration SQL
// and the way a write transaction begins differ by dialect.
//
// Error contract (for every repository in this folder): expected, input-dependent
// outcomes (not found, duplicate, refused by a domain rule) come back as values —
// std::optional or a result with an `errc`. Infrastructure failures (database down,
// broken SQL) throw soci::soci_error and are caught once, at the router, logged with
// detail and answered with a bare 500 (503 when the database is unreachable).

#include <soci/soci.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace rf::store {

enum class dialect { sqlite, postgresql };

class database {
 public:
  // `url` is `sqlite:PATH` or `postgresql://user:pass@host:port/db`. Throws on a bad URL
  // or when the database cannot be opened.
  database(const std::string& url, std::size_t pool_size);

  dialect kind() const { return kind_; }
  soci::connection_pool& pool() { return *pool_; }
  std::size_t pool_size() const { return pool_size_; }

  // Applies pending migrations in order, each in its own transaction; returns how many ran.
  int migrate();

 private:
  dialect kind_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// A leased connection. SOCI sessions are not thread-safe: lease one per request.
// While a database outage is suspected (see recover()), a new lease checks its connection
// and reopens it if it is broken, so the service heals by itself once the database is back.
class lease : public soci::session {
 public:
  explicit lease(soci::connection_pool& pool);
  lease(const lease&) = delete;
  lease& operator=(const lease&) = delete;
};

// Called with the lease still held when a query failed: checks the connection, reopens it
// if broken, and marks an outage as suspected for the next minute. Never throws.
void recover(lease& sql);

// A write transaction: the unit of work of one use case. On SQLite it begins IMMEDIATE so
// that two writers queue on the busy timeout instead of failing to upgrade a read lock.
// Rolls back unless committed.
//
// A transaction opened while another is open on the same connection (a repository
// function called inside a handler's transaction) becomes a savepoint: its commit releases
// the savepoint, and leaving it uncommitted rolls back only its own writes. So a use case
// composes repository calls in one transaction, and each call still stands alone.
class transaction {
 public:
  transaction(soci::session& sql, dialect d);
  explicit transaction(soci::session& sql);
  ~transaction();
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  void commit();

 private:
  soci::session& sql_;
  int depth_ = 0;  // 0: the outermost transaction; n: savepoint n
  bool open_ = true;
};

// Serialises writers of one row across connections until the transaction ends. PostgreSQL
// locks the row (SELECT ... FOR UPDATE); SQLite's IMMEDIATE transaction already holds the
// database's single write lock, so there it does nothing. `table` is a constant of ours,
// never input. Returns false when the row does not exist.
bool lock_row(soci::session& sql, const char* table, const std::string& id);

dialect dialect_of(soci::session& sql);

// A value read with an indicator: empty when the column was NULL.
template <class T>
std::optional<T> if_set(const T& value, soci::indicator ind) {
  return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt;
}

// True when `e` is a unique-constraint violation (PostgreSQL 23505, SQLite constraint).
bool is_unique_violation(const soci::soci_error& e);
// True when `e` is a foreign-key violation: a row refers to one that is gone or going.
bool is_foreign_key_violation(const soci::soci_error& e);
// True when `e` means the database cannot be reached (connection lost or refused).
bool is_connection_error(const soci::soci_error& e);

}  // namespace rf::store
