// The two credential endpoints of the machine s3prune runs on:
// - the container endpoint of ECS and EKS Pod Identity:
//   AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (appended to http://169.254.170.2) or
//   AWS_CONTAINER_CREDENTIALS_FULL_URI (https, or a loopback or the ECS/EKS link-local host
//   only), with the token of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read on every call) or
//   AWS_CONTAINER_AUTHORIZATION_TOKEN sent verbatim as Authorization;
// - EC2 instance metadata, IMDSv2 only: PUT /latest/api/token, then the role name and its
//   credentials with x-aws-ec2-metadata-token. 1 s timeouts and one attempt, so that a run
//   off EC2 fails fast. AWS_EC2_METADATA_SERVICE_ENDPOINT overrides the address,
//   AWS_EC2_METADATA_DISABLED=true turns it off.
#pragma once

#include "s3/credentials/provider.h"

namespace s3prune::s3 {

class ContainerProvider : public CredentialsProvider {
 public:
  explicit ContainerProvider(ProviderIo io) : io_(std::move(io)) {}
  std::string Name() const override { return "container endpoint"; }
  Result<Lookup> Load() override;

 private:
  ProviderIo io_;
};

class InstanceMetadataProvider : public CredentialsProvider {
 public:
  explicit InstanceMetadataProvider(ProviderIo io) : io_(std::move(io)) {}
  std::string Name() const override { return "EC2 instance metadata"; }
  Result<Lookup> Load() override;

 private:
  ProviderIo io_;
};

// Whether a full container URI may be called: https, or http to 127.0.0.0/8, localhost,
// [::1], 169.254.170.2, 169.254.170.23 or [fd00:ec2::23] (a token must never leave the host).
bool AllowedContainerUri(const std::string& uri);

}  // namespace s3prune::s3
