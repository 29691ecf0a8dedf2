#include "policy/planner.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "policy/calendar.h"
#include "policy/duration.h"
#include "policy/glob.h"
#include "policy/group_by.h"

namespace s3prune::policy {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr std::string_view kNotKept = "not kept by any rule";
constexpr std::string_view kAlwaysKept = "newest deployment (always kept)";
constexpr std::string_view kAlwaysKeptOfGroup = "newest deployment of its group (always kept)";
constexpr std::string_view kResidue = "no current objects: only old versions and delete markers remain";

// For each id named in a --keep-from list, the positions of the lists that name it.
using NamedIndex = std::unordered_map<std::string_view, std::vector<std::size_t>>;

// Reasons collected while applying the rules to one deployment.
struct Reasons {
  std::vector<std::string> keep;  // the rules that keep it
  std::vector<std::string> against;  // why the count and age rules do not
};

NamedIndex IndexNamed(const std::vector<NamedDeployments>& lists) {
  NamedIndex index;
  for (std::size_t list = 0; list < lists.size(); ++list) {
    for (const std::string& id : lists[list].ids) {
      std::vector<std::size_t>& named_by = index[id];
      if (named_by.empty() || named_by.back() != list) named_by.push_back(list);
    }
  }
  return index;
}

}  // namespace

std::optional<std::string> ExclusionReason(const std::string& id, const RetentionPolicy& policy) {
  for (const NamedDeployments& list : policy.keep_named) {
    if (!list.holder_id.empty() && list.holder_id == id) return "holds the --keep-from pointer " + list.source;
  }
  for (const std::string& glob : policy.exclude_globs) {
    if (MatchesGlob(glob, id)) return "matches --exclude '" + glob + "'";
  }
  return std::nullopt;
}

