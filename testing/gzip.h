// A gzip member holding some text, as S3 Inventory writes its data files: test data for the
// readers of inventory reports. Test-only (the s3prune_testing library).
#pragma once

#include <string>

namespace s3prune::s3::fake {

std::string Gzip(const std::string& text);

}  // namespace s3prune::s3::fake
