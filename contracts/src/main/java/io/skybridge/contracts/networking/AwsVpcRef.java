package io.skybridge.contracts.networking;

/** The AWS end of a link: a VPC in a region of an account. */
public record AwsVpcRef(String accountId, String region, String vpcId, String cidr) {
}