namespace {

// The words for "the N most recent", of all deployments or of one group's.
std::string MostRecent(int keep_last, bool grouped) {
  const std::string of = grouped ? " of its group" : "";
  return keep_last == 1 ? "the most recent" + of : "among the " + std::to_string(keep_last) + " most recent" + of;
}

void ApplyKeepLast(int keep_last, std::size_t rank, bool grouped, Reasons& reasons) {
  const bool kept = keep_last > 0 && rank < static_cast<std::size_t>(keep_last);
  std::string text = kept ? "" : "not ";
  text += MostRecent(keep_last, grouped);
  (kept ? reasons.keep : reasons.against).push_back(std::move(text));
}

// One calendar rule's progress through a group, as restic counts it: the periods it may still
// keep, and the period whose newest deployment it kept last.
struct CalendarCounter {
  Period period = Period::kDay;
  int count = 0;
  int remaining = 0;
  std::string last{};  // PeriodLabel of the period kept last; "" before the first
};

// What the rules have seen of one group (of every deployment, without --group-by) so far.
struct GroupProgress {
  std::size_t planned = 0;  // deployments of the group before this one: its rank
  Timestamp newest{};       // the time of its newest deployment, for --keep-within-of newest
  std::vector<CalendarCounter> calendar{};
};

std::vector<CalendarCounter> CalendarCounters(const RetentionPolicy& policy) {
  const std::pair<Period, std::optional<int>> rules[] = {{Period::kHour, policy.keep_hourly},
                                                         {Period::kDay, policy.keep_daily},
                                                         {Period::kWeek, policy.keep_weekly},
                                                         {Period::kMonth, policy.keep_monthly},
                                                         {Period::kYear, policy.keep_yearly}};
  std::vector<CalendarCounter> counters;
  for (const auto& [period, count] : rules) {
    if (count && *count > 0) counters.push_back({period, *count, *count});
  }
  return counters;
}

// Deployments come most recent first, so the first one seen in a period is its newest.
void ApplyCalendar(Timestamp time, const TimeZone& zone, std::vector<CalendarCounter>& counters, Reasons& reasons) {
  for (CalendarCounter& counter : counters) {
    const std::string label = PeriodLabel(time, counter.period, zone);
    const std::string period = std::string(PeriodName(counter.period)) + " " + label;
    if (label == counter.last) {
      reasons.against.push_back("not the newest of " + period);
    } else if (counter.remaining > 0) {
      counter.last = label;
      --counter.remaining;
      reasons.keep.push_back("newest of " + period);
    } else {
      reasons.against.push_back(period + " is not among the " + std::to_string(counter.count) + " most recent " +
                                std::string(PeriodName(counter.period)) + "s with a deployment");
    }
  }
}

// --keep-within-of newest: `before_newest` is how long before its group's newest deployment
// this one is dated (never negative: the newest is the first of the group).
void ApplyKeepWithinOfNewest(const Duration& within, milliseconds before_newest, bool grouped, Reasons& reasons) {
  const std::string limit = within.text.empty() ? FormatAge(within.length) : within.text;
  const std::string newest = grouped ? "the newest deployment of its group" : "the newest deployment";
  if (before_newest < within.length) {
    reasons.keep.push_back("within " + limit + " of " + newest);
    return;
  }
  const std::string before = FormatAge(std::chrono::duration_cast<seconds>(before_newest));
  reasons.against.push_back(limit + " or more before " + newest + " (" + before + " before it)");
}

void ApplyKeepWithin(const Duration& within, milliseconds age, Reasons& reasons) {
  const std::string limit = within.text.empty() ? FormatAge(within.length) : within.text;
  if (age < within.length) {
    std::string text = "younger than " + limit;
    if (age <= -seconds{1}) {
      text += " (dated " + FormatAge(std::chrono::duration_cast<seconds>(-age)) + " in the future)";
    }
    reasons.keep.push_back(std::move(text));
    return;
  }
  const std::string age_text = FormatAge(std::chrono::duration_cast<seconds>(age));
  const std::string_view relation = age > within.length ? "older than " : "not younger than ";
  reasons.against.push_back(std::string(relation) + limit + " (age " + age_text + ")");
}

void ApplyKeepRules(const Deployment& deployment, const RetentionPolicy& policy,
                    const NamedIndex& named, Reasons& reasons) {
  for (const std::string& glob : policy.keep_globs) {
    if (MatchesGlob(glob, deployment.id)) reasons.keep.push_back("matches --keep '" + glob + "'");
  }
  if (const auto found = named.find(deployment.id); found != named.end()) {
    for (const std::size_t list : found->second) {
      reasons.keep.push_back("named in " + policy.keep_named[list].source);
    }
  }
}

// The rules that apply across a plan's deployments.
struct Rules {
  const RetentionPolicy& policy;
  const NamedIndex& named;
  bool grouped = false;  // --group-by was given
  Timestamp now{};
};

// Decides one deployment, dated `time`, after the deployments of its group that `group` has
// seen. `time` is nullopt under order:natural, which gives an order and no time: no calendar
// or age rule applies (Validate refuses them with it).
Decision Decide(Deployment deployment, std::optional<Timestamp> time, GroupProgress& group, const Rules& rules) {
  const RetentionPolicy& policy = rules.policy;
  const std::size_t rank = group.planned++;
  if (rank == 0 && time) group.newest = *time;
  Reasons reasons;
  if (policy.keep_last) ApplyKeepLast(*policy.keep_last, rank, rules.grouped, reasons);
  if (time) {
    ApplyCalendar(*time, policy.time_zone, group.calendar, reasons);
    if (policy.keep_within && policy.keep_within_of == KeepWithinOf::kNewest) {
      ApplyKeepWithinOfNewest(*policy.keep_within, group.newest - *time, rules.grouped, reasons);
    } else if (policy.keep_within) {
      ApplyKeepWithin(*policy.keep_within, rules.now - *time, reasons);
    }
  }
  ApplyKeepRules(deployment, policy, rules.named, reasons);

  Decision decision{std::move(deployment), Action::kKeep, std::move(reasons.keep)};
  if (decision.reasons.empty() && rank == 0) {
    decision.reasons.emplace_back(rules.grouped ? kAlwaysKeptOfGroup : kAlwaysKept);
  } else if (decision.reasons.empty()) {
    decision.action = Action::kDelete;
    decision.reasons.emplace_back(kNotKept);
    std::ranges::move(reasons.against, std::back_inserter(decision.reasons));
  }
  return decision;
}

// A deployment whose time cannot be read: kept, whatever the rules say, and saying why.
Decision KeepUndated(Deployment deployment, const std::string& why, const RetentionPolicy& policy,
                     const NamedIndex& named) {
  Reasons reasons;
  reasons.keep.push_back(std::string(kTimeUnknownPrefix) + why + " (kept: never deleted on a guess)");
  ApplyKeepRules(deployment, policy, named, reasons);
  return {std::move(deployment), Action::kKeep, std::move(reasons.keep)};
}

// Said when the chosen time and LastModified tell different stories: a copy, a restore or a
// late re-upload, which is what --time-from is for, or a pattern that reads the wrong digits.
std::string TimeNote(const Deployment& deployment, const RetentionPolicy& policy, const DeploymentTime& time) {
  if (policy.time_from.from == TimeFrom::kObjects || !time.time) return "";
  const Timestamp written = TimeOf(deployment, policy.age_by);
  const milliseconds apart = written > *time.time ? written - *time.time : *time.time - written;
  if (apart <= kTimesDisagreeAfter) return "";
  const std::string which = policy.age_by == AgeBy::kOldest ? "oldest" : "newest";
  return "its " + which + " object's LastModified is " + FormatAge(std::chrono::duration_cast<seconds>(apart)) +
         (written > *time.time ? " later" : " earlier") + " than its --time-from " + FormatTimeSource(policy.time_from) +
         " time";
}

struct Dated {
  Deployment deployment;
  DeploymentTime time;
};

// Most recent first by --time-from: by time, or by the ids' natural order; ties by id.
void SortDated(std::vector<Dated>& dated, const RetentionPolicy& policy) {
  const bool natural = policy.time_from.from == TimeFrom::kNaturalOrder;
  std::ranges::sort(dated, [natural](const Dated& a, const Dated& b) {
    if (natural) return NaturalCompare(a.deployment.id, b.deployment.id) > 0;
    if (*a.time.time != *b.time.time) return *a.time.time > *b.time.time;
    return a.deployment.id > b.deployment.id;
  });
}

}  // namespace

