#include "s3/xml/xml_bucket.h"

#include <sstream>

#include <climits>
#include <ranges>

#include <pugixml.hpp>

#include "s3/xml/xml_escape.h"
#include "s3/xml/xml_reply.h"

namespace s3prune::s3 {
namespace {

constexpr const char* kVersioningRoot = "VersioningConfiguration";
constexpr const char* kLifecycleRoot = "LifecycleConfiguration";
constexpr std::string_view kNamespace = R"( xmlns="http://s3.amazonaws.com/doc/2006-03-01/")";

void AppendDaysElement(std::string& out, std::string_view parent, std::string_view child,
                       int days) {
  out.append("<").append(parent).append(">");
  AppendXmlElement(out, child, std::to_string(days));
  out.append("</").append(parent).append(">");
}

void AppendRule(std::string& out, const LifecycleRule& rule) {
  out += "<Rule>";
  if (!rule.id.empty()) AppendXmlElement(out, "ID", rule.id);
  // An empty <Prefix> in a <Filter> is S3's way of saying "the whole bucket".
  out += "<Filter>";
  AppendXmlElement(out, "Prefix", rule.prefix);
  out += "</Filter>";
  AppendXmlElement(out, "Status", rule.enabled ? "Enabled" : "Disabled");
  if (rule.expiration_days || rule.expired_object_delete_marker) {
    out += "<Expiration>";
    if (rule.expiration_days) AppendXmlElement(out, "Days", std::to_string(*rule.expiration_days));
    if (rule.expired_object_delete_marker) {
      AppendXmlElement(out, "ExpiredObjectDeleteMarker", "true");
    }
    out += "</Expiration>";
  }
  if (rule.noncurrent_version_expiration_days) {
    AppendDaysElement(out, "NoncurrentVersionExpiration", "NoncurrentDays",
                      *rule.noncurrent_version_expiration_days);
  }
  if (rule.abort_incomplete_multipart_days) {
    AppendDaysElement(out, "AbortIncompleteMultipartUpload", "DaysAfterInitiation",
                      *rule.abort_incomplete_multipart_days);
  }
  out += "</Rule>";
}

// Element children only: text between them is layout.
auto Elements(pugi::xml_node node) {
  return node.children() |
         std::views::filter([](pugi::xml_node n) { return n.type() == pugi::node_element; });
}

// Reading one <Rule>: modelled elements fill the rule, every other element is recorded in
// unsupported_elements by its path, and the first unreadable value becomes `problem`.
class RuleReader {
 public:
  explicit RuleReader(LifecycleRule& rule) : rule_(rule) {}

  void Read(pugi::xml_node node) {
    EntryReader reader(node);
    const std::string status = reader.Text("Status");
    if (!reader.problem() && status != "Enabled" && status != "Disabled") {
      problem_ = "<Status> is neither Enabled nor Disabled: '" + status + "'";
    }
    rule_.enabled = status == "Enabled";
    Note(reader);
    for (const pugi::xml_node child : Elements(node)) {
      const std::string_view name = child.name();
      if (name == "ID") {
        rule_.id = reader.OptionalText("ID");
      } else if (name == "Prefix") {
        rule_.prefix = reader.OptionalText("Prefix");
      } else if (name == "Filter") {
        ReadFilter(child, "Filter/");
      } else if (name == "Expiration") {
        ReadExpiration(child);
      } else if (name == "NoncurrentVersionExpiration") {
        rule_.noncurrent_version_expiration_days = ReadDaysOnly(child, "NoncurrentDays");
      } else if (name == "AbortIncompleteMultipartUpload") {
        rule_.abort_incomplete_multipart_days = ReadDaysOnly(child, "DaysAfterInitiation");
      } else if (name != "Status") {
        Unsupported("", child);
      }
    }
  }

  const std::optional<std::string>& problem() const { return problem_; }

 private:
  void ReadFilter(pugi::xml_node filter, const std::string& path) {
    for (const pugi::xml_node child : Elements(filter)) {
      const std::string_view name = child.name();
      if (name == "Prefix") {
        rule_.prefix = ChildText(filter, "Prefix").value_or("");
      } else if (name == "And" && path == "Filter/") {
        ReadFilter(child, "Filter/And/");
      } else {
        Unsupported(path, child);
      }
    }
  }

  void ReadExpiration(pugi::xml_node expiration) {
    for (const pugi::xml_node child : Elements(expiration)) {
      const std::string_view name = child.name();
      if (name == "Days") {
        rule_.expiration_days = ReadDays(expiration, "Days");
      } else if (name == "ExpiredObjectDeleteMarker") {
        EntryReader reader(expiration);
        rule_.expired_object_delete_marker = reader.Bool("ExpiredObjectDeleteMarker");
        Note(reader);
      } else {
        Unsupported("Expiration/", child);
      }
    }
  }

  // For an element whose only modelled child is the days count: any sibling of it
  // (e.g. NewerNoncurrentVersions) is unsupported.
  std::optional<int> ReadDaysOnly(pugi::xml_node parent, const char* name) {
    for (const pugi::xml_node child : Elements(parent)) {
      if (std::string_view(child.name()) != name) {
        Unsupported(std::string(parent.name()) + "/", child);
      }
    }
    return ReadDays(parent, name);
  }

