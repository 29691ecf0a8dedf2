#include "prune/executor.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <span>
#include <thread>

#include "prune/batch_size.h"
#include "prune/delete_queue.h"
#include "prune/delete_recheck.h"
#include "prune/failure_index.h"
#include "prune/key_layout.h"
#include "prune/parallel.h"
#include "prune/snapshot_check.h"
#include "s3/delete_operations.h"
#include "s3/paginator.h"

namespace s3prune::prune {
namespace {

// Full batches waiting per delete worker: enough to keep workers busy while listing goes
// on, few enough that memory stays at a few thousand keys.
constexpr std::size_t kQueuedBatchesPerWorker = 1;

// Listing streams per delete worker: one stream lists far faster than S3 deletes, and each
// stream holds a page (its XML and parse tree, about 1 MB) in memory.
constexpr std::size_t kDeleteWorkersPerListingStream = 4;

// Times the keys a delete left in doubt and a listing found still there are sent again
// (in smaller batches after a timeout) before they are failures.
constexpr int kResendsAfterUnknownOutcome = 2;

using IdIndex = std::map<std::string, std::size_t, std::less<>>;

class Deleter {
 public:
  Deleter(s3::S3Client& client, const ExecutionRequest& request, ExecutionResult& result)
      : client_(client), request_(request), result_(result) {
    for (const auto& outcome : result.deployments) ids_.push_back(outcome.id);
  }

  // A stop hook that throws counts as a stop: starting more work is the unsafe choice.
  bool StopRequested() const {
    bool stop = false;
    if (CatchAsError([&] { stop = request_.should_stop && request_.should_stop(); })) return true;
    return stop;
  }

  // The batch failed as a whole without a reply (an exception at the worker's edge).
  void FailBatch(const DeleteBatch& batch, const s3::Error& error) {
    std::lock_guard lock(mutex_);
    for (const auto& doomed : batch) {
      result_.deployments[doomed.deployment].failures.push_back({doomed.object, s3CodeOf(error), error.message});
    }
  }

  void Delete(const DeleteBatch& batch) {
    if (StopRequested()) {
      MarkInterrupted(batch);
      return;
    }
    Send(batch, kResendsAfterUnknownOutcome);
  }

  void RecordListingError(std::size_t deployment, const s3::Error& error) {
    std::lock_guard lock(mutex_);
    result_.deployments[deployment].listing_error = error;
  }

  void MarkInterrupted(std::size_t deployment) {
    std::lock_guard lock(mutex_);
    result_.deployments[deployment].interrupted = true;
  }

  void RecordChange(std::size_t deployment, std::string why) {
    std::lock_guard lock(mutex_);
    result_.deployments[deployment].changed_since_plan = std::move(why);
  }

 private:
  // In batches of the current size: a batch packed before a timeout shrank it is split.
  void Send(std::span<const DoomedObject> batch, int resends) {
    for (std::size_t at = 0; at < batch.size();) {
      const std::size_t size = std::min(batch.size() - at, batch_size_.Current());
      SendOne(batch.subspan(at, size), resends);
      at += size;
    }
  }

  void SendOne(std::span<const DoomedObject> batch, int resends) {
    std::vector<s3::ObjectIdentifier> objects;
    objects.reserve(batch.size());
    for (const auto& doomed : batch) objects.push_back(doomed.object);
    auto reply = s3::DeleteObjects(client_, request_.bucket, objects);
    if (!reply) {
      const s3::DeleteFailure why{{}, s3CodeOf(reply.error()), reply.error().message};
      RecordFailed(batch, [&](const DoomedObject&) { return &why; });
      return;
    }
    const FailureIndex failed(reply->failures, objects);
    const FailureIndex unknown(reply->outcome_unknown, objects);
    std::vector<DoomedObject> deleted, failures, doubtful;
    for (const auto& doomed : batch) {
      auto& into = failed.Find(doomed.object) ? failures : unknown.Find(doomed.object) ? doubtful : deleted;
      into.push_back(doomed);
    }
    RecordDeleted(deleted);
    RecordFailed(failures, [&](const DoomedObject& doomed) { return failed.Find(doomed.object); });
    if (doubtful.empty()) return;
    if (reply->timed_out) {
      if (const auto shrunk = batch_size_.OnTimeout(batch.size()); shrunk && request_.note) {
        request_.note("a delete of " + std::to_string(batch.size()) + " keys timed out: batches of " +
                      std::to_string(*shrunk) + " keys from now on");
      }
    }
    LookAt(doubtful, *unknown.Find(doubtful.front().object), resends);
  }

