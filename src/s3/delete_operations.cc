#include "s3/delete_operations.h"

#include <set>
#include <utility>

#include "s3/core/digest.h"
#include "s3/xml/xml_delete.h"
#include "s3/xml/xml_escape.h"

namespace s3prune::s3 {
namespace {

std::string CodeOf(const Error& error) {
  return error.s3_code.empty() ? std::string(ErrorCodeName(error.code)) : error.s3_code;
}

// Quiet replies list only failures; whatever was asked and did not fail was deleted.
void FillDeletedFromRequest(std::span<const ObjectIdentifier> requested, DeleteObjectsResult& result) {
  std::set<std::pair<std::string_view, std::string_view>> failed;
  for (const auto& failure : result.failures) {
    failed.emplace(failure.object.key, failure.object.version_id);
  }
  result.deleted.clear();
  for (const auto& object : requested) {
    if (!failed.contains({object.key, object.version_id})) result.deleted.push_back(object);
  }
}

Result<DeleteObjectsResult> DeleteBatch(S3Client& client, const std::string& bucket,
                                        std::span<const ObjectIdentifier> objects) {
  S3Request request;
  request.kind = OperationKind::kDeleteObjects;
  request.method = "POST";
  request.bucket = bucket;
  request.query = {{"delete", ""}};
  request.body = BuildDeleteObjectsBody(objects);
  request.headers = {{"Content-MD5", Md5Base64(request.body)}, {"Content-Type", "application/xml"}};
  auto response = client.Execute(request);
  auto result = response ? ParseDeleteObjectsResult(response->body) : std::unexpected(response.error());
  if (!result && OutcomeUnknown(result.error())) {
    DeleteObjectsResult unknown;
    unknown.timed_out = result.error().code == ErrorCode::kTimeout;
    for (const auto& object : objects) unknown.outcome_unknown.push_back({object, CodeOf(result.error()), result.error().message});
    return unknown;
  }
  if (!result) return std::unexpected(result.error());
  FillDeletedFromRequest(objects, *result);
  return result;
}

}  // namespace

Result<DeleteObjectsResult> DeleteObjects(S3Client& client, const std::string& bucket,
                                          std::span<const ObjectIdentifier> objects) {
  std::vector<ObjectIdentifier> batchable;
  std::vector<ObjectIdentifier> one_by_one;
  for (const auto& object : objects) {
    (XmlCanCarry(object.key) ? batchable : one_by_one).push_back(object);
  }
  DeleteObjectsResult result;
  // A store without DeleteObjects (GCS answered NotImplemented until 2026, as s5cmd's
  // one-key-per-request fallback there shows) gets one DeleteObject per key, from its first
  // NotImplemented on: remembered by the client for the rest of the run.
  if (!batchable.empty() && client.capabilities().Lacks(Feature::kMultiObjectDelete)) {
    one_by_one.insert(one_by_one.begin(), batchable.begin(), batchable.end());
    batchable.clear();
  }
  if (!batchable.empty()) {
    auto batch = DeleteBatch(client, bucket, batchable);
    if (!batch && batch.error().code == ErrorCode::kUnsupported) {
      one_by_one.insert(one_by_one.begin(), batchable.begin(), batchable.end());
    } else if (!batch) {
      return std::unexpected(batch.error());
    } else {
      result = std::move(*batch);
    }
  }
  for (const auto& object : one_by_one) {
    if (auto deleted = DeleteObject(client, bucket, object); deleted) {
      result.deleted.push_back(object);
    } else if (OutcomeUnknown(deleted.error())) {
      result.timed_out |= deleted.error().code == ErrorCode::kTimeout;
      result.outcome_unknown.push_back({object, CodeOf(deleted.error()), deleted.error().message});
    } else {
      result.failures.push_back({object, CodeOf(deleted.error()), deleted.error().message});
    }
  }
  return result;
}

bool OutcomeUnknown(const Error& error) {
  return error.code == ErrorCode::kTimeout || error.code == ErrorCode::kNetwork ||
         error.code == ErrorCode::kMalformedReply;
}

Result<void> DeleteObject(S3Client& client, const std::string& bucket, const ObjectIdentifier& object) {
  S3Request request;
  request.kind = OperationKind::kDeleteObject;
  request.method = "DELETE";
  request.bucket = bucket;
  request.key = object.key;
  if (!object.version_id.empty()) request.query = {{"versionId", object.version_id}};
  auto response = client.Execute(request);
  if (!response) return std::unexpected(response.error());
  return {};
}

Result<void> AbortMultipartUpload(S3Client& client, const std::string& bucket, const std::string& key,
                                  const std::string& upload_id) {
  S3Request request;
  request.kind = OperationKind::kAbortUpload;
  request.method = "DELETE";
  request.bucket = bucket;
  request.key = key;
  request.query = {{"uploadId", upload_id}};
  auto response = client.Execute(request);
  if (!response) return std::unexpected(response.error());
  return {};
}

}  // namespace s3prune::s3