  // nullopt, and a problem, when the count is absent or not a number of days.
  std::optional<int> ReadDays(pugi::xml_node parent, const char* name) {
    EntryReader reader(parent);
    const std::uint64_t days = reader.Uint(name);
    Note(reader);
    if (reader.problem()) return std::nullopt;
    if (days > INT_MAX) {
      problem_ = problem_.value_or(std::string("<") + name + "> is too large");
      return std::nullopt;
    }
    return static_cast<int>(days);
  }

  void Unsupported(const std::string& path, pugi::xml_node element) {
    rule_.unsupported_elements.push_back(path + element.name());
  }

  void Note(const EntryReader& reader) {
    if (!problem_ && reader.problem()) problem_ = reader.problem();
  }

  LifecycleRule& rule_;
  std::optional<std::string> problem_;
};

// The <Rule> element's bytes in the reply, or nullopt when they cannot be told apart (then
// the reply is refused rather than a rule rewritten wrongly). Printing the parsed node would
// not do: a raw CR or TAB in a prefix, written unescaped, is read back as something else (XML
// end-of-line handling), which would change what the rule matches. The bytes run from the
// rule's '<' to the last "</Rule>" before the next rule (or the end of the document), and
// must read back as the same rule.
std::optional<std::string> SourceOf(std::string_view xml, pugi::xml_node rule, const LifecycleRule& parsed) {
  std::ptrdiff_t start = rule.offset_debug();  // pugixml points at the name, after '<'
  if (start <= 0 || static_cast<std::size_t>(start) > xml.size() || xml[start - 1] != '<') return std::nullopt;
  --start;
  std::size_t limit = xml.size();
  if (const pugi::xml_node next = rule.next_sibling(); next && next.offset_debug() > start) {
    limit = static_cast<std::size_t>(next.offset_debug());
  }
  const std::size_t end = xml.substr(0, limit).rfind("</Rule>");
  if (end == std::string_view::npos || end < static_cast<std::size_t>(start)) return std::nullopt;
  std::string source{xml.substr(start, end + 7 - start)};
  pugi::xml_document alone;
  const auto node = ParseReply(alone, source, "Rule");
  if (!node) return std::nullopt;
  LifecycleRule reread;
  RuleReader reader(reread);
  reader.Read(*node);
  if (reader.problem() || reread != parsed) return std::nullopt;
  return source;
}

}  // namespace

Result<VersioningStatus> ParseVersioningConfiguration(std::string_view xml) {
  pugi::xml_document document;
  const auto root = ParseReply(document, xml, kVersioningRoot);
  if (!root) return std::unexpected(root.error());
  const std::string status = ChildText(*root, "Status").value_or("");
  if (status.empty()) return VersioningStatus::kNeverEnabled;
  if (status == "Enabled") return VersioningStatus::kEnabled;
  if (status == "Suspended") return VersioningStatus::kSuspended;
  return std::unexpected(MalformedReply(kVersioningRoot, "unknown <Status> '" + status + "'"));
}

std::string BuildVersioningConfiguration(VersioningStatus status) {
  std::string body = std::string("<") + kVersioningRoot + std::string(kNamespace) + ">";
  if (status == VersioningStatus::kEnabled) body += "<Status>Enabled</Status>";
  if (status == VersioningStatus::kSuspended) body += "<Status>Suspended</Status>";
  body += std::string("</") + kVersioningRoot + ">";
  return body;
}

std::string BuildLifecycleConfiguration(const LifecycleConfiguration& configuration) {
  std::string body = std::string("<") + kLifecycleRoot + std::string(kNamespace) + ">";
  for (const LifecycleRule& rule : configuration.rules) {
    if (rule.source_xml.empty()) AppendRule(body, rule);
    else body += rule.source_xml;
  }
  body += std::string("</") + kLifecycleRoot + ">";
  return body;
}

Result<LifecycleConfiguration> ParseLifecycleConfiguration(std::string_view xml) {
  pugi::xml_document document;
  const auto root = ParseReply(document, xml, kLifecycleRoot);
  if (!root) return std::unexpected(root.error());
  LifecycleConfiguration configuration;
  std::size_t index = 0;
  for (const pugi::xml_node node : root->children("Rule")) {
    ++index;
    LifecycleRule rule;
    RuleReader reader(rule);
    reader.Read(node);
    if (reader.problem()) {
      return std::unexpected(MalformedReply(
          kLifecycleRoot, "<Rule> #" + std::to_string(index) + ": " + *reader.problem()));
    }
    auto source = SourceOf(xml, node, rule);
    if (!source) {
      return std::unexpected(MalformedReply(kLifecycleRoot, "<Rule> #" + std::to_string(index) +
                                                                " cannot be kept exactly as the bucket has it"));
    }
    rule.source_xml = std::move(*source);
    configuration.rules.push_back(std::move(rule));
  }
  return configuration;
}

}  // namespace s3prune::s3