  // Keys a delete left in doubt are listed again: the gone ones are deleted, the others sent
  // again (as long as resends remain and no stop was asked) or failed with the delete's
  // error. When the listing fails too, their outcome stays unknown, and is reported so.
  void LookAt(const std::vector<DoomedObject>& doubtful, const s3::DeleteFailure& why, int resends) {
    const RangeListing listing{request_.bucket, request_.prefix, request_.mode, s3::kMaxKeysPerList};
    auto recheck = LookAgain(client_, listing, ids_, doubtful);
    if (!recheck) {
      std::lock_guard lock(mutex_);
      for (const auto& doomed : doubtful) {
        result_.deployments[doomed.deployment].outcome_unknown.push_back(
            {doomed.object, why.code, why.message + "; listing the keys again failed: " + recheck.error().message});
      }
      return;
    }
    if (request_.note) {
      request_.note("a delete of " + std::to_string(doubtful.size()) + " keys ended without an answer (" +
                    why.message + "); listed again: " + std::to_string(recheck->gone.size()) + " gone, " +
                    std::to_string(recheck->still_there.size()) + " still there");
    }
    RecordDeleted(recheck->gone);
    if (recheck->still_there.empty()) return;
    if (resends == 0) {
      RecordFailed(recheck->still_there, [&](const DoomedObject&) { return &why; });
    } else if (StopRequested()) {
      MarkInterrupted(recheck->still_there);
    } else {
      Send(recheck->still_there, resends - 1);
    }
  }

  // Counted, and written to the audit trail.
  void RecordDeleted(std::span<const DoomedObject> gone) {
    if (gone.empty()) return;
    std::vector<DeletedEntry> deleted;
    {
      std::lock_guard lock(mutex_);
      for (const auto& doomed : gone) {
        DeploymentOutcome& outcome = result_.deployments[doomed.deployment];
        (doomed.is_current ? outcome.objects_deleted : outcome.versions_deleted) += 1;
        outcome.bytes_deleted += doomed.size;
        if (request_.on_deleted) deleted.push_back({outcome.id, doomed.object, doomed.size});
      }
      // One batch at a time, as the trail's contract says. It records its own write failures;
      // a throw from it (memory) must not turn entries the server deleted into failures.
      if (request_.on_deleted) (void)CatchAsError([&] { request_.on_deleted(deleted); });
    }
    if (request_.progress != nullptr) request_.progress->deleted.fetch_add(gone.size(), std::memory_order_relaxed);
  }

  void RecordFailed(std::span<const DoomedObject> batch,
                    const std::function<const s3::DeleteFailure*(const DoomedObject&)>& failure_of) {
    if (batch.empty()) return;
    {
      std::lock_guard lock(mutex_);
      for (const auto& doomed : batch) {
        const s3::DeleteFailure* failure = failure_of(doomed);
        result_.deployments[doomed.deployment].failures.push_back({doomed.object, failure->code, failure->message});
      }
    }
    if (request_.progress != nullptr) request_.progress->failed.fetch_add(batch.size(), std::memory_order_relaxed);
  }

  void MarkInterrupted(std::span<const DoomedObject> batch) {
    std::lock_guard lock(mutex_);
    for (const auto& doomed : batch) result_.deployments[doomed.deployment].interrupted = true;
  }

  static std::string s3CodeOf(const s3::Error& error) {
    return error.s3_code.empty() ? std::string(s3::ErrorCodeName(error.code)) : error.s3_code;
  }

  s3::S3Client& client_;
  const ExecutionRequest& request_;
  ExecutionResult& result_;
  std::vector<std::string> ids_;  // of the doomed deployments, by index
  BatchSize batch_size_;
  std::mutex mutex_;
};

// One range's deployments are listed whole, one at a time, before any of their objects is
// queued: a deployment that changed since the plan must lose nothing. Keys of a deployment
// are contiguous in key order, so a deployment is complete when the next one's keys begin.
class RangeWorker {
 public:
  RangeWorker(const std::vector<policy::Deployment>& doomed, const std::vector<std::size_t>& global,
              const ExecutionRequest& request, Deleter& deleter, DeleteQueue& queue)
      : doomed_(doomed), global_(global), request_(request), deleter_(deleter), queue_(queue) {}

