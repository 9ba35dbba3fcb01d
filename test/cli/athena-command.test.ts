import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('keytrail athena and --athena, as a responder types them', () => {
  it('athena ddl prints the organization table; a missing or wrong argument says what to give', () => {
    const ddl = runCli(['athena', 'ddl', '--bucket', 'org-trail-logs', '--org', 'o-7k2m9q4x1z', '--accounts', '111122223333', '--regions', 'us-east-1,eu-west-1']);
    expect(ddl.status).toBe(0);
    expect(ddl.stdout).toContain("'projection.region.values' = 'us-east-1,eu-west-1'");
    const missing = runCli(['athena', 'ddl', '--bucket', 'org-trail-logs']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('needs --bucket BUCKET and --org o-...');
    expect(runCli(['athena', 'dll']).stderr).toContain('unknown athena subcommand "dll": use ddl');
  });

  it('query --athena SCHEME prunes by it, --paths lists objects, and a filter given as the scheme is refused', () => {
    const sql = runCli(['query', 'since:2026-11-21', 'until:2026-11-21', 'region:eu-west-1', '--athena', 'org', '--table', 'org_trail']);
    expect(sql.status).toBe(0);
    expect(sql.stdout).toContain('FROM org_trail');
    expect(sql.stdout).toContain(`"timestamp" IN ('2026/11/21', '2026/11/22')`);
    expect(sql.stdout).toContain("region = 'eu-west-1'");
    expect(sql.stdout).not.toMatch(/LIMIT/);
    expect(runCli(['query', 'key:alias/prod-data', '--athena', 'none', '--paths']).stdout).toContain('SELECT DISTINCT t.log_path AS "$path"');
    const typo = runCli(['query', '--athena', 'principal:alice']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('"principal:alice" is not a partition scheme: use none, manual, projection, org');
  });
});
