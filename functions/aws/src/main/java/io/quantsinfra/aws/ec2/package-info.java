/** EC2: the configured subnets and their availability zones, for placing instances. */
package io.quantsinfra.aws.ec2;
