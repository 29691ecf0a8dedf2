#include "s3/xml/xml_reply.h"

#include "s3/core/timestamp.h"
#include "util/text.h"

namespace s3prune::s3 {
namespace {

// parse_eol is off so that a key holding "\r\n" is not read back as "\n": deleting the
// normalised key would "succeed" on an object that does not exist and leave the real one.
// parse_ws_pcdata_single keeps a key made only of spaces (<Key> </Key>), which the default
// options would drop as formatting whitespace.
constexpr unsigned kParseOptions =
    (pugi::parse_default & ~pugi::parse_eol) | pugi::parse_ws_pcdata_single;

// Numbers, booleans and dates are xs: types, whose surrounding whitespace is insignificant.
std::string_view Trim(std::string_view text) { return util::Trim(text, util::kBlanksAndNewlines); }

std::optional<bool> ParseBool(std::string_view text) {
  text = Trim(text);
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return std::nullopt;
}

std::optional<std::uint64_t> ParseUint(std::string_view text) {
  return util::ParseWholeNumber(Trim(text));
}

}  // namespace

Error MalformedReply(std::string_view root_name, std::string_view detail) {
  std::string message = "malformed <";
  message.append(root_name).append("> reply: ").append(detail);
  return MakeError(ErrorCode::kMalformedReply, std::move(message));
}

Result<pugi::xml_node> ParseReply(pugi::xml_document& document, std::string_view xml,
                                  const char* root_name) {
  const pugi::xml_parse_result parsed =
      document.load_buffer(xml.data(), xml.size(), kParseOptions, pugi::encoding_utf8);
  if (!parsed) {
    return std::unexpected(MalformedReply(
        root_name, std::string("not XML (") + parsed.description() + " at byte " +
                       std::to_string(parsed.offset) + ")"));
  }
  const pugi::xml_node root = document.document_element();
  // A store that does not know a sub-resource answers as for the plain bucket GET: a
  // listing (Swift's s3api for ?lifecycle). That is the store lacking the operation.
  if (std::string_view(root.name()) == "ListBucketResult" && std::string_view(root_name) != "ListBucketResult") {
    return std::unexpected(MakeError(ErrorCode::kUnsupported, "a bucket listing (<ListBucketResult>)"));
  }
  if (std::string_view(root.name()) != root_name) {
    return std::unexpected(MalformedReply(
        root_name, std::string("the root element is <") + root.name() + ">"));
  }
  return root;
}

std::optional<std::string> ChildText(pugi::xml_node parent, const char* name) {
  const pugi::xml_node child = parent.child(name);
  if (!child) return std::nullopt;
  // A value may arrive split into several text and CDATA nodes; the key is all of them.
  std::string text;
  for (const pugi::xml_node part : child.children()) {
    if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata) {
      text += part.value();
    }
  }
  return text;
}

void EntryReader::Fail(const char* name, std::string_view what, std::string_view text) {
  if (problem_) return;
  std::string problem = std::string("<") + name + "> " + std::string(what);
  if (!text.empty()) problem.append(" '").append(text).append("'");
  problem_ = std::move(problem);
}

std::optional<std::string> EntryReader::Required(const char* name) {
  auto text = ChildText(entry_, name);
  if (!text) Fail(name, "is missing");
  return text;
}

std::string EntryReader::Text(const char* name) { return Required(name).value_or(""); }

std::string EntryReader::NonEmptyText(const char* name) {
  auto text = Required(name);
  if (text && text->empty()) Fail(name, "is empty");
  return text.value_or("");
}

std::uint64_t EntryReader::Uint(const char* name) {
  const auto text = Required(name);
  if (!text) return 0;
  const auto value = ParseUint(*text);
  if (!value) Fail(name, "is not a number:", *text);
  return value.value_or(0);
}

bool EntryReader::Bool(const char* name) {
  const auto text = Required(name);
  if (!text) return false;
  const auto value = ParseBool(*text);
  if (!value) Fail(name, "is not a boolean:", *text);
  return value.value_or(false);
}

Timestamp EntryReader::Time(const char* name) {
  const auto text = Required(name);
  if (!text) return {};
  const auto value = ParseTimestamp(Trim(*text));
  if (!value) Fail(name, "is not an RFC 3339 timestamp:", *text);
  return value.value_or(Timestamp{});
}

std::optional<Timestamp> EntryReader::OptionalTime(const char* name) {
  if (!ChildText(entry_, name)) return std::nullopt;
  return Time(name);
}

std::string EntryReader::OptionalText(const char* name) {
  return ChildText(entry_, name).value_or("");
}

std::optional<bool> EntryReader::OptionalBool(const char* name) {
  const auto text = ChildText(entry_, name);
  if (!text) return std::nullopt;
  const auto value = ParseBool(*text);
  if (!value) Fail(name, "is not a boolean:", *text);
  return value;
}

}  // namespace s3prune::s3
