#include "s3/xml_upload.h"

#include <pugixml.hpp>

namespace s3prune::s3 {

Result<std::string> ParseInitiateMultipartUpload(std::string_view xml) {
  pugi::xml_document document;
  if (!document.load_buffer(xml.data(), xml.size())) {
    return std::unexpected(MakeError(ErrorCode::kMalformedReply, "CreateMultipartUpload reply is not XML"));
  }
  const std::string upload_id = document.child("InitiateMultipartUploadResult").child_value("UploadId");
  if (upload_id.empty()) {
    return std::unexpected(MakeError(ErrorCode::kMalformedReply, "CreateMultipartUpload reply has no UploadId"));
  }
  return upload_id;
}

}  // namespace s3prune::s3
