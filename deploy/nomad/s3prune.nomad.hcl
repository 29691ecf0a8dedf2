# s3prune as a periodic Nomad batch job (Docker driver, the image of deploy/docker/Dockerfile).
#
#   nomad job validate deploy/nomad/s3prune.nomad.hcl
#   nomad job run deploy/nomad/s3prune.nomad.hcl
#   nomad job periodic force s3prune            # one run now
#   nomad alloc logs -job s3prune               # JSON log lines
#
# Replace the image, the role ARN and the policy below.
#
# Credentials: Nomad's workload identity (Nomad 1.7 or later). The "aws" identity below is a JWT
# signed by the cluster, written to /secrets/nomad_aws.jwt in the container; s3prune's credential
# chain trades it for the role's credentials (sts:AssumeRoleWithWebIdentity, AWS_ROLE_ARN and
# AWS_WEB_IDENTITY_TOKEN_FILE). AWS side: an IAM OIDC provider for the cluster's issuer (the
# servers' oidc_issuer, whose /.well-known/jwks.json AWS must reach), audience sts.amazonaws.com,
# and a role that trusts it for the subject of this task, with the permissions of
# deploy/terraform/lambda (list, delete under the prefix, read the pointer objects).
# Without a public issuer, use Vault's AWS secrets engine instead: drop the identity block and
# the two AWS_ROLE_ARN/AWS_WEB_IDENTITY_TOKEN_FILE lines, and add
#   vault { role = "s3prune" }
#   template {
#     destination = "secrets/aws.env"
#     env         = true
#     data        = <<-EOT
#       {{ with secret "aws/creds/s3prune" }}AWS_ACCESS_KEY_ID={{ .Data.access_key }}
#       AWS_SECRET_ACCESS_KEY={{ .Data.secret_key }}
#       AWS_SESSION_TOKEN={{ .Data.security_token }}{{ end }}
#     EOT
#   }
# No key is ever written in this file.

job "s3prune" {
  type = "batch"

  # Never two prunes at once: a run still going when the next is due makes Nomad skip the new one.
  periodic {
    crons            = ["17 3 * * *"]
    time_zone        = "Etc/UTC"
    prohibit_overlap = true
  }

  group "prune" {
    count = 1

    # A failed prune is not retried blindly: exit 1 is a refusal (max_delete, a broken pointer)
    # that needs a person; exits 3 and 4 are retried by the next scheduled run.
    restart {
      attempts = 0
      mode     = "fail"
    }

    reschedule {
      attempts  = 0
      unlimited = false
    }

    task "s3prune" {
      driver = "docker"

      config {
        image           = "ghcr.io/example/s3prune:0.1.0" # built from deploy/docker/Dockerfile
        args            = ["apply", "--config", "/local/prune.yaml", "--yes", "--log-format", "json"]
        readonly_rootfs = true
        cap_drop        = ["all"]
        security_opt    = ["no-new-privileges"]
      }

      # Runs as the image's numeric non-root user (USER 10001 of the Dockerfile).
      user = "10001"

      identity {
        name        = "aws"
        aud         = ["sts.amazonaws.com"]
        file        = true
        ttl         = "1h"
        change_mode = "noop"
      }

      env {
        AWS_REGION                  = "us-east-1"
        AWS_ROLE_ARN                = "arn:aws:iam::123456789012:role/s3prune"
        AWS_WEB_IDENTITY_TOKEN_FILE = "/secrets/nomad_aws.jwt"
        AWS_EC2_METADATA_DISABLED   = "true"
      }

      # The policy file; its keys are the flags' names with underscores (README, "Policy files").
      template {
        destination = "local/prune.yaml"
        change_mode = "noop"
        data        = <<-EOT
          defaults:
            versions: true
            max_delete: 5000
          targets:
            - target: s3://my-site/
              keep_last: 5
              keep_within: 30d
              keep: ["release-*"]
              keep_from: [s3://my-site/live/current.txt]
              exclude: [assets]
              age_by: newest
        EOT
      }

      # A prune that hangs is stopped (SIGTERM: batches in flight finish, exit 143); the next
      # run finishes the job.
      kill_timeout = "30s"

      # Sized from measured peak RSS (GNU time, s3prune apply --keep-last 3 on 15 deployments
      # against the local Ceph RGW): 19.9 MB for 5,000 objects, 26.3 MB for 20,000, 35.6 MB for
      # 200,000 (bench/README.md). Memory grows with the largest deployment and the delete
      # queue: 128 MB reserved is over 3x the 200,000-object peak; memory_max allows 256 MB.
      resources {
        cpu        = 500
        memory     = 128
        memory_max = 256
      }
    }
  }
}
