/**
 * What an import job resource remembers between events, kept in its physical id (CloudFormation
 * hands the physical id back with every Update and Delete; `Data` it does not):
 *
 *   `<pool>/import-job/<jobId>[/run-<rows>-<hash>][/ok-<rows>-<hash>]...`
 *
 * A marker `<rows>-<hash>` names a set of usernames: the first `rows` usernames of a file whose
 * chained hash (see {@link usernameChain}) at that row is `hash`. `ok-` markers are rows known to
 * be in the pool; the `run-` marker is the file the job `<jobId>` was given, trusted only once
 * that job has succeeded with no failed user. Older versions of this library wrote
 * `<pool>/import-job/<jobId>` (no marker).
 */
import { createHash } from 'crypto';

export interface Marker {
  readonly rows: number;
  /** 16 hex digits of the username chain at `rows`. */
  readonly hash: string;
}

export interface ImportJobState {
  readonly userPoolId: string;
  readonly jobId: string;
  /** The file given to `jobId`; imported only if that job succeeded. */
  readonly running?: Marker;
  /** Row sets known to be in the pool, newest first. */
  readonly imported: readonly Marker[];
}

/** At most this many `ok-` markers are kept: the physical id stays far below CloudFormation's 1 KB. */
export const MAX_MARKERS = 8;
/** Cognito's job ids: `import-` and letters, digits or dashes (DescribeUserImportJob's JobId pattern). */
const JOB_ID = /^import-[0-9a-zA-Z-]+$/;
const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const MARKER = /^(run|ok)-(\d+)-([0-9a-f]{16})$/;

export function formatState(state: ImportJobState): string {
  const markers = [
    ...(state.running ? [`run-${state.running.rows}-${state.running.hash}`] : []),
    ...state.imported.slice(0, MAX_MARKERS).map((m) => `ok-${m.rows}-${m.hash}`),
  ];
  return [state.userPoolId, 'import-job', state.jobId, ...markers].join('/');
}

/**
 * The state in a physical id, or undefined for an id this resource type never wrote as its
 * own (the provider framework's failed-Create marker, a request id). Unknown segments are
 * ignored: an id is read leniently.
 */
export function parseState(physicalId: string): ImportJobState | undefined {
  const [userPoolId, kind, jobId, ...rest] = physicalId.split('/');
  if (kind !== 'import-job' || !POOL_ID.test(userPoolId ?? '') || jobId === undefined) return undefined;
  let running: Marker | undefined;
  const imported: Marker[] = [];
  for (const segment of rest) {
    const m = MARKER.exec(segment);
    if (!m) continue;
    const marker = { rows: Number(m[2]), hash: m[3] };
    if (m[1] === 'run') running = marker;
    else imported.push(marker);
  }
  return { userPoolId, jobId, running, imported };
}

/** True when `jobId` can name a Cognito import job (anything else is never sent to Cognito). */
export function isJobId(jobId: string): boolean {
  return JOB_ID.test(jobId);
}

/**
 * The chained hash of a file's usernames, row after row: `chain[k]` covers the first k rows, so
 * one marker tells whether a file starts with exactly the rows of an earlier one (a rollback to
 * it, or rows appended to it).
 */
export function usernameChain(usernames: readonly string[]): string[] {
  const chain = [''];
  for (const username of usernames) {
    chain.push(createHash('sha256').update(`${chain[chain.length - 1]}\n${username}`).digest('hex'));
  }
  return chain;
}

export function markerAt(chain: readonly string[], rows: number): Marker {
  return { rows, hash: chain[rows].slice(0, 16) };
}

/** How many leading rows of the file (given by its chain) one of `markers` proves imported. */
export function coveredRows(chain: readonly string[], markers: readonly Marker[]): number {
  let covered = 0;
  for (const m of markers) {
    if (m.rows > covered && m.rows < chain.length && chain[m.rows].startsWith(m.hash)) covered = m.rows;
  }
  return covered;
}

/** `first` then `others` without repeats, at most {@link MAX_MARKERS}. */
export function mergeMarkers(first: Marker | undefined, others: readonly Marker[]): Marker[] {
  const out: Marker[] = [];
  for (const m of [...(first ? [first] : []), ...others]) {
    if (m.rows > 0 && !out.some((o) => o.rows === m.rows && o.hash === m.hash)) out.push(m);
  }
  return out.slice(0, MAX_MARKERS);
}