void SortMostRecentFirst(std::vector<Deployment>& deployments, AgeBy age_by) {
  std::ranges::sort(deployments, [age_by](const Deployment& a, const Deployment& b) {
    const Timestamp time_a = TimeOf(a, age_by);
    const Timestamp time_b = TimeOf(b, age_by);
    if (time_a != time_b) return time_a > time_b;
    return a.id > b.id;
  });
}

Plan MakePlan(std::vector<Deployment> deployments, const RetentionPolicy& policy, Timestamp now) {
  Plan plan;
  SortMostRecentFirst(deployments, policy.age_by);
  const NamedIndex named = IndexNamed(policy.keep_named);
  // A group_by that does not compile (Validate refuses it) groups nothing: one group.
  std::optional<GroupBy> group_by;
  if (!policy.group_by.empty()) {
    if (auto compiled = GroupBy::Compile(policy.group_by)) group_by = std::move(*compiled);
  }
  const Rules rules{policy, named, !policy.group_by.empty(), now};
  std::map<std::string, GroupProgress> groups;
  plan.decisions.reserve(deployments.size());
  std::vector<Dated> dated;
  std::vector<Dated> undated;
  for (Deployment& deployment : deployments) {
    if (auto reason = ExclusionReason(deployment.id, policy)) {
      plan.excluded.push_back({std::move(deployment.id), std::move(*reason)});
      continue;
    }
    DeploymentTime time = TimeOf(deployment, policy);
    (time.known() ? dated : undated).push_back({std::move(deployment), std::move(time)});
  }
  SortDated(dated, policy);
  const auto group_of = [&group_by](const std::string& id) { return group_by ? group_by->GroupOf(id) : std::string(); };
  for (Dated& entry : dated) {
    std::string group = group_of(entry.deployment.id);
    auto [progress, first] = groups.try_emplace(group);
    if (first) progress->second.calendar = CalendarCounters(policy);
    std::string note = TimeNote(entry.deployment, policy, entry.time);
    plan.decisions.push_back(Decide(std::move(entry.deployment), entry.time.time, progress->second, rules));
    plan.decisions.back().time_note = std::move(note);
    plan.decisions.back().group = std::move(group);
  }
  for (Dated& entry : undated) {
    std::string group = group_of(entry.deployment.id);
    plan.decisions.push_back(KeepUndated(std::move(entry.deployment), entry.time.unknown, policy, named));
    plan.decisions.back().group = std::move(group);
  }
  return plan;
}

