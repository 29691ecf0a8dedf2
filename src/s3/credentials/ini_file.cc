#include "s3/credentials/ini_file.h"

#include "util/text.h"

namespace s3prune::s3 {
namespace {

using util::Trim;

}  // namespace

IniFile ParseIni(std::string_view text) {
  IniFile file;
  IniSection* section = nullptr;
  std::string parent;  // the key of an empty value ("s3 ="), whose indented lines nest under it
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string_view raw = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    const bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    const std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (!indented && line.front() == '[' && line.back() == ']') {
      section = &file[std::string(Trim(line.substr(1, line.size() - 2)))];
      parent.clear();
      continue;
    }
    const auto equals = line.find('=');
    if (section == nullptr || equals == std::string_view::npos) continue;
    std::string key{Trim(line.substr(0, equals))};
    std::string value{Trim(line.substr(equals + 1))};
    if (indented) {
      if (!parent.empty()) (*section)[parent + "." + key] = std::move(value);
      continue;
    }
    parent = value.empty() ? key : "";
    (*section)[std::move(key)] = std::move(value);
  }
  return file;
}

}  // namespace s3prune::s3
