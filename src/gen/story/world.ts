import { Rng } from '../rng.js';
import type { CloudTrailEvent } from '../event-types.js';
import { buildCast, type StoryCast } from './cast.js';
import { Customers } from './customers.js';
import { paymentsTraffic, type PaymentsTraffic } from './prod-app-traffic.js';
import { platformTraffic } from './prod-platform-traffic.js';
import { peopleTraffic } from './people.js';
import { aliasStory, type AliasStory } from './reports-and-aliases.js';
import { ebsStory, type EbsStory } from './ebs-chains.js';
import { enclaveStory, type EnclaveStory } from './enclaves.js';
import { financeStory, type FinanceStory } from './finance-context.js';
import { dataStory, type DataStory } from './data-account.js';
import { incidentRecon, type IncidentRecon } from './incident-recon.js';
import { incidentImpact, type IncidentImpact } from './incident-impact.js';
import { remediation, type Remediation } from './remediation.js';

/** Everything that happened in the story, before any trail decides what it delivers. */
export interface StoryWorld {
  seed: number;
  cast: StoryCast;
  events: CloudTrailEvent[];
  payments: PaymentsTraffic;
  aliases: AliasStory;
  ebs: EbsStory;
  enclaves: EnclaveStory;
  finance: FinanceStory;
  data: DataStory;
  recon: IncidentRecon;
  impact: IncidentImpact;
  remediation: Remediation;
}

/** Each part draws from its own stream, so changing one part leaves the others' ids alone. */
export function buildStoryWorld(seed: number): StoryWorld {
  const rng = new Rng(seed);
  const cast = buildCast(rng.fork('cast'));
  const customers = new Customers(rng.fork('customers'));
  const parts = {
    payments: paymentsTraffic(rng.fork('payments'), cast, customers),
    aliases: aliasStory(rng.fork('aliases'), cast),
    ebs: ebsStory(rng.fork('ebs'), cast),
    enclaves: enclaveStory(rng.fork('enclaves'), cast),
    finance: financeStory(rng.fork('finance'), cast, customers),
    data: dataStory(rng.fork('data'), cast),
    recon: incidentRecon(rng.fork('recon'), cast),
    impact: incidentImpact(rng.fork('impact'), cast),
    remediation: remediation(rng.fork('remediation'), cast),
  };
  const events = [
    ...Object.values(parts).flatMap((part) => part.events),
    ...platformTraffic(rng.fork('platform'), cast),
    ...peopleTraffic(rng.fork('people'), cast),
  ];
  assertUniqueEventIds(events);
  return { seed, cast, events, ...parts };
}

function assertUniqueEventIds(events: readonly CloudTrailEvent[]): void {
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.eventID)) throw new Error(`duplicate eventID ${event.eventID} (${event.eventName})`);
    seen.add(event.eventID);
  }
}