void AddResidue(Plan& plan, std::vector<Deployment> residue, const RetentionPolicy& policy, Timestamp now) {
  SortMostRecentFirst(residue, AgeBy::kNewest);
  const NamedIndex named = IndexNamed(policy.keep_named);
  for (Deployment& deployment : residue) {
    if (auto reason = ExclusionReason(deployment.id, policy)) {
      plan.excluded.push_back({std::move(deployment.id), std::move(*reason)});
      continue;
    }
    // Residue is dated by when it was deleted (its newest delete marker), whatever --age-by.
    // A time after `now` is a clock that rounds up (OpenStack Swift lists LastModified
    // rounded up to the next second), not a deletion yet to come: it was deleted just now,
    // and --undo-window 0 (no window) still lets it go.
    const milliseconds age = std::max(now - deployment.newest, milliseconds{0});
    Reasons reasons;
    const std::string age_text = FormatAge(std::chrono::duration_cast<seconds>(age));
    const std::string window = "--undo-window " + (policy.undo_window.text.empty()
                                                       ? FormatAge(policy.undo_window.length)
                                                       : policy.undo_window.text);
    if (deployment.deletion_time == DeletionTime::kUnknown) {
      // No delete marker: only its newest write is dated, and the deletion came any time
      // after it, so the undo window cannot be shown to have passed. Only no window lets it go.
      const std::string unknown = "deleted at an unknown time (no delete marker; newest version written " + age_text + " ago)";
      if (policy.undo_window.length > milliseconds{0}) {
        reasons.keep.push_back(unknown + ", so it may be within " + window);
      } else {
        reasons.against.push_back(unknown + ", " + window);
      }
    } else if (age < policy.undo_window.length) {
      reasons.keep.push_back("deleted " + age_text + " ago, within " + window);
    } else {
      reasons.against.push_back("deleted " + age_text + " ago, older than " + window);
    }
    if (policy.keep_within) ApplyKeepWithin(*policy.keep_within, age, reasons);
    ApplyKeepRules(deployment, policy, named, reasons);
    Decision decision{std::move(deployment), Action::kKeep, std::move(reasons.keep)};
    if (decision.reasons.empty()) {
      decision.action = Action::kDelete;
      decision.reasons.emplace_back(kResidue);
      std::ranges::move(reasons.against, std::back_inserter(decision.reasons));
    }
    plan.decisions.push_back(std::move(decision));
  }
}

void CheckPointers(Plan& plan, const RetentionPolicy& policy) {
  std::unordered_set<std::string_view> ids;
  for (const Decision& decision : plan.decisions) ids.insert(decision.deployment.id);
  for (const Exclusion& exclusion : plan.excluded) ids.insert(exclusion.id);
  for (const NamedDeployments& list : policy.keep_named) {
    if (list.ids.empty()) {
      plan.pointer_problems.push_back({list.source, 0, list.source + " is empty: it names no deployment"});
    }
    for (std::size_t i = 0; i < list.ids.size(); ++i) {
      if (ids.contains(list.ids[i])) continue;
      const std::size_t line = i < list.lines.size() ? list.lines[i] : 0;
      std::string where = list.source + (line > 0 ? " line " + std::to_string(line) : std::string());
      plan.pointer_problems.push_back(
          {list.source, line, where + " names '" + list.ids[i] + "', which is not a deployment here", list.ids[i]});
    }
  }
}

std::vector<std::string> UnmatchedGlobs(const Plan& plan, const RetentionPolicy& policy) {
  std::vector<std::string> warnings;
  for (const std::string& glob : policy.keep_globs) {
    const bool matched = std::ranges::any_of(
        plan.decisions, [&](const Decision& decision) { return MatchesGlob(glob, decision.deployment.id); });
    if (!matched) warnings.push_back("--keep '" + glob + "' matches no deployment, so it keeps nothing");
  }
  for (const std::string& glob : policy.exclude_globs) {
    const bool matched =
        std::ranges::any_of(plan.excluded, [&](const Exclusion& exclusion) { return MatchesGlob(glob, exclusion.id); });
    if (!matched) warnings.push_back("--exclude '" + glob + "' matches no prefix, so it excludes nothing");
  }
  return warnings;
}

}  // namespace s3prune::policy
