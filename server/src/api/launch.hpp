#pragma once
// Launching a batch by hand, shared by POST /sessions/batch and "run now" of a schedule.

#include "api/call.hpp"

#include <optional>
#include <vector>

namespace rf::api {

// Creates the batch and its sessions in one transaction, counted against the team's
// session quota (429 over it); more targets than a batch takes → 400. Answers 201 with
// the summary.
http::response launch_batch(const call& c, const domain::tree& tree, std::vector<domain::target> targets,
                            std::optional<std::string> schedule_id);

}  // namespace rf::api
