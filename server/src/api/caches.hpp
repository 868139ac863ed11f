#pragma once
// In-process caches that spare the database a round trip. Each is bounded and each is
// validated by something every replica sees (a token's expiry, a team's trees_version),
// so a stale entry lives seconds at most (docs/decisions.md).

#include "common/time.hpp"
#include "domain/models.hpp"

#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace rf::api {

// Token lookups cached for a few seconds: authenticated reads then cost no database round
// trip for the token. Logout and role changes invalidate the entry in this process at once;
// other replicas see them within `ttl_ms`.
class auth_cache {
 public:
  explicit auth_cache(millis ttl_ms = 5000, std::size_t max_entries = 20'000) : ttl_ms_(ttl_ms), max_(max_entries) {}
  std::optional<domain::user> find(const std::string& token_hash, millis now) const;
  void put(const std::string& token_hash, const domain::user& u, millis now, millis token_expires_at);
  void erase_token(const std::string& token_hash);
  void erase_user(const std::string& user_id);

 private:
  struct entry {
    domain::user user;
    millis valid_until;
  };
  millis ttl_ms_;
  std::size_t max_;
  mutable std::shared_mutex mutex_;  // guards entries_
  std::unordered_map<std::string, entry> entries_;
};

// Serialised flow lists per (team, filter, page), valid while the team's trees_version
// (kept in the database, so edits on any replica count) is unchanged.
class list_cache {
 public:
  struct page {
    std::string body;  // the serialised array
    long long total;   // every match, for X-Total-Count
  };
  std::optional<page> find(const std::string& key, long long version) const;
  void put(const std::string& key, long long version, page p);

 private:
  struct entry {
    long long version;
    page value;
  };
  static constexpr std::size_t max_entries_ = 2'000;
  static constexpr std::size_t max_bytes_ = 32 * 1024 * 1024;
  mutable std::shared_mutex mutex_;  // guards entries_ and bytes_
  std::unordered_map<std::string, entry> entries_;
  std::size_t bytes_ = 0;
};

}  // namespace rf::api
