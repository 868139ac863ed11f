#pragma once
// Launching a batch by hand, shared by POST /sessions/batch and "run now" of a schedule.

#include "api/context.hpp"

#include <optional>
#include <vector>

namespace rf::api {

// Creates the batch and its sessions in one transaction, counted against the team's
// session quota (429 over it); more targets than a batch takes → 400. Answers 201 with
// the summary.
http::response launch_batch(context& ctx, store::lease& sql, const principal& who, const domain::tree& tree,
                            std::vector<domain::target> targets, std::optional<std::string> schedule_id, millis now);

}  // namespace rf::api