  void Add(std::vector<ListedEntry>&& entries) {
    for (auto& entry : entries) {
      if (entry.deployment != current_) Release();
      current_ = entry.deployment;
      pending_.push_back(std::move(entry));
    }
  }

  // The listing reached the end of the range: the last deployment is complete too.
  void Finish() { Release(); }

  // The listing stopped: the deployment being listed and those after it are left whole.
  void Fail(const s3::Error& error) {
    for (std::size_t local = FirstNotReleased(); local < global_.size(); ++local) {
      deleter_.RecordListingError(global_[local], error);
    }
  }

  // The run was interrupted: the deployments not yet handed to the deleters are not touched.
  void Interrupt() {
    for (std::size_t local = FirstNotReleased(); local < global_.size(); ++local) deleter_.MarkInterrupted(global_[local]);
  }

 private:
  std::size_t FirstNotReleased() const { return pending_.empty() ? released_ : current_; }

  void Release() {
    if (pending_.empty()) return;
    const std::size_t index = global_[current_];
    std::string change = ChangeSincePlan(doomed_[index], pending_, request_.mode, request_.snapshot_time);
    if (!change.empty()) {
      deleter_.RecordChange(index, std::move(change));
    } else {
      std::vector<DoomedObject> objects;
      objects.reserve(pending_.size());
      for (auto& entry : pending_) {
        objects.push_back(DoomedObject{{std::move(entry.key), std::move(entry.version_id)}, entry.size, index,
                                       entry.is_current});
      }
      queue_.Add(std::move(objects));
    }
    pending_.clear();
    released_ = current_ + 1;
  }

  const std::vector<policy::Deployment>& doomed_;
  const std::vector<std::size_t>& global_;  // range-local deployment index -> index into doomed
  const ExecutionRequest& request_;
  Deleter& deleter_;
  DeleteQueue& queue_;
  std::vector<ListedEntry> pending_;  // every entry listed so far of deployment current_
  std::size_t current_ = 0;
  std::size_t released_ = 0;  // local deployments before this one are dealt with
};

// Aborts the incomplete uploads of deployments that were deleted (not of those that changed,
// as an upload in progress is a write, nor of those not listed to the end) that began before
// the plan.
void AbortUploads(s3::S3Client& client, const ExecutionRequest& request, const IdIndex& doomed,
                  ExecutionResult& result) {
  auto listed = s3::PageUploads(client, {request.bucket, request.prefix, "", "", s3::kMaxKeysPerList},
                                [&](s3::ListUploadsPage& page) {
                                  for (auto& upload : page.uploads) {
                                    const auto id = DeploymentIdOfKey(request.prefix, upload.key);
                                    if (!id) continue;
                                    const auto found = doomed.find(*id);
                                    if (found == doomed.end()) continue;
                                    const DeploymentOutcome& outcome = result.deployments[found->second];
                                    if (!outcome.changed_since_plan.empty() || outcome.listing_error) continue;
                                    // Without <Initiated> there is no telling: taken as begun before the plan.
                                    // Dated within the granularity after the plan, it may have begun before
                                    // it (whole-second stores), as for objects in ChangeSincePlan.
                                    if (request.snapshot_time && upload.initiated &&
                                        *upload.initiated >= *request.snapshot_time + kTimestampGranularity) {
                                      continue;
                                    }
                                    result.uploads.push_back({std::move(upload.key), std::move(upload.upload_id), {}});
                                  }
                                  return s3::PageControl::kContinue;
                                });
  if (!listed && listed.error().code == s3::ErrorCode::kUnsupported) {
    result.uploads_not_listed = listed.error().message + ": no incomplete multipart upload was aborted";
  } else if (!listed) {
    result.upload_listing_error = listed.error();
  }
  RunParallel(result.uploads.size(), request.concurrency, [&](std::size_t i) {
    auto& upload = result.uploads[i];
    auto thrown = CatchAsError([&] {
      if (auto aborted = s3::AbortMultipartUpload(client, request.bucket, upload.key, upload.upload_id);
          !aborted && aborted.error().code != s3::ErrorCode::kNotFound) {
        upload.error = aborted.error();  // already gone (NoSuchUpload) is as good as aborted
      }
    });
    if (thrown) upload.error = std::move(thrown);
  });
}

}  // namespace

DeploymentState StateOf(const DeploymentOutcome& outcome) {
  if (!outcome.changed_since_plan.empty()) return DeploymentState::kChangedSincePlan;
  if (outcome.interrupted) return DeploymentState::kInterrupted;
  if (!outcome.failures.empty() || outcome.listing_error) return DeploymentState::kFailed;
  if (!outcome.outcome_unknown.empty()) return DeploymentState::kOutcomeUnknown;
  if (outcome.objects_deleted == 0 && outcome.versions_deleted == 0) return DeploymentState::kAlreadyGone;
  return DeploymentState::kDeleted;
}

bool ExecutionResult::Complete() const {
  if (upload_listing_error || interrupted) return false;
  if (std::ranges::any_of(uploads, [](const UploadOutcome& u) { return u.error.has_value(); })) return false;
  return std::ranges::none_of(deployments, [](const DeploymentOutcome& d) {
    return d.state == DeploymentState::kFailed || d.state == DeploymentState::kChangedSincePlan ||
           d.state == DeploymentState::kOutcomeUnknown;
  });
}

ExecutionResult ExecuteDeletion(s3::S3Client& client, const std::vector<policy::Deployment>& doomed,
                                const ExecutionRequest& request) {
  ExecutionResult result;
  IdIndex index;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < doomed.size(); ++i) {
    result.deployments.emplace_back().id = doomed[i].id;
    index.emplace(doomed[i].id, i);
    ids.push_back(doomed[i].id);
  }
  if (doomed.empty()) return result;
  SortByKeyOrder(ids);
  std::vector<std::uint64_t> weights;
  for (const auto& id : ids) {
    const auto& deployment = doomed[index.at(id)];
    weights.push_back(1 + deployment.objects + deployment.noncurrent_versions);
  }
  const std::size_t workers = std::max<std::size_t>(1, request.concurrency);
  const std::uint64_t total_weight = std::accumulate(weights.begin(), weights.end(), std::uint64_t{0});
  const auto ranges =
      SplitIntoRanges(request.prefix, ids, weights,
                      RangeCount(total_weight, request.objects_per_range,
                                 std::max<std::size_t>(1, workers / kDeleteWorkersPerListingStream)));

