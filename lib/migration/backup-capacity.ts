/**
 * How many users one backup run can list: the run pages through ListUsers and ListUsersInGroup
 * (both in Cognito's UserList category, 60 entries a call) at its share of the quota, within
 * the listing time the function's 15 minutes leave.
 */
import { QUOTA_RATES } from '../private/quota-rates';

/** The backup function's timeout, seconds (Lambda's maximum). */
export const BACKUP_TIMEOUT_SECONDS = 900;
/**
 * Seconds of listing one run is planned for: the 15 minutes less one for writing the files
 * (the function stops listing when less is left) and two for call latency, throttling retries
 * and the cold start.
 */
export const BACKUP_LISTING_SECONDS = 720;
/** Entries per ListUsers / ListUsersInGroup call (Cognito's maximum `Limit`). */
export const BACKUP_PAGE_SIZE = 60;
/** The backup function's default share of each Cognito quota. */
export const DEFAULT_BACKUP_QUOTA_SHARE = 0.25;

/** Users plus group memberships one run lists at `share` of the UserList quota. */
export function backupCapacity(share: number): number {
  return Math.floor(BACKUP_LISTING_SECONDS * QUOTA_RATES.UserList * share * BACKUP_PAGE_SIZE);
}
