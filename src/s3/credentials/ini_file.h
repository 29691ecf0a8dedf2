// The INI dialect of ~/.aws/credentials and ~/.aws/config: [section] headers, key = value
// lines, '#' and ';' comments. Nested settings (an empty value followed by indented lines,
// "s3 =\n  addressing_style = path") are stored as "s3.addressing_style". Pure.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace s3prune::s3 {

using IniSection = std::map<std::string, std::string>;
using IniFile = std::map<std::string, IniSection>;  // section name -> its keys

IniFile ParseIni(std::string_view text);

}  // namespace s3prune::s3
