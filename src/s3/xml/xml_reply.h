// Reading S3 XML replies with pugixml: the parse options that keep object keys byte-exact,
// the check of the root element, and a reader for the fields of one element that remembers
// the first missing or unreadable field. Shared by the xml_* parsers; every failure is a
// kMalformedReply whose message names the reply and the field.
// Thread-safety: pure functions; an EntryReader is a short-lived local of one parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "s3/core/error.h"
#include "s3/core/model.h"

namespace s3prune::s3 {

// kMalformedReply with the message "malformed <root_name> reply: detail".
Error MalformedReply(std::string_view root_name, std::string_view detail);

// Parses `xml` into `document` and returns its root element, or kMalformedReply when the
// bytes are not XML or the root element is not `root_name`.
// REQUIRES: `document` outlives the returned node.
Result<pugi::xml_node> ParseReply(pugi::xml_document& document, std::string_view xml,
                                  const char* root_name);

// The concatenated text of the first child element `name`, or nullopt when there is none.
// Text is returned byte-exact: not trimmed, line ends not normalised.
std::optional<std::string> ChildText(pugi::xml_node parent, const char* name);

class EntryReader {
 public:
  explicit EntryReader(pugi::xml_node entry) : entry_(entry) {}

  // Required fields: a missing or unreadable one records a problem and yields a default.
  std::string Text(const char* name);  // present; may be empty
  std::string NonEmptyText(const char* name);
  std::uint64_t Uint(const char* name);
  bool Bool(const char* name);  // xs:boolean: true, false, 1, 0
  Timestamp Time(const char* name);

  // Optional fields: absent yields "" / nullopt; present but unreadable is a problem.
  std::string OptionalText(const char* name);
  std::optional<bool> OptionalBool(const char* name);
  std::optional<Timestamp> OptionalTime(const char* name);

  // The first problem, e.g. "<Size> is missing"; nullopt when every read succeeded.
  const std::optional<std::string>& problem() const { return problem_; }

 private:
  std::optional<std::string> Required(const char* name);
  void Fail(const char* name, std::string_view what, std::string_view text = {});

  pugi::xml_node entry_;
  std::optional<std::string> problem_;
};

}  // namespace s3prune::s3
