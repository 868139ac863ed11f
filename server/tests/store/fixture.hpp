#pragma once
// The store suite runs once per backend: RF_TEST_DATABASE_URL names the database
// (scripts/test.sh passes a temporary SQLite file, then a throwaway PostgreSQL database).

#include "common/ids.hpp"
#include "common/time.hpp"
#include "store/accounts.hpp"
#include "store/database.hpp"
#include "store/sessions.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace rf::testing {

class fake_clock final : public rf::clock {
 public:
  explicit fake_clock(millis t) : now_(t) {}
  millis now_ms() const override { return now_.load(); }
  void set(millis t) { now_ = t; }
  void advance(millis d) { now_ += d; }

 private:
  std::atomic<millis> now_;
};

inline store::database& shared_db() {
  static std::unique_ptr<store::database> db = [] {
    init_crypto();
    const char* env = std::getenv("RF_TEST_DATABASE_URL");
    std::string url = env ? env : "";
    if (url.empty()) {
      const auto path = std::filesystem::temp_directory_path() / ("rf-store-" + new_uuid() + ".db");
      url = "sqlite:" + path.string();
    }
    auto d = std::make_unique<store::database>(url, 4);
    d->migrate();
    return d;
  }();
  return *db;
}

// A fresh team with an admin, for tests that must not see each other's rows.
inline domain::user make_team(store::lease& sql, millis now = 1'700'000'000'000) {
  store::new_user u{"user-" + new_uuid() + "@example.com", "Test User", "not-a-real-hash"};
  return *store::create_team_with_admin(sql, "Team " + new_uuid().substr(0, 8), u, now).value;
}

// A batch in a transaction of its own, as a use case launches one: all sessions or none.
inline store::result<store::created_batch> create_batch(store::lease& sql, const store::new_batch& b, millis now) {
  store::transaction tx(sql);
  auto r = store::insert_batch(sql, b, now);
  if (r) tx.commit();
  return r;
}

}  // namespace rf::testing
