#include "store/database.hpp"

#include "store/migrations.hpp"

#include "common/text.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <vector>

namespace rf::store {

namespace {

std::string sqlite_path(const std::string& url) { return url.substr(std::string_view("sqlite:").size()); }

// SOCI rewrites the connection string as key=value pairs, which breaks libpq's URI form:
// turn postgresql://user:pass@host:port/db?sslmode=... into keyword/value conninfo.
std::string pg_conninfo(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw std::invalid_argument("malformed PostgreSQL URL");
  const auto& u = *parsed;
  auto quote = [](std::string v) {
    std::string out = "'";
    for (char c : v) {
      if (c == '\\' || c == '\'') out.push_back('\\');
      out.push_back(c);
    }
    return out + "'";
  };
  std::string info;
  auto add = [&](std::string_view key, std::string value) {
    if (value.empty()) return;
    if (!info.empty()) info.push_back(' ');
    info.append(key).append("=").append(quote(std::move(value)));
  };
  add("host", std::string(u.host()));
  add("port", std::string(u.port()));
  std::string path = u.path();
  if (!path.empty() && path.front() == '/') path.erase(0, 1);
  add("dbname", path);
  add("user", std::string(u.user()));
  add("password", std::string(u.password()));
  for (auto p : u.params()) add(p.key, std::string(p.value));
  return info;
}

// SQLite's own busy handler sleeps in steps of up to 100 ms, which turns a queue of
// writers into long stalls. This one retries after tens of microseconds, then backs off,
// and gives up after about ten seconds (the caller then sees SQLITE_BUSY).
int busy_retry(void*, int attempts) {
  if (attempts < 200) {
    std::this_thread::sleep_for(std::chrono::microseconds(50));
    return 1;
  }
  if (attempts < 200 + 10'000) {
    std::this_thread::sleep_for(std::chrono::microseconds(1000));
    return 1;
  }
  return 0;
}

// rf_fold(text): the case fold searches use (common/text.hpp); SQLite's lower() knows
// only ASCII.
void sqlite_fold(sqlite_api::sqlite3_context* ctx, int, sqlite_api::sqlite3_value** argv) {
  using namespace sqlite_api;
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  if (!text) {
    sqlite3_result_null(ctx);
    return;
  }
  const std::string folded = rf::fold_case(std::string_view(text, sqlite3_value_bytes(argv[0])));
  sqlite3_result_text(ctx, folded.data(), int(folded.size()), SQLITE_TRANSIENT);
}

// Migration 0002 changed the e-mail key from ASCII lower case to NFKC case folding, which
// SQL cannot compute: re-key the existing accounts in the migration's transaction. Two
// accounts that now share a key (possible only if both were created under the old rule)
// keep their old keys, so neither is locked out; the log names them.
void rekey_emails(soci::session& sql) {
  std::vector<std::pair<std::string, std::string>> users;  // id, email
  {
    std::string id, email;
    soci::statement st = (sql.prepare << "SELECT id, email FROM users WHERE email_lower NOT LIKE 'removed:%'"
                                         " ORDER BY created_at, id",
                          soci::into(id), soci::into(email));
    st.execute();
    while (st.fetch()) users.emplace_back(id, email);
  }
  std::vector<std::string> keys;
  for (const auto& [id, email] : users) keys.push_back(rf::email_key(email));
  std::map<std::string, int> uses;
  for (const auto& k : keys) ++uses[k];
  for (std::size_t i = 0; i < users.size(); ++i) {
    if (uses[keys[i]] > 1) {
      spdlog::warn("accounts {} and others share the e-mail key '{}'; they keep their previous keys", users[i].first,
                   keys[i]);
      continue;
    }
    sql << "UPDATE users SET email_lower = :k WHERE id = :id", soci::use(keys[i]), soci::use(users[i].first);
  }
}

}  // namespace

database::database(const std::string& url, std::size_t pool_size) : pool_size_(pool_size) {
  if (url.starts_with("sqlite:")) {
    kind_ = dialect::sqlite;
    const std::filesystem::path path = sqlite_path(url);
    if (path.empty()) throw std::invalid_argument("sqlite URL has no path: " + url);
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    kind_ = dialect::postgresql;
  } else {
    throw std::invalid_argument("unsupported database URL (use sqlite:PATH or postgresql://...): " + url);
  }
  pool_ = std::make_unique<soci::connection_pool>(pool_size);
  for (std::size_t i = 0; i != pool_size; ++i) {
    soci::session& s = pool_->at(i);
    if (kind_ == dialect::sqlite) {
      // The busy timeout lets concurrent writers queue instead of failing at once.
      s.open(*soci::factory_sqlite3(), "db=\"" + sqlite_path(url) + "\" timeout=10");
      auto* backend = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
      sqlite3_busy_handler(backend->conn_, &busy_retry, nullptr);
      sqlite3_create_function_v2(backend->conn_, "rf_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                 &sqlite_fold, nullptr, nullptr, nullptr);
      s << "PRAGMA journal_mode=WAL";
      s << "PRAGMA synchronous=NORMAL";
      s << "PRAGMA foreign_keys=ON";
      // Keep the WAL from growing without bound under constant read traffic.
      s << "PRAGMA journal_size_limit=67108864";
    } else {
      s.open(*soci::factory_postgresql(), pg_conninfo(url));
      s << "SET client_min_messages TO WARNING";
    }
  }
}

int database::migrate() {
  soci::session sql(*pool_);
  const auto& all = migrations(kind_);
  // Replicas starting together against one PostgreSQL database must migrate one at a
  // time: a session-level advisory lock serialises them (SQLite's BEGIN IMMEDIATE does
  // the same per transaction there).
  struct advisory_lock {
    soci::session* sql = nullptr;
    ~advisory_lock() {
      if (!sql) return;
      try {
        *sql << "SELECT pg_advisory_unlock(7207050101)";
      } catch (...) {
        // Closing the connection releases it as well.
      }
    }
  } lock;
  if (kind_ == dialect::postgresql) {
    sql << "SELECT pg_advisory_lock(7207050101)";
    lock.sql = &sql;
  }
  sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at "
         "BIGINT NOT NULL)";
  int applied = 0;
  for (const auto& m : all) {
    transaction tx(sql, kind_);
    long long found = 0;
    long long version = m.version;
    sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version), soci::into(found);
    if (found) continue;
    for (const auto& stmt : split_statements(m.sql)) sql << stmt;
    if (m.version == 2) rekey_emails(sql);
    const long long now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    std::string name(m.name);
    sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)", soci::use(version),
        soci::use(name), soci::use(now);
    tx.commit();
    spdlog::info("applied migration {:04d} {}", m.version, m.name);
    ++applied;
  }
  return applied;
}

