import { orgTrailDdl } from '../../core/athena/ddl.js';
import { asUsage, UsageError, type Command, type CommandIO, type CommandOptions } from '../command.js';
import { stringOption } from '../options.js';

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0);

async function run(positionals: string[], options: CommandOptions, io: CommandIO): Promise<number> {
  if (positionals[0] !== 'ddl' || positionals.length > 1) throw new UsageError(`unknown athena subcommand "${positionals.join(' ')}": use ddl`);
  const [bucket, orgId] = [stringOption(options, 'bucket'), stringOption(options, 'org')];
  if (!bucket || !orgId) throw new UsageError('athena ddl needs --bucket BUCKET and --org o-...');
  const since = stringOption(options, 'since') ?? `${new Date().getUTCFullYear()}/01/01`;
  const ddl = asUsage(() => orgTrailDdl({
    bucket, orgId, accounts: list(stringOption(options, 'accounts')), regions: list(stringOption(options, 'regions')), since, table: stringOption(options, 'table'),
  }));
  io.stdout(`${ddl}\n`);
  return 0;
}

export const athenaCommand: Command = {
  name: 'athena',
  maxPositionals: 1,
  summary: "print the Athena table for an organization trail (AWS's CloudTrail DDL, partitions projected)",
  usage: 'Usage: keytrail athena ddl --bucket BUCKET --org o-ID --accounts ID,ID --regions REGION,REGION [--since yyyy/MM/dd] [--table NAME]\n\n'
    + 'Prints CREATE EXTERNAL TABLE for the trail in s3://BUCKET/AWSLogs/o-ID/, partitioned by account, region and day\n'
    + 'through partition projection (nothing to add by hand). Then: keytrail query FILTER --athena org, keytrail detect --athena RULE.',
  options: {
    bucket: { type: 'string' }, org: { type: 'string' }, accounts: { type: 'string' }, regions: { type: 'string' }, since: { type: 'string' }, table: { type: 'string' },
  },
  run,
};
