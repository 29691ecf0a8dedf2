variable "function_name" {
  description = "Name of the Lambda function; also names its role, log group and schedule."
  type        = string
  default     = "s3prune"
}

variable "package_zip" {
  description = "The deployment package made by scripts/package-lambda (bootstrap at its root). null: build/lambda/s3prune-lambda.zip of this repository."
  type        = string
  default     = null
}

variable "memory_size" {
  description = "Memory of the function in MB (Lambda gives CPU in proportion). About 150 bytes per object of the largest deployment, plus the listing."
  type        = number
  default     = 512
}

variable "log_retention_days" {
  description = "Days CloudWatch Logs keeps the function's log lines."
  type        = number
  default     = 30
}

variable "schedule_expression" {
  description = "EventBridge schedule of the prune: rate(...) or cron(...)."
  type        = string
  default     = "rate(1 day)"
}

variable "mode" {
  description = "What the scheduled event asks for: \"plan\" (report only) or \"apply\" (delete)."
  type        = string
  default     = "apply"

  validation {
    condition     = contains(["plan", "apply"], var.mode)
    error_message = "mode must be \"plan\" or \"apply\"."
  }
}

variable "bucket" {
  description = "The bucket to prune (a name, not a URL)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket))
    error_message = "bucket must be a bucket name such as \"my-site\", without s3:// or a key."
  }
}

variable "prefix" {
  description = "The prefix under which each folder is a deployment: \"\" (the bucket root) or ending in \"/\". Deletes are allowed only under it."
  type        = string
  default     = ""

  validation {
    condition     = var.prefix == "" || (endswith(var.prefix, "/") && !startswith(var.prefix, "/"))
    error_message = "prefix must be empty or end in \"/\" (and not start with one), e.g. \"web/\"."
  }
}

variable "keep_last" {
  description = "Keep the N most recent deployments (null: no such rule). keep_last or keep_within is required."
  type        = number
  default     = 5

  validation {
    condition     = var.keep_last == null ? true : var.keep_last >= 1
    error_message = "keep_last must be at least 1, or null."
  }
}

variable "keep_within" {
  description = "Keep deployments younger than this duration, e.g. \"30d\", \"2w\", \"1d12h\" (null: no such rule)."
  type        = string
  default     = null
}

variable "keep" {
  description = "Keep deployments whose id matches one of these shell globs, e.g. [\"release-*\"]."
  type        = list(string)
  default     = []
}

variable "keep_from" {
  description = "Pointer objects (s3://BUCKET/KEY) listing deployment ids to keep; the function may read these objects and no other."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for url in var.keep_from : can(regex("^s3://[^/]+/.+", url))])
    error_message = "each keep_from entry must be an object URL s3://BUCKET/KEY."
  }
}

variable "exclude" {
  description = "Globs of prefixes that are not deployments: never deleted, never counted."
  type        = list(string)
  default     = []
}

variable "age_by" {
  description = "Which object's time dates a deployment: \"newest\" or \"oldest\"."
  type        = string
  default     = "newest"

  validation {
    condition     = contains(["newest", "oldest"], var.age_by)
    error_message = "age_by must be \"newest\" or \"oldest\"."
  }
}

variable "versions" {
  description = "Also delete noncurrent versions and delete markers (versioned buckets)."
  type        = bool
  default     = false
}

variable "max_delete" {
  description = "Refuse (delete nothing) a plan that deletes more objects and versions than this. The Lambda handler requires it for apply."
  type        = number
  default     = 5000

  validation {
    condition     = var.max_delete >= 1
    error_message = "max_delete must be at least 1."
  }
}

variable "lifecycle_configuration_access" {
  description = "Grant s3:GetLifecycleConfiguration and s3:PutLifecycleConfiguration on the bucket. Plain plan/apply do not use them; false drops the only bucket-wide write permission."
  type        = bool
  default     = true
}

variable "reserved_concurrent_executions" {
  description = "1: never two prunes at once (a manual invoke while the schedule runs is throttled). -1: no reservation (accounts whose concurrency limit is 10 cannot reserve)."
  type        = number
  default     = 1
}

variable "environment" {
  description = "Extra environment variables of the function (e.g. AWS_ENDPOINT_URL_S3)."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Tags put on every resource of the module."
  type        = map(string)
  default     = {}
}
