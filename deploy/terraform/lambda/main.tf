# s3prune as a scheduled AWS Lambda function (custom runtime provided.al2023: the s3prune binary
# is the bootstrap and serves the Lambda Runtime API). One module instance prunes one target,
# s3://BUCKET/PREFIX; its role may delete only under that prefix and read only the pointer
# objects named in keep_from.
#
#   scripts/package-lambda                     # makes build/lambda/s3prune-lambda.zip
#   cd deploy/terraform/lambda && terraform init && terraform apply -var bucket=my-site

data "aws_partition" "current" {}

locals {
  package_zip = coalesce(var.package_zip, "${path.module}/../../../build/lambda/s3prune-lambda.zip")
  partition   = data.aws_partition.current.partition
  target      = "s3://${var.bucket}/${var.prefix}"

  bucket_arn             = "arn:${local.partition}:s3:::${var.bucket}"
  deployment_objects_arn = "arn:${local.partition}:s3:::${var.bucket}/${var.prefix}*"
  pointer_object_arns    = [for url in var.keep_from : "arn:${local.partition}:s3:::${trimprefix(url, "s3://")}"]

  # The event is one policy-file target plus "mode"; apply requires max_delete.
  event_settings = {
    mode        = var.mode
    target      = local.target
    keep_last   = var.keep_last
    keep_within = var.keep_within
    keep        = var.keep
    keep_from   = var.keep_from
    exclude     = var.exclude
    age_by      = var.age_by
    versions    = var.versions
    max_delete  = var.max_delete
  }
  # Rules left unset (null, empty lists) are left out of the event rather than sent as null.
  event      = { for key, value in local.event_settings : key => value if value != null && try(length(value) > 0, true) }
  event_json = jsonencode(local.event)
}

# --- Role --------------------------------------------------------------------------------

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "LambdaAssumesRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.function_name
  description        = "s3prune Lambda: prunes deployments under ${local.target}"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
  tags               = var.tags
}

data "aws_iam_policy_document" "prune" {
  # Listing (current objects, versions, incomplete uploads) and the versioning check. These are
  # bucket-level actions; ListBucket is not narrowed by an s3:prefix condition because the
  # bucket check (HeadBucket) is authorized by s3:ListBucket without a prefix.
  statement {
    sid    = "ListTheBucket"
    effect = "Allow"
    actions = [
      "s3:ListBucket",
      "s3:ListBucketVersions",
      "s3:ListBucketMultipartUploads",
      "s3:GetBucketVersioning",
    ]
    resources = [local.bucket_arn]
  }

  dynamic "statement" {
    for_each = var.lifecycle_configuration_access ? [1] : []
    content {
      sid    = "LifecycleConfiguration"
      effect = "Allow"
      actions = [
        "s3:GetLifecycleConfiguration",
        "s3:PutLifecycleConfiguration",
      ]
      resources = [local.bucket_arn]
    }
  }

  # Deletes only under the pruned prefix.
  statement {
    sid    = "DeleteUnderThePrefix"
    effect = "Allow"
    actions = [
      "s3:DeleteObject",
      "s3:DeleteObjectVersion",
      "s3:AbortMultipartUpload",
    ]
    resources = [local.deployment_objects_arn]
  }

  # Reads only the pointer objects (keep_from), nothing else.
  dynamic "statement" {
    for_each = length(local.pointer_object_arns) > 0 ? [1] : []
    content {
      sid       = "ReadThePointers"
      effect    = "Allow"
      actions   = ["s3:GetObject"]
      resources = local.pointer_object_arns
    }
  }

  # The log group is made by this module, so no logs:CreateLogGroup.
  statement {
    sid    = "WriteTheLog"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
}

resource "aws_iam_role_policy" "prune" {
  name   = "s3prune"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.prune.json
}

# --- Function ----------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  function_name                  = var.function_name
  description                    = "s3prune: prunes old deployments under ${local.target}"
  role                           = aws_iam_role.this.arn
  runtime                        = "provided.al2023"
  handler                        = "bootstrap"
  architectures                  = ["x86_64"]
  filename                       = local.package_zip
  source_code_hash               = filebase64sha256(local.package_zip)
  timeout                        = 900
  memory_size                    = var.memory_size
  reserved_concurrent_executions = var.reserved_concurrent_executions
  tags                           = var.tags

  dynamic "environment" {
    for_each = length(var.environment) > 0 ? [1] : []
    content {
      variables = var.environment
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.prune,
  ]
}

# EventBridge invokes asynchronously; Lambda would retry a failed prune twice. A refusal
# (max_delete, a broken pointer) fails the same way again, so no retries: the next run retries.
resource "aws_lambda_function_event_invoke_config" "this" {
  function_name                = aws_lambda_function.this.function_name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 3600
}

# --- Schedule ----------------------------------------------------------------------------

resource "aws_cloudwatch_event_rule" "this" {
  name                = var.function_name
  description         = "Runs s3prune (${var.mode}) on ${local.target}"
  schedule_expression = var.schedule_expression
  tags                = var.tags

  lifecycle {
    precondition {
      condition     = var.keep_last != null || var.keep_within != null
      error_message = "Set keep_last or keep_within: s3prune refuses a policy with neither."
    }
  }
}

resource "aws_cloudwatch_event_target" "this" {
  rule      = aws_cloudwatch_event_rule.this.name
  target_id = "s3prune"
  arn       = aws_lambda_function.this.arn
  input     = local.event_json
}

resource "aws_lambda_permission" "events" {
  statement_id  = "AllowEventBridgeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.this.arn
}
