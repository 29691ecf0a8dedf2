#include "prune/delete_recheck.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "prune/key_layout.h"

namespace s3prune::prune {
namespace {

// A key just before `key` in S3's (bytewise) order: `key` without its last UTF-8 character,
// so the listing starts at or a little before `key` and never past it, and the marker stays
// valid UTF-8.
std::string JustBefore(std::string_view key) {
  std::size_t end = key.size();
  while (end > 0 && (static_cast<unsigned char>(key[end - 1]) & 0xC0) == 0x80) --end;  // continuation bytes
  if (end > 0) --end;  // the character's first byte
  return std::string(key.substr(0, end));
}

// Where a deployment's keys end: its prefix with the final "/" raised to the next byte, "0".
std::string EndOfDeployment(std::string_view prefix, std::string_view id) {
  std::string end = DeploymentPrefix(prefix, id);
  end.back() = static_cast<char>('/' + 1);
  return end;
}

}  // namespace

Recheck ClassifyByListing(std::span<const DoomedObject> objects, ListingMode mode,
                          const std::vector<ListedEntry>& listed) {
  std::set<std::pair<std::string_view, std::string_view>> present;
  for (const auto& entry : listed) {
    present.emplace(entry.key, mode == ListingMode::kAllVersions ? std::string_view(entry.version_id) : "");
  }
  Recheck recheck;
  for (const auto& doomed : objects) {
    const std::string_view version = mode == ListingMode::kAllVersions ? std::string_view(doomed.object.version_id) : "";
    (present.contains({doomed.object.key, version}) ? recheck.still_there : recheck.gone).push_back(doomed);
  }
  return recheck;
}

s3::Result<Recheck> LookAgain(s3::S3Client& client, const RangeListing& listing, const std::vector<std::string>& ids,
                              std::span<const DoomedObject> objects) {
  // Each deployment's part of a batch is a run of its keys in listing order: listing from
  // just before its first key to its last reads little more than the batch itself.
  std::map<std::size_t, std::vector<DoomedObject>> by_deployment;
  for (const auto& doomed : objects) by_deployment[doomed.deployment].push_back(doomed);
  Recheck recheck;
  for (const auto& [deployment, part] : by_deployment) {
    const auto [first, last] = std::ranges::minmax_element(
        part, [](const DoomedObject& a, const DoomedObject& b) { return a.object.key < b.object.key; });
    const std::string last_key = last->object.key;
    const KeyRange range{JustBefore(first->object.key), EndOfDeployment(listing.prefix, ids[deployment]),
                         {ids[deployment]}};
    std::vector<ListedEntry> listed;
    auto walked = ListRange(client, listing, range, [&](std::vector<ListedEntry>&& entries) {
      bool past_last = false;
      for (auto& entry : entries) {
        past_last |= entry.key > last_key;
        listed.push_back(std::move(entry));
      }
      return past_last ? s3::PageControl::kStop : s3::PageControl::kContinue;
    });
    if (!walked) return std::unexpected(walked.error());
    auto classified = ClassifyByListing(part, listing.mode, listed);
    std::ranges::move(classified.gone, std::back_inserter(recheck.gone));
    std::ranges::move(classified.still_there, std::back_inserter(recheck.still_there));
  }
  return recheck;
}

}  // namespace s3prune::prune
