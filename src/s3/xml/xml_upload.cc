#include "s3/xml/xml_upload.h"

#include "s3/xml/xml_reply.h"

namespace s3prune::s3 {

Result<std::string> ParseInitiateMultipartUpload(std::string_view xml) {
  pugi::xml_document document;
  auto root = ParseReply(document, xml, "InitiateMultipartUploadResult");
  if (!root) return std::unexpected(root.error());
  auto upload_id = ChildText(*root, "UploadId");
  if (!upload_id || upload_id->empty()) return std::unexpected(MalformedReply("InitiateMultipartUploadResult", "no <UploadId>"));
  return std::move(*upload_id);
}

}  // namespace s3prune::s3