namespace {

// Until this steady-clock instant (ms), leases check their connection before use: set
// whenever a connection was found broken, so the check (a round trip on PostgreSQL) costs
// nothing in normal operation and heals stale connections quickly after an outage.
std::atomic<long long> suspect_until{0};

long long steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool outage_suspected() { return steady_ms() < suspect_until.load(std::memory_order_relaxed); }

}  // namespace

lease::lease(soci::connection_pool& pool) : soci::session(pool) {
  // SOCI's leased session keeps a copy of its pooled connection's backend pointer, taken
  // here. A reopening (ours, or recover() on an earlier lease) replaces that backend, and
  // a failed one leaves none, so a lease must never go on using a connection it reopened:
  // after any reopening it reports the outage (is_connection_error knows the message; the
  // request answers 503), and the next lease of this connection starts fresh.
  if (!get_backend()) {
    try {
      reconnect();
    } catch (...) {
    }
    throw soci::soci_error("Session is not connected.");
  }
  if (!outage_suspected()) return;
  if (!is_connected()) {
    try {
      reconnect();
    } catch (...) {
    }
    throw soci::soci_error("Session is not connected.");
  }
}

void recover(lease& sql) {
  try {
    sql << "SELECT 1";
  } catch (...) {
    suspect_until.store(steady_ms() + 60'000, std::memory_order_relaxed);
    try {
      sql.reconnect();
      spdlog::warn("database connection was broken; reconnected");
    } catch (const std::exception& e) {
      // Still down: the next request that leases this connection tries again.
      spdlog::warn("database connection is broken and could not be reopened yet: {}", e.what());
    } catch (...) {
    }
  }
}

namespace {

// Open transactions per connection on this thread. A leased connection is used by one
// thread at a time (one request, or one scheduler tick), so a thread-local count is exact.
thread_local std::vector<std::pair<const soci::session*, int>> open_transactions;

int& depth_of(const soci::session& sql) {
  for (auto& [s, d] : open_transactions)
    if (s == &sql) return d;
  return open_transactions.emplace_back(&sql, 0).second;
}

void forget_if_closed(const soci::session& sql) {
  std::erase_if(open_transactions, [&](const auto& e) { return e.first == &sql && e.second == 0; });
}

}  // namespace

transaction::transaction(soci::session& sql, dialect d) : sql_(sql) {
  int& depth = depth_of(sql);
  if (depth == 0) {
    sql_ << (d == dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  } else {
    sql_ << "SAVEPOINT rf_" + std::to_string(depth);
  }
  depth_ = depth++;
}

transaction::transaction(soci::session& sql) : transaction(sql, dialect_of(sql)) {}

transaction::~transaction() {
  if (!open_) return;
  try {
    if (depth_ == 0) {
      sql_ << "ROLLBACK";
    } else {
      const std::string sp = "rf_" + std::to_string(depth_);
      sql_ << "ROLLBACK TO SAVEPOINT " + sp;
      sql_ << "RELEASE SAVEPOINT " + sp;
    }
  } catch (...) {
    // The connection may be gone; there is nothing left to roll back then.
  }
  depth_of(sql_) = depth_;
  forget_if_closed(sql_);
}

void transaction::commit() {
  if (depth_ == 0) {
    sql_ << "COMMIT";
  } else {
    sql_ << "RELEASE SAVEPOINT rf_" + std::to_string(depth_);
  }
  open_ = false;
  depth_of(sql_) = depth_;
  forget_if_closed(sql_);
}

bool lock_row(soci::session& sql, const char* table, const std::string& id) {
  std::string found;
  const bool pg = dialect_of(sql) == dialect::postgresql;
  sql << std::string("SELECT id FROM ") + table + " WHERE id = :id" + (pg ? " FOR UPDATE" : ""), soci::use(id),
      soci::into(found);
  return sql.got_data();
}

dialect dialect_of(soci::session& sql) {
  return sql.get_backend_name() == "sqlite3" ? dialect::sqlite : dialect::postgresql;
}

bool is_unique_violation(const soci::soci_error& e) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate() == "23505";
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) return lite->result() == 19;  // SQLITE_CONSTRAINT
  return false;
}

bool is_foreign_key_violation(const soci::soci_error& e) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate() == "23503";
  if (auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e))
    return lite->result() == 19 && std::string_view(e.what()).find("FOREIGN KEY") != std::string_view::npos;
  return false;
}

bool is_connection_error(const soci::soci_error& e) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const auto state = pg->sqlstate();
    return state.starts_with("08") || state.starts_with("57P") || state.empty();
  }
  if (e.get_error_category() == soci::soci_error::connection_error) return true;
  // SOCI reports a session whose reopening failed only by this message.
  const std::string_view what = e.what();
  return what.find("Session is not connected") != std::string_view::npos ||
         what.find("Cannot establish connection") != std::string_view::npos;
}

}  // namespace rf::store
