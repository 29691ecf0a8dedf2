// The --output json documents. The schema is a contract scripts depend on: keys are only
// ever added, never renamed or removed. Times are RFC 3339 UTC. Pure.
//   ls:    {"bucket","prefix","now","deployments":[{"id","newest","oldest","age_seconds","objects","bytes",...}]}
//   plan:  {"bucket","prefix","now","policy":{...},"deployments":[{"id","action","reasons",
//           "newest","oldest","objects","bytes",...}],"excluded","warnings","summary":{...}}
//   apply: the plan document plus "result":{...}
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "report/run_report.h"

namespace s3prune::report {

nlohmann::json ListingJson(const usecase::ListingReport& report);
nlohmann::json PlanJson(const usecase::PlanReport& report);
// The document as printed: indented; bytes that are not UTF-8 (keys may hold any) become
// U+FFFD instead of throwing after a deletion, and *replaced (when given) says so.
std::string JsonText(const nlohmann::json& document, bool* replaced = nullptr);

// What --output json prints instead of a result when the run ends in an error or a refusal:
// {"error": {"code": "refused", "message": "...", "exit_code": 1}}.
nlohmann::json ErrorDocument(std::string_view code, const std::string& message, int exit_code);

nlohmann::json ApplyJson(const ApplyReport& report);
nlohmann::json StatsJson(const RunStats& stats);

}  // namespace s3prune::report
