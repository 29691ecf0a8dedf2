#include "s3/credentials/ini_file.h"

#include <gtest/gtest.h>

namespace s3prune::s3 {
namespace {

TEST(ParseIni, SectionsKeysCommentsAndNestedValues) {
  const IniFile file = ParseIni(
      "# comment\n"
      "[default]\n"
      "aws_access_key_id = AKID\r\n"
      "aws_secret_access_key=se=cret\n"
      "; another comment\n"
      "[profile prod]\n"
      "region = eu-west-1\n"
      "s3 =\n"
      "  addressing_style = path\n"
      "\n"
      "orphan\n");
  ASSERT_EQ(file.size(), 2u);
  EXPECT_EQ(file.at("default").at("aws_access_key_id"), "AKID");
  EXPECT_EQ(file.at("default").at("aws_secret_access_key"), "se=cret");
  EXPECT_EQ(file.at("profile prod").at("region"), "eu-west-1");
  EXPECT_EQ(file.at("profile prod").at("s3"), "");
  EXPECT_EQ(file.at("profile prod").at("s3.addressing_style"), "path");
  EXPECT_FALSE(file.at("profile prod").contains("addressing_style"));
}

TEST(ParseIni, KeysBeforeAnySectionAreIgnored) {
  EXPECT_TRUE(ParseIni("key = value\n").empty());
}

}  // namespace
}  // namespace s3prune::s3
