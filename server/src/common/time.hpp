#pragma once
// Instants are UTC milliseconds since the epoch everywhere below the HTTP layer: that is
// how both databases store them (BIGINT), so there is one representation to get right.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rf {

using millis = std::int64_t;

// The clock is injected so that tests can drive time (the scheduler especially).
class clock {
 public:
  virtual ~clock() = default;
  virtual millis now_ms() const = 0;
};

class system_clock final : public clock {
 public:
  millis now_ms() const override;
};

// The system clock shifted by a fixed offset. For tests that must move a whole process
// through time (the scheduler's replica suite); production runs with offset 0.
class offset_clock final : public clock {
 public:
  explicit offset_clock(millis offset) : offset_(offset) {}
  millis now_ms() const override { return base_.now_ms() + offset_; }

 private:
  system_clock base_;
  millis offset_;
};

// "2026-11-27T10:56:30.123Z".
std::string format_instant(millis ms);
// RFC 3339 with `Z` or a numeric offset, optional fraction (milliseconds; further digits
// are truncated); nullopt when malformed. It is cron/rfc3339.cpp's parser, the only one.
std::optional<millis> parse_instant(std::string_view text);

}  // namespace rf