  Deleter deleter(client, request, result);
  DeleteQueue queue(workers * kQueuedBatchesPerWorker);
  {
    std::vector<std::jthread> delete_workers;
    for (std::size_t w = 0; w < workers; ++w) {
      delete_workers.emplace_back([&] {
        while (auto batch = queue.Take()) {
          if (auto thrown = CatchAsError([&] { deleter.Delete(*batch); })) deleter.FailBatch(*batch, *thrown);
        }
      });
    }
    const RangeListing listing{request.bucket, request.prefix, request.mode, s3::kMaxKeysPerList};
    RunParallel(ranges.size(), workers, [&](std::size_t r) {
      std::vector<std::size_t> global;  // range-local deployment index -> index into doomed
      for (const auto& id : ranges[r].ids) global.push_back(index.at(id));
      RangeWorker worker(doomed, global, request, deleter, queue);
      bool stopped = deleter.StopRequested();
      s3::Result<void> listed;
      if (auto thrown = CatchAsError([&] {
            if (stopped) return;
            listed = ListRange(client, listing, ranges[r], [&](std::vector<ListedEntry>&& entries) {
              if (deleter.StopRequested()) {
                stopped = true;
                return s3::PageControl::kStop;
              }
              if (request.progress != nullptr) request.progress->listed.fetch_add(entries.size(), std::memory_order_relaxed);
              worker.Add(std::move(entries));
              return s3::PageControl::kContinue;
            });
          })) {
        listed = std::unexpected(*thrown);
      }
      if (stopped) {
        worker.Interrupt();
      } else if (listed) {
        worker.Finish();
      } else {
        worker.Fail(listed.error());
      }
    });
    queue.Close();
  }  // delete workers drain the queue and join here
  result.interrupted = deleter.StopRequested();
  for (auto& outcome : result.deployments) outcome.state = StateOf(outcome);
  if (result.interrupted) return result;  // uploads are aborted by the run that finishes the job
  AbortUploads(client, request, index, result);
  return result;
}

}  // namespace s3prune::prune
