#include "api/caches.hpp"

#include <algorithm>
#include <mutex>

namespace rf::api {

std::optional<domain::user> auth_cache::find(const std::string& token_hash, millis now) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end() || it->second.valid_until <= now) return std::nullopt;
  return it->second.user;
}

void auth_cache::put(const std::string& token_hash, const domain::user& u, millis now, millis token_expires_at) {
  std::unique_lock lock(mutex_);
  if (entries_.size() >= max_) entries_.clear();  // crude but bounded; refills within seconds
  entries_[token_hash] = entry{u, std::min(now + ttl_ms_, token_expires_at)};
}

void auth_cache::erase_token(const std::string& token_hash) {
  std::unique_lock lock(mutex_);
  entries_.erase(token_hash);
}

void auth_cache::erase_user(const std::string& user_id) {
  std::unique_lock lock(mutex_);
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.user.id == user_id; });
}

std::optional<list_cache::page> list_cache::find(const std::string& key, long long version) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version) return std::nullopt;
  return it->second.value;
}

void list_cache::put(const std::string& key, long long version, page p) {
  std::unique_lock lock(mutex_);
  // Bounded in entries and in bytes; clearing is crude but the cache refills in one read.
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.value.body.size() + key.size();
    entries_.erase(it);
  }
  if (entries_.size() >= max_entries_ || bytes_ + p.body.size() + key.size() > max_bytes_) {
    entries_.clear();
    bytes_ = 0;
  }
  if (p.body.size() + key.size() > max_bytes_) return;
  bytes_ += p.body.size() + key.size();
  entries_[key] = entry{version, std::move(p)};
}

}  // namespace rf::api
