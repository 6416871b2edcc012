/**
 * What each `UserPoolTriggers` found in a slot before it set it, kept in the pool itself: one
 * tag per owner and slot, written by the same UpdateUserPool call that sets the slot. So the
 * record and the trigger land together or not at all: a retried Create whose write landed (its
 * answer lost) finds the record and keeps what was there before, instead of mistaking its own
 * function for the previous one. A released record keeps its key with an empty value (whether
 * UpdateUserPool removes omitted tags is not documented; an empty value reads as no record
 * either way).
 */
import { createHash } from 'crypto';
import { decodeValue, encodeValue, Slot, SlotValue } from './slots';

export const RECORD_PREFIX = 'cdk-cognito-userpools:trigger:';
/** Cognito's limit of a tag value. */
export const MAX_TAG_VALUE = 256;

/** One owner's record of one slot. */
export interface SlotRecord {
  /** The owner: a hash of the CloudFormation resource (stack id and logical id). */
  readonly owner: string;
  readonly slot: Slot;
  /** A hash of the value the owner wrote (to tell whether the slot still holds it). */
  readonly written: string;
  /** What the slot held before the owner set it. */
  readonly previous: SlotValue | undefined;
}

/** The owner id of a CloudFormation resource: stable across its requests and retries. */
export function ownerOf(stackId: string, logicalResourceId: string): string {
  return createHash('sha256').update(`${stackId}|${logicalResourceId}`).digest('hex').slice(0, 12);
}

export function valueHash(value: SlotValue | undefined): string {
  return createHash('sha256').update(encodeValue(value)).digest('hex').slice(0, 8);
}

export function recordKey(owner: string, slot: Slot): string {
  return `${RECORD_PREFIX}${owner}:${slot}`;
}

export function recordValue(record: SlotRecord): string {
  return `${record.written} ${encodeValue(record.previous)}`;
}

/** Every live record among the pool's tags (released ones, with an empty value, are left out). */
export function readRecords(tags: Record<string, string> | undefined): SlotRecord[] {
  const records: SlotRecord[] = [];
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (!key.startsWith(RECORD_PREFIX) || value === '') continue;
    const [owner, slot] = key.slice(RECORD_PREFIX.length).split(':');
    const space = value.indexOf(' ');
    if (!owner || !slot || space < 0) continue;
    records.push({ owner, slot: slot as Slot, written: value.slice(0, space), previous: decodeValue(value.slice(space + 1)) });
  }
  return records;
}
