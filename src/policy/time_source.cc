#include "policy/time_source.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>

#include "util/text.h"

namespace s3prune::policy {
namespace {

using Kind = PatternPart::Kind;
using std::chrono::seconds;

constexpr std::string_view kForms =
    "objects, id:PATTERN, order:natural, object:NAME or meta:KEY[@NAME]";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<Kind> FieldOf(char letter) {
  switch (letter) {
    case 'Y': return Kind::kYear;
    case 'm': return Kind::kMonth;
    case 'd': return Kind::kDay;
    case 'H': return Kind::kHour;
    case 'M': return Kind::kMinute;
    case 'S': return Kind::kSecond;
    case 's': return Kind::kEpochSeconds;
    case 'z': return Kind::kOffset;
    default: return std::nullopt;
  }
}

char LetterOf(Kind kind) {
  constexpr std::pair<Kind, char> kLetters[] = {{Kind::kYear, 'Y'},   {Kind::kMonth, 'm'},  {Kind::kDay, 'd'},
                                                {Kind::kHour, 'H'},   {Kind::kMinute, 'M'}, {Kind::kSecond, 'S'},
                                                {Kind::kEpochSeconds, 's'}, {Kind::kOffset, 'z'}};
  for (const auto& [k, letter] : kLetters) {
    if (k == kind) return letter;
  }
  return '?';
}

std::expected<std::vector<PatternPart>, std::string> CompilePattern(std::string_view pattern) {
  const std::string where = "--time-from id:" + std::string(pattern) + ": ";
  std::vector<PatternPart> parts;
  auto literal = [&parts](char c) {
    if (parts.empty() || parts.back().kind != Kind::kLiteral) parts.push_back({Kind::kLiteral, ""});
    parts.back().literal += c;
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '*') {
      if (parts.empty() || parts.back().kind != Kind::kAnyText) parts.push_back({.kind = Kind::kAnyText});
      continue;
    }
    if (pattern[i] != '%') {
      literal(pattern[i]);
      continue;
    }
    if (++i == pattern.size()) return std::unexpected(where + "ends in a lone '%' (write %% for a '%')");
    if (pattern[i] == '%') {
      literal('%');
      continue;
    }
    const auto field = FieldOf(pattern[i]);
    if (!field) {
      return std::unexpected(where + "unknown field %" + std::string(1, pattern[i]) +
                             " (fields: %Y %m %d %H %M %S %s %z, and * for any text)");
    }
    if (std::ranges::any_of(parts, [&](const PatternPart& p) { return p.kind == *field; })) {
      return std::unexpected(where + "%" + std::string(1, pattern[i]) + " appears twice");
    }
    parts.push_back({.kind = *field});
  }
  auto has = [&parts](Kind kind) { return std::ranges::any_of(parts, [kind](const PatternPart& p) { return p.kind == kind; }); };
  if (has(Kind::kEpochSeconds)) {
    if (std::ranges::any_of(parts, [](const PatternPart& p) {
          return p.kind != Kind::kEpochSeconds && p.kind != Kind::kLiteral && p.kind != Kind::kAnyText;
        })) {
      return std::unexpected(where + "%s (epoch seconds) is a whole time: it takes no other field");
    }
  } else if (!has(Kind::kYear) || !has(Kind::kMonth) || !has(Kind::kDay)) {
    return std::unexpected(where + "needs %Y, %m and %d (or %s for epoch seconds)");
  }
  // Two fields with nothing between them and no fixed width could split a run of digits in
  // more than one way; %s is the only field without a fixed width, and it stands alone.
  return parts;
}

// Field values while matching; -1 for a field the pattern does not have.
struct Fields {
  int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0;
  long long epoch = -1;
  int offset_minutes = 0;
};

// Reads exactly `width` digits at `at`.
std::optional<int> Digits(std::string_view text, std::size_t at, std::size_t width) {
  if (at + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + width; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Z, +HHMM or +HH:MM (or '-'); the characters used, or 0 when there is none.
std::size_t ReadOffset(std::string_view text, std::size_t at, int& minutes) {
  if (at < text.size() && text[at] == 'Z') {
    minutes = 0;
    return 1;
  }
  if (at >= text.size() || (text[at] != '+' && text[at] != '-')) return 0;
  const int sign = text[at] == '-' ? -1 : 1;
  const auto hours = Digits(text, at + 1, 2);
  if (!hours) return 0;
  const bool colon = at + 3 < text.size() && text[at + 3] == ':';
  const auto mins = Digits(text, at + (colon ? 4 : 3), 2);
  if (!mins || *hours > 23 || *mins > 59) return 0;
  minutes = sign * (*hours * 60 + *mins);
  return colon ? 6 : 5;
}

// Matches a compiled pattern against a whole text, backtracking over '*' and %s. Whether a
// suffix matches does not depend on the fields read before it, so a (part, at) that failed
// once is remembered: "*a*a*a*b" against a long id stays polynomial, never exponential.
class Matcher {
 public:
  Matcher(const std::vector<PatternPart>& parts, std::string_view text)
      : parts_(parts), text_(text), failed_((parts.size() + 1) * (text.size() + 1), false) {}

  // The fields of the match, or nullopt when the whole text does not match.
  std::optional<Fields> Run() {
    if (!Match(0, 0)) return std::nullopt;
    return fields_;
  }

 private:
  bool Match(std::size_t part, std::size_t at) {
    const std::size_t slot = part * (text_.size() + 1) + at;
    if (failed_[slot]) return false;
    const bool matched = MatchOnce(part, at);
    if (!matched) failed_[slot] = true;
    return matched;
  }

  bool Number(std::size_t part, std::size_t at, std::size_t width, int& out) {
    const auto value = Digits(text_, at, width);
    if (!value) return false;
    out = *value;
    return Match(part + 1, at + width);
  }

  bool MatchOnce(std::size_t part, std::size_t at) {
    if (part == parts_.size()) return at == text_.size();
    const PatternPart& p = parts_[part];
    switch (p.kind) {
      case Kind::kLiteral:
        return text_.substr(at).starts_with(p.literal) && Match(part + 1, at + p.literal.size());
      case Kind::kAnyText:
        for (std::size_t end = at; end <= text_.size(); ++end) {
          if (Match(part + 1, end)) return true;
        }
        return false;
      case Kind::kYear: return Number(part, at, 4, fields_.year);
      case Kind::kMonth: return Number(part, at, 2, fields_.month);
      case Kind::kDay: return Number(part, at, 2, fields_.day);
      case Kind::kHour: return Number(part, at, 2, fields_.hour);
      case Kind::kMinute: return Number(part, at, 2, fields_.minute);
      case Kind::kSecond: return Number(part, at, 2, fields_.second);
      case Kind::kEpochSeconds: {
        // Longest run first: "1733529600-2" with "%s-*" reads 1733529600, not 1.
        std::size_t end = at;
        while (end < text_.size() && end - at < 12 && IsDigit(text_[end])) ++end;
        for (; end > at; --end) {
          fields_.epoch = std::stoll(std::string(text_.substr(at, end - at)));
          if (Match(part + 1, end)) return true;
        }
        return false;
      }
      case Kind::kOffset: {
        const std::size_t used = ReadOffset(text_, at, fields_.offset_minutes);
        return used > 0 && Match(part + 1, at + used);
      }
    }
    return false;
  }

  const std::vector<PatternPart>& parts_;
  std::string_view text_;
  std::vector<bool> failed_;
  Fields fields_;
};

std::string TwoDigits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

// The instant the fields name, or why they name none.
std::expected<Timestamp, std::string> InstantOf(const Fields& f) {
  if (f.epoch >= 0) return Timestamp{seconds{f.epoch}};
  const std::chrono::year_month_day date{std::chrono::year{f.year}, std::chrono::month(static_cast<unsigned>(f.month)),
                                         std::chrono::day(static_cast<unsigned>(f.day))};
  if (!date.ok()) {
    return std::unexpected("there is no date " + std::to_string(f.year) + "-" + TwoDigits(f.month) + "-" +
                           TwoDigits(f.day));
  }
  if (f.hour > 23 || f.minute > 59 || f.second > 59) {
    return std::unexpected("there is no time " + TwoDigits(f.hour) + ":" + TwoDigits(f.minute) + ":" +
                           TwoDigits(f.second));
  }
  const auto local = std::chrono::sys_days{date} + std::chrono::hours{f.hour} + std::chrono::minutes{f.minute} +
                     seconds{f.second};
  return Timestamp{local - std::chrono::minutes{f.offset_minutes}};
}

}  // namespace

std::expected<TimeSource, std::string> ParseTimeSource(std::string_view text) {
  if (text == "objects") return TimeSource{};
  if (text == "order:natural") return TimeSource{.from = TimeFrom::kNaturalOrder};
  const auto colon = text.find(':');
  const std::string_view kind = text.substr(0, colon == std::string_view::npos ? text.size() : colon);
  const std::string_view argument = colon == std::string_view::npos ? "" : text.substr(colon + 1);
  if (colon != std::string_view::npos && argument.empty()) {
    return std::unexpected("--time-from " + std::string(kind) + ": needs a value after the ':'");
  }
  if (kind == "id" && !argument.empty()) {
    auto pattern = CompilePattern(argument);
    if (!pattern) return std::unexpected(pattern.error());
    return TimeSource{TimeFrom::kIdPattern, std::string(argument), "", std::move(*pattern)};
  }
  auto check_name = [](std::string_view name) -> std::expected<void, std::string> {
    if (name.starts_with('/') || name.ends_with('/') || name.find("//") != std::string_view::npos) {
      return std::unexpected("--time-from: the marker '" + std::string(name) +
                             "' must be a key under the deployment, without a leading or trailing '/'");
    }
    return {};
  };
  if (kind == "object" && !argument.empty()) {
    if (auto ok = check_name(argument); !ok) return std::unexpected(ok.error());
    return TimeSource{TimeFrom::kMarkerObject, std::string(argument), std::string(argument), {}};
  }
  if (kind == "meta" && !argument.empty()) {
    const auto at = argument.find('@');
    const std::string key = util::ToLower(argument.substr(0, at));
    const std::string_view marker = at == std::string_view::npos ? kMetaMarkerName : argument.substr(at + 1);
    const bool key_ok = !key.empty() && std::ranges::all_of(key, [](char c) {
      return IsDigit(c) || (c >= 'a' && c <= 'z') || c == '-' || c == '_' || c == '.';
    });
    if (!key_ok) {
      return std::unexpected("--time-from meta:" + std::string(argument) +
                             ": KEY must be a metadata name (letters, digits, '-', '_', '.'), as in x-amz-meta-KEY");
    }
    if (marker.empty()) return std::unexpected("--time-from meta:" + std::string(argument) + ": no marker after '@'");
    if (auto ok = check_name(marker); !ok) return std::unexpected(ok.error());
    return TimeSource{TimeFrom::kMarkerMeta, key, std::string(marker), {}};
  }
  return std::unexpected("--time-from must be " + std::string(kForms) + ", not '" + std::string(text) + "'");
}

std::string FormatTimeSource(const TimeSource& source) {
  switch (source.from) {
    case TimeFrom::kObjects: return "objects";
    case TimeFrom::kIdPattern: return "id:" + source.argument;
    case TimeFrom::kNaturalOrder: return "order:natural";
    case TimeFrom::kMarkerObject: return "object:" + source.marker;
    case TimeFrom::kMarkerMeta:
      return "meta:" + source.argument + (source.marker == kMetaMarkerName ? "" : "@" + source.marker);
  }
  return "objects";
}

std::expected<Timestamp, std::string> TimeInId(const std::vector<PatternPart>& pattern, std::string_view id) {
  const std::optional<Fields> fields = Matcher(pattern, id).Run();
  if (!fields) {
    std::string shape;
    for (const auto& part : pattern) {
      if (part.kind == Kind::kLiteral) {
        for (char c : part.literal) shape += c == '%' ? std::string("%%") : std::string(1, c);
      } else {
        shape += part.kind == Kind::kAnyText ? std::string("*") : std::string("%") + LetterOf(part.kind);
      }
    }
    return std::unexpected("id does not match --time-from id:" + shape);
  }
  auto instant = InstantOf(*fields);
  if (!instant) return std::unexpected("id matches the pattern, but " + instant.error());
  return instant;
}

std::strong_ordering NaturalCompare(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      std::size_t end_a = i;
      std::size_t end_b = j;
      while (end_a < a.size() && IsDigit(a[end_a])) ++end_a;
      while (end_b < b.size() && IsDigit(b[end_b])) ++end_b;
      // Leading zeros do not change a number; then the longer run is the larger number.
      std::string_view run_a = a.substr(i, end_a - i);
      std::string_view run_b = b.substr(j, end_b - j);
      while (run_a.size() > 1 && run_a.front() == '0') run_a.remove_prefix(1);
      while (run_b.size() > 1 && run_b.front() == '0') run_b.remove_prefix(1);
      if (run_a.size() != run_b.size()) return run_a.size() <=> run_b.size();
      if (const auto order = run_a <=> run_b; order != 0) return order;
      i = end_a;
      j = end_b;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) <=> static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  if (i < a.size() || j < b.size()) return (a.size() - i) <=> (b.size() - j);
  return a <=> b;
}

std::expected<Timestamp, std::string> ParseMarkerTime(std::string_view text) {
  // The first non-blank line: a marker may hold more ("deployed by ci") below its time.
  std::string_view line = util::Trim(text, util::kBlanksAndNewlines);
  line = util::Trim(line.substr(0, line.find('\n')));
  if (line.size() > 64) line = line.substr(0, 64);
  const std::string shown = "'" + std::string(line) + "'";
  if (!line.empty() && std::ranges::all_of(line, IsDigit)) {
    if (line.size() > 12) return std::unexpected("marker holds " + shown + ", too large for epoch seconds");
    return Timestamp{seconds{std::stoll(std::string(line))}};
  }
  // RFC 3339: a fraction of a second is dropped (deployments a second apart are not told apart
  // by their markers anyway), then the rest is read as a pattern with its offset.
  std::string whole(line);
  if (whole.size() > 19 && whole[19] == '.') {
    std::size_t end = 20;
    while (end < whole.size() && IsDigit(whole[end])) ++end;
    if (end > 20) whole.erase(19, end - 19);
  }
  for (std::string_view form : {"%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"}) {
    const auto pattern = CompilePattern(form);
    const std::optional<Fields> fields = Matcher(*pattern, whole).Run();
    if (!fields) continue;
    auto instant = InstantOf(*fields);
    if (!instant) return std::unexpected("marker holds " + shown + ", but " + instant.error());
    return instant;
  }
  return std::unexpected("marker holds " + shown +
                         ", which is not a time (epoch seconds, RFC 3339, or YYYY-MM-DD[ HH:MM:SS] in UTC)");
}

}  // namespace s3prune::policy
