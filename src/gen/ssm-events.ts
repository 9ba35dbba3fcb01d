import type { CloudTrailEvent } from './event-types.js';
import { cloudTrailEvent, type Call } from './cloudtrail-event.js';

/** The SSM agent's heartbeat: the most common line in many trails, naming its instance. */
export function updateInstanceInformationEvent(call: Call, instanceId: string, privateIp: string): CloudTrailEvent {
  return cloudTrailEvent(call, {
    eventSource: 'ssm.amazonaws.com',
    eventName: 'UpdateInstanceInformation',
    readOnly: false,
    requestParameters: {
      instanceId,
      agentVersion: '3.3.1142.0',
      agentName: 'amazon-ssm-agent',
      platformType: 'Linux',
      platformName: 'Amazon Linux',
      platformVersion: '2023',
      iPAddress: privateIp,
      computerName: `ip-${privateIp.replaceAll('.', '-')}.${call.region}.compute.internal`,
      agentStatus: 'Active',
      availabilityZone: `${call.region}a`,
    },
  });
}

export const SSM_AGENT_USER_AGENT = 'aws-sdk-go/1.55.5 (go1.22.8; linux; amd64) amazon-ssm-agent/3.3.1142.0';
