/**
 * Result types of the offline CloudTrail integrity validator.
 * Every path in a report is relative to the directory that was validated.
 */

/** What the validator concluded about one file. */
export type IntegrityStatus =
  /** Log: hash matches its digest. Digest: hash chain (and signature, when keys were given) verified. */
  | 'valid'
  /** Log file whose uncompressed SHA-256 differs from its digest, or with data after its gzip member. */
  | 'modified'
  /** Log file a digest lists but that is not in the local copy. */
  | 'missing'
  /** Local log file that no digest lists although a digest covers its delivery time. */
  | 'not-covered'
  /** Digest whose content no longer matches the hash the next digest recorded for it. */
  | 'digest-modified'
  /** Digest that a later digest names as its previous one but that is not in the local copy. */
  | 'digest-missing'
  /** Digest whose RSA signature does not verify with the supplied public key. */
  | 'signature-invalid'
  /** File that could not be checked (no digest covers it, no key, no signature): not proven good. */
  | 'unverifiable'
  /** Digest that cannot be read as a CloudTrail digest. */
  | 'malformed';

export const INTEGRITY_STATUSES: readonly IntegrityStatus[] = [
  'valid',
  'modified',
  'missing',
  'not-covered',
  'digest-modified',
  'digest-missing',
  'signature-invalid',
  'unverifiable',
  'malformed',
];

export interface FileIntegrity {
  /** Path relative to the validated directory (for missing files: where it was expected). */
  file: string;
  kind: 'log' | 'digest';
  status: IntegrityStatus;
  /** Relative path of the digest that judged this file, or null when none did. */
  digest: string | null;
  /** One sentence a responder can act on. May quote file names: sanitize before printing. */
  reason: string;
  /** For log files a digest lists: the event-time range the digest records for that file. */
  oldestEventTime?: string;
  newestEventTime?: string;
}

export type StatusCounts = Record<IntegrityStatus, number>;

export interface ValidationSummary extends StatusCounts {
  /** Log file entries in the report (listed by a digest or found locally). */
  logFiles: number;
  /** Digest files found locally, readable or not. */
  digests: number;
  /** True when every link between local digests verified and no digest is missing or broken. */
  chainOk: boolean;
  /** Restarts, forks and other discontinuities found in the local digest chains. */
  chainBreaks: number;
  /** Digests whose signature was verified against a supplied public key (valid or not). */
  signaturesChecked: number;
  /** Digests whose signature could not be checked (no keys, no matching key, no signature). */
  signaturesUnchecked: number;
  /** Public keys loaded from `options.publicKeys`. */
  publicKeys: number;
  /** Things the responder should know that belong to no single file (key files, chain breaks). */
  notes: string[];
}

export interface ValidationReport {
  files: FileIntegrity[];
  summary: ValidationSummary;
}

export interface ValidateOptions {
  /** Paths of public key files: `aws cloudtrail list-public-keys` JSON, PEM or DER. */
  publicKeys?: string[];
  /** Files hashed at once; default 8. */
  concurrency?: number;
}
