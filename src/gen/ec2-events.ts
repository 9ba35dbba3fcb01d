import type { CloudTrailEvent, JsonObject } from './event-types.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';

/** EC2 calls: launches (the root of EBS chains) and the Describe* noise around them. */

const EC2 = 'ec2.amazonaws.com';

export interface InstanceLaunch {
  instanceId: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  subnetId: string;
  securityGroupId: string;
  availabilityZone: string;
  /** The customer-managed key for the data volume, as the caller named it. */
  dataVolumeKmsKeyId?: string;
}

/** The instance id appears in responseElements.instancesSet.items[].instanceId. */
export function runInstancesEvent(callWithoutId: Call, launch: InstanceLaunch): CloudTrailEvent {
  // The response repeats the request id, so fix it before building the event.
  const call = { ...callWithoutId, requestID: callWithoutId.requestID ?? callWithoutId.rng.uuid() };
  const dataVolume: JsonObject = { volumeSize: 100, deleteOnTermination: false, volumeType: 'gp3', encrypted: true, kmsKeyId: launch.dataVolumeKmsKeyId };
  return cloudTrailEvent(call, {
    eventSource: EC2,
    eventName: 'RunInstances',
    readOnly: false,
    requestParameters: {
      instancesSet: { items: [{ imageId: launch.imageId, minCount: 1, maxCount: 1 }] },
      instanceType: launch.instanceType,
      blockDeviceMapping: {
        items: [
          { deviceName: '/dev/xvda', ebs: { volumeSize: 8, deleteOnTermination: true, volumeType: 'gp3' } },
          { deviceName: '/dev/sdb', ebs: dataVolume },
        ],
      },
      subnetId: launch.subnetId,
      monitoring: { enabled: false },
      disableApiTermination: false,
      clientToken: call.rng.uuid(),
    },
    responseElements: {
      requestId: call.requestID,
      reservationId: launch.reservationId,
      ownerId: call.account,
      groupSet: {},
      instancesSet: { items: [launchedInstance(call, launch)] },
    },
  });
}

function launchedInstance(call: Call, launch: InstanceLaunch): JsonObject {
  return {
    instanceId: launch.instanceId,
    imageId: launch.imageId,
    instanceState: { code: 0, name: 'pending' },
    amiLaunchIndex: 0,
    instanceType: launch.instanceType,
    launchTime: call.time,
    placement: { availabilityZone: launch.availabilityZone, tenancy: 'default' },
    subnetId: launch.subnetId,
    groupSet: { items: [{ groupId: launch.securityGroupId, groupName: 'app-tier' }] },
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    ebsOptimized: true,
  };
}

export function describeInstancesEvent(call: Call, instanceIds: string[] = []): CloudTrailEvent {
  return ec2DescribeEvent(call, 'DescribeInstances', {
    instancesSet: instanceIds.length > 0 ? { items: instanceIds.map((instanceId) => ({ instanceId })) } : {},
    filterSet: {},
  });
}

export function describeVolumesEvent(call: Call, volumeIds: string[] = []): CloudTrailEvent {
  return ec2DescribeEvent(call, 'DescribeVolumes', {
    volumeSet: volumeIds.length > 0 ? { items: volumeIds.map((volumeId) => ({ volumeId })) } : {},
    filterSet: {},
  });
}

/** Any read-only EC2 Describe*: the response body is not logged. */
export function ec2DescribeEvent(call: Call, eventName: string, requestParameters: JsonObject | null = null): CloudTrailEvent {
  return cloudTrailEvent(call, { eventSource: EC2, eventName, readOnly: true, requestParameters });
}

export function terminateInstancesEvent(callWithoutId: Call, instanceId: string): CloudTrailEvent {
  const call = { ...callWithoutId, requestID: callWithoutId.requestID ?? callWithoutId.rng.uuid() };
  return cloudTrailEvent(call, {
    eventSource: EC2,
    eventName: 'TerminateInstances',
    readOnly: false,
    requestParameters: { instancesSet: { items: [{ instanceId }] } },
    responseElements: {
      requestId: call.requestID,
      instancesSet: { items: [{ instanceId, currentState: { code: 32, name: 'shutting-down' }, previousState: { code: 16, name: 'running' } }] },
    },
  });
}
