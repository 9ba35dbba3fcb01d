import { checkTableName } from './sql-text.js';

/**
 * AWS's CloudTrail table with partition projection, for an organization trail: partitions
 * account, region and timestamp (yyyy/MM/dd) projected from the S3 layout
 * `AWSLogs/<org id>/<account>/CloudTrail/<region>/<yyyy>/<MM>/<dd>/`, so no partition is
 * ever added by hand and `keytrail query --athena org` prunes by day and region.
 */
export interface OrgTableSpec {
  bucket: string;
  orgId: string;
  accounts: string[];
  regions: string[];
  /** The first day to project, yyyy/MM/dd. */
  since: string;
  table?: string;
}

const COLUMNS = `  eventversion STRING,
  useridentity STRUCT<
    type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING, accesskeyid: STRING, username: STRING,
    onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>>>,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  readonly STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  vpcendpointaccountid STRING,
  eventcategory STRING,
  addendum STRUCT<reason: STRING, updatedfields: STRING, originalrequestid: STRING, originaleventid: STRING>,
  sessioncredentialfromconsole STRING,
  edgedevicedetails STRING,
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>`;

function check(spec: OrgTableSpec): void {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(spec.bucket)) throw new Error(`"${spec.bucket}" is not an S3 bucket name`);
  if (!/^o-[a-z0-9]{10,32}$/.test(spec.orgId)) throw new Error(`"${spec.orgId}" is not an organization id (o-...)`);
  const bad = spec.accounts.find((account) => !/^\d{12}$/.test(account)) ?? spec.regions.find((region) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region));
  if (bad !== undefined) throw new Error(`"${bad}" is not an account id (12 digits) or a region (us-east-1)`);
  if (spec.accounts.length === 0 || spec.regions.length === 0) throw new Error('name the accounts and regions to project (--accounts, --regions)');
  if (!/^\d{4}\/\d{2}\/\d{2}$/.test(spec.since)) throw new Error(`"${spec.since}" is not a day (yyyy/MM/dd)`);
}

export function orgTrailDdl(spec: OrgTableSpec): string {
  check(spec);
  const location = `s3://${spec.bucket}/AWSLogs/${spec.orgId}/`;
  return `CREATE EXTERNAL TABLE ${checkTableName(spec.table ?? 'cloudtrail_logs')} (
${COLUMNS}
)
COMMENT 'CloudTrail organization trail ${spec.orgId}, partitions projected from the S3 layout'
PARTITIONED BY (account STRING, region STRING, \`timestamp\` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${location}'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.account.type' = 'enum',
  'projection.account.values' = '${spec.accounts.join(',')}',
  'projection.region.type' = 'enum',
  'projection.region.values' = '${spec.regions.join(',')}',
  'projection.timestamp.type' = 'date',
  'projection.timestamp.format' = 'yyyy/MM/dd',
  'projection.timestamp.interval' = '1',
  'projection.timestamp.interval.unit' = 'DAYS',
  'projection.timestamp.range' = '${spec.since},NOW',
  'storage.location.template' = '${location}\${account}/CloudTrail/\${region}/\${timestamp}'
);`;
}
