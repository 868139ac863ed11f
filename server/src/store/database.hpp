#pragma once
// The database: a SOCI connection pool over SQLite or PostgreSQL, migrations, and
// transactions. Repository code and the schema are the same for both backends, except
// for these dialect branches (each tests `dialect` or `dialect_of`; ADR 0002 has the why):
//
// - Opening a connection: SQLite gets WAL, synchronous=NORMAL, foreign_keys=ON, a WAL
//   size limit, a fast busy handler and the rf_fold function; PostgreSQL gets its URL as
//   keyword/value conninfo and client_min_messages=WARNING.
// - database::migrate(): PostgreSQL holds the advisory lock 7207050101 so that replicas
//   migrate one at a time; SQLite relies on BEGIN IMMEDIATE. The migration SQL is one
//   source with dialect blocks (store/migrations.hpp): today the JSON functions of 0002's
//   step_count backfill and the trim of its cron expressions.
// - transaction: BEGIN IMMEDIATE on SQLite, BEGIN on PostgreSQL (savepoints alike).
// - Row locks: lock_row() and a tree read for update add FOR UPDATE, claim_due_schedules()
//   FOR UPDATE SKIP LOCKED, and the first sign-up takes pg_advisory_xact_lock(7207050102),
//   all on PostgreSQL only; SQLite's IMMEDIATE transaction already holds its one write lock.
// - Case folding in flow search: rf_fold (common/text.hpp's fold_case, registered on each
//   SQLite connection) against PostgreSQL's lower(), which is Unicode-aware.
// - insert_batch: one prepared single-row INSERT stepped per session on SQLite, INSERTs
//   of 100 rows on PostgreSQL.
// - Error classification: SQLite's result code 19 (and the message, for a foreign key)
//   against PostgreSQL's SQLSTATE 23505, 23503, 08… and 57P….
// - The same SQL read differently: lower() folds only ASCII on SQLite, and text compares
//   by bytes there but in the database's collation on PostgreSQL (the order of target
//   lists by lower(name)).
// - The schema: a TEXT or BIGINT PRIMARY KEY column accepts NULL on SQLite (its legacy
//   rule; the server always supplies keys), and SQLite tables have a rowid
//   (server/tests/store/schema.expected).
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
// A lease that had to reopen (or found no connection) throws the connection error instead
// of going on: SOCI's leased session keeps the backend pointer it was leased with.
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
