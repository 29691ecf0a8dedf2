#include "prune/delete_recheck.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace s3prune::prune {
namespace {

std::string Keys(const std::vector<DoomedObject>& objects) {
  std::string text;
  for (const auto& doomed : objects) text += "[" + doomed.object.key + "|" + doomed.object.version_id + "]";
  return text;
}

ListedEntry Listed(std::string key, std::string version_id = "", bool is_delete_marker = false) {
  ListedEntry entry;
  entry.key = std::move(key);
  entry.version_id = std::move(version_id);
  entry.is_delete_marker = is_delete_marker;
  entry.is_current = !is_delete_marker;
  return entry;
}

TEST(ClassifyByListing, WhatTheListingStillShowsIsThereTheRestIsGone) {
  struct Case {
    const char* name;
    ListingMode mode;
    std::vector<DoomedObject> sent;
    std::vector<ListedEntry> listed;
    std::string gone, still_there;
  };
  const Case cases[] = {
      {"nothing listed: the store deleted every key after the client hung up", ListingMode::kCurrentObjects,
       {{{"p/a/1", ""}}, {{"p/a/2", ""}}}, {}, "[p/a/1|][p/a/2|]", ""},
      {"a key still listed is still there", ListingMode::kCurrentObjects,
       {{{"p/a/1", ""}}, {{"p/a/2", ""}}}, {Listed("p/a/2"), Listed("p/a/3")}, "[p/a/1|]", "[p/a/2|]"},
      {"versions: gone when its version id is no longer listed, though the key has others",
       ListingMode::kAllVersions, {{{"p/a/1", "v1"}}, {{"p/a/1", "v2"}}, {{"p/a/2", "v3"}}},
       {Listed("p/a/1", "v2"), Listed("p/a/1", "v9")}, "[p/a/1|v1][p/a/2|v3]", "[p/a/1|v2]"},
      {"versions: a delete marker sent by its id is there while its id is listed", ListingMode::kAllVersions,
       {{{"p/a/1", "m1"}}}, {Listed("p/a/1", "m1", true)}, "", "[p/a/1|m1]"},
      {"versions: Swift's null version id is compared as any other", ListingMode::kAllVersions,
       {{{"p/a/1", "null"}}}, {Listed("p/a/1", "null")}, "", "[p/a/1|null]"},
  };
  for (const auto& c : cases) {
    const Recheck recheck = ClassifyByListing(c.sent, c.mode, c.listed);
    EXPECT_EQ(Keys(recheck.gone), c.gone) << c.name;
    EXPECT_EQ(Keys(recheck.still_there), c.still_there) << c.name;
  }
}

}  // namespace
}  // namespace s3prune::prune
